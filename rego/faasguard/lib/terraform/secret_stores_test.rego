package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

_ss_resource(type, name, values, unknown) := {
	"address": key, "type": type, "key": key,
	"scope": "", "values": values, "unknown": unknown, "refs": {},
} if {
	key := sprintf("%s.%s", [type, name])
}

# a conditional between a key and "" (terraform.choice)
_ss_choice := {"faasguard_choice": ["arn:k", ""], "choices": 2}

_ss_resources := [
	object.union(_ss_resource("aws_lambda_function", "chosen", {}, {"kms_key_arn"}), {"unsettled": {"kms_key_arn"}}),
	object.union(
		_ss_resource("aws_lambda_function", "keyed", {}, {"kms_key_arn"}),
		{"written": {"environment": [{"variables": {"A": "${var.a}"}}]}},
	),
	_ss_resource("aws_lambda_function", "choice", {"kms_key_arn": _ss_choice}, set()),
	_ss_resource("aws_secretsmanager_secret", "db", {"name": "app/db"}, set()),
	_ss_resource("aws_secretsmanager_secret_rotation", "db", {"secret_id": "app/db"}, set()),
	object.union(
		_ss_resource("aws_ssm_parameter", "p", {"type": "String"}, {"name"}),
		{"written": {"name": "/${var.env}/token"}},
	),
]

_ss_values(views, view, address, setting) := {[r.value, object.get(r, "choices", 1)] |
	some r in views[view]
	r.resource == address
	r.setting == setting
}

test_key_settings if {
	views := terraform.secret_store_views with terraform.resources as _ss_resources
	_ss_values(views, "function_settings", "aws_lambda_function.chosen", "kms_key") == set()
	_ss_values(views, "function_settings", "aws_lambda_function.keyed", "kms_key") == {["true", 1]}
	_ss_values(views, "function_settings", "aws_lambda_function.choice", "kms_key") == {["true", 2], ["false", 2]}
}

test_variables_as_written if {
	views := terraform.secret_store_views with terraform.resources as _ss_resources
	_ss_values(views, "function_settings", "aws_lambda_function.keyed", "environment_variables") == {["true", 1]}
	_ss_values(views, "function_settings", "aws_lambda_function.choice", "environment_variables") == {["false", 1]}
}

test_rotation_by_name_and_name_pattern if {
	views := terraform.secret_store_views with terraform.resources as _ss_resources
	_ss_values(views, "secret_settings", "aws_secretsmanager_secret.db", "rotation") == {["true", 1]}
	_ss_values(views, "secret_settings", "aws_secretsmanager_secret.db", "kms_key") == {["false", 1]}
	_ss_values(views, "secret_settings", "aws_ssm_parameter.p", "name") == {["/*/token", 1]}
	_ss_values(views, "secret_settings", "aws_ssm_parameter.p", "type") == {["String", 1]}
}
