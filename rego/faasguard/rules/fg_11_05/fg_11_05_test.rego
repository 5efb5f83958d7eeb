package faasguard.rules.fg_11_05_test

import data.faasguard.rules.fg_11_05

_record(resource, value) := {
	"resource": resource, "kind": "function", "setting": "old_versions",
	"value": value, "functions": [resource],
}

test_retained_and_unaliased_versions_pile_up if {
	settings := {
		_record("aws_lambda_function.checkout", "unaliased"),
		_record("aws_lambda_function.payments", "aliased"),
		_record("aws_lambda_function.receipts", "unpublished"),
		_record("Checkout", "retained"),
		_record("Receipts", "deleted"),
		_record("provider", "pruned"),
	}
	results := fg_11_05.deny with data.faasguard.model.function_settings as settings
		with data.faasguard.model.format as "terraform"
	{r.resource | some r in results} == {"aws_lambda_function.checkout", "Checkout"}
	some r in results
	r.resource == "aws_lambda_function.checkout"
	contains(r.msg, "no alias points at the function")
}

test_sam_default_policy_is_retain if {
	template := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Resources": {
			"Checkout": {
				"Type": "AWS::Serverless::Function",
				"Properties": {"Runtime": "python3.13", "AutoPublishAlias": "live"},
			},
			"Receipts": {"Type": "AWS::Serverless::Function", "Properties": {
				"Runtime": "python3.13", "AutoPublishAlias": "live",
				"VersionDeletionPolicy": "Delete",
			}},
			"Payments": {
				"Type": "AWS::Serverless::Function", "DeletionPolicy": "Delete",
				"Properties": {"Runtime": "python3.13", "AutoPublishAlias": "live", "VersionDeletionPolicy": "Retain"},
			},
			"Reports": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.13"}},
		},
	}
	{r.resource | some r in fg_11_05.deny} == {"Checkout"} with input as template
}

test_serverless_versions_by_default if {
	service := {"service": "checkout", "provider": {"name": "aws"}, "functions": {"api": {"handler": "h"}}}
	{r.resource | some r in fg_11_05.deny} == {"provider"} with input as service
	pruned := object.union(service, {
		"plugins": ["serverless-prune-plugin"],
		"custom": {"prune": {"automatic": true, "number": 3}},
	})
	count(fg_11_05.deny) == 0 with input as pruned
}
