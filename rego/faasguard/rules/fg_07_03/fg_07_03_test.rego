package faasguard.rules.fg_07_03_test

import data.faasguard.rules.fg_07_03

_setting(resource, setting, value, functions) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": functions,
}

_choice(record, choice, index) := object.union(record, {"choice": choice, "choices": 2, "alternative": index})

_settings := {
	_setting("provider", "kms_key", "true", ["keyed"]),
	_setting("keyed", "environment_variables", "true", ["keyed"]),
	_setting("plain", "kms_key", "false", ["plain"]),
	_setting("plain", "environment_variables", "true", ["plain"]),
	_setting("bare", "kms_key", "false", ["bare"]),
	_setting("bare", "environment_variables", "false", ["bare"]),
	# the key in one alternative only
	_choice(_setting("maybe", "kms_key", "false", ["maybe"]), "m", 0),
	_choice(_setting("maybe", "kms_key", "true", ["maybe"]), "m", 1),
	_setting("maybe", "environment_variables", "true", ["maybe"]),
	# variables in one alternative only
	_setting("some", "kms_key", "false", ["some"]),
	_choice(_setting("some", "environment_variables", "true", ["some"]), "s", 0),
	_choice(_setting("some", "environment_variables", "false", ["some"]), "s", 1),
	# another kind of record in the same view is not read
	{"resource": "x", "kind": "other", "setting": "kms_key", "value": "false", "functions": ["plain"]},
}

test_only_functions_with_variables_and_no_key_in_every_alternative if {
	results := fg_07_03.deny with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
	{[r.resource, r.functions] | some r in results} == {["plain", ["plain"]]}
	every r in results {
		r.id == "FG_07_03"
		r.severity == data.faasguard.catalog.FG_07_03.severity
		contains(r.msg, "does not set a customer-managed KMS key")
	}
}

test_sam_globals_end_to_end if {
	template := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"Environment": {"Variables": {"TABLE": "orders"}}}},
		"Resources": {
			"Plain": {"Type": "AWS::Serverless::Function", "Properties": {}},
			"Keyed": {"Type": "AWS::Serverless::Function", "Properties": {"KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}},
			"Key": {"Type": "AWS::KMS::Key"},
		},
	}
	{r.resource | some r in fg_07_03.deny} == {"Plain"} with input as template
}

_service(provider) := {
	"service": "s",
	"provider": provider,
	"functions": {"a": {"handler": "a.h"}, "b": {"handler": "b.h", "kmsKeyArn": ""}},
}

test_serverless_provider_key_end_to_end if {
	keyed := {"name": "aws", "kmsKeyArn": "${ssm:/s/key}", "environment": {"A": "1"}}
	count(fg_07_03.deny) == 0 with input as _service(keyed)
	{r.resource | some r in fg_07_03.deny} == {"a", "b"} with input as _service({"name": "aws", "environment": {"A": "1"}})
}
