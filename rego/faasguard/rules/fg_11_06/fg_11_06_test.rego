package faasguard.rules.fg_11_06_test

import data.faasguard.rules.fg_11_06

_functions contains {"resource": name, "name": name} if some name in ["api", "worker", "digest"]

_tag(resource, key, functions) := {
	"resource": resource, "kind": "function", "setting": "tag",
	"value": key, "functions": functions,
}

_settings := {
	_tag("provider", "team", ["api", "worker", "digest"]),
	_tag("api", "owner", ["api"]),
	_tag("digest", "*", ["digest"]),
}

test_function_without_owner_fails if {
	results := fg_11_06.deny with data.faasguard.model.functions as _functions
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
	{[r.resource, r.functions] | some r in results} == {["worker", ["worker"]]}
	some r in results
	contains(r.msg, "worker has no owner tag")
	r.severity == "INFO"
}

test_required_tags_come_from_the_settings if {
	results := fg_11_06.deny with data.faasguard.model.functions as _functions
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
		with data.faasguard.config.required_tags as ["owner", "data-classification"]
	{r.resource | some r in results} == {"api", "worker"}
	some r in results
	r.resource == "worker"
	contains(r.msg, "no owner, data-classification tag")
}

test_terraform_default_tags_count if {
	module := {
		"provider": {"aws": [{"region": "eu-west-1", "default_tags": [{"tags": {"owner": "platform"}}]}]},
		"resource": {"aws_lambda_function": {
			"api": [{"function_name": "api", "runtime": "python3.13", "handler": "h", "role": "r"}],
			"west": [{"function_name": "west", "runtime": "python3.13", "handler": "h", "role": "r", "provider": "${aws.west}"}],
		}},
	}
	{r.resource | some r in fg_11_06.deny} == {"aws_lambda_function.west"} with input as module
}
