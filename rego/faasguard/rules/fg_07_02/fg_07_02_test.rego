package faasguard.rules.fg_07_02_test

import data.faasguard.rules.fg_07_02

test_cloudformation_secrets_manager_reference if {
	template := {"Resources": {"Fn": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Environment": {"Variables": {
			"DB_PASSWORD": "{{resolve:secretsmanager:orders/db:SecretString:password}}",
			"DB_HOST": "{{resolve:ssm:/orders/db-host}}",
			"DB_SECRET_ARN": {"Ref": "Secret"},
		}}},
	}}}
	results := fg_07_02.deny with input as template
	{[r.resource, r.functions] | some r in results} == {["Fn", ["Fn"]]}
	some r in results
	contains(r.msg, "plaintext environment: environment.DB_PASSWORD;")
}

test_cloudformation_fn_if_on_unknown_condition_is_undecided if {
	template := {
		"Parameters": {"Stage": {"Type": "String"}},
		"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
		"Resources": {"Fn": {
			"Type": "AWS::Lambda::Function",
			"Properties": {"Environment": {"Variables": {"TOKEN": {"Fn::If": [
				"Prod",
				"{{resolve:secretsmanager:orders/token}}", "dev-token",
			]}}}},
		}},
	}
	count(fg_07_02.deny) == 0 with input as template
}

test_serverless_ssm_variables if {
	service := {
		"service": "orders",
		"provider": {"name": "aws", "environment": {"API_KEY": "${self:custom.apiKey}", "REGION": "${aws:region}"}},
		"custom": {"apiKey": "${ssm:/orders/api-key}"},
		"functions": {
			"a": {"handler": "a.h", "environment": {"DB": "${ssm(raw):/aws/reference/secretsmanager/orders/db}"}},
			"b": {"handler": "b.h", "environment": {"ACCOUNT": "${aws:accountId}", "URL": "https://x/${aws:ssm:/t}"}},
			"c": {"handler": "c.h"},
		},
	}
	results := fg_07_02.deny with input as service
	{[r.resource, r.functions] | some r in results} == {["provider", ["a", "b", "c"]], ["a", ["a"]], ["b", ["b"]]}
}

test_terraform_data_source_values if {
	module := {"resource": {"aws_lambda_function": {
		"reader": [{"function_name": "reader", "environment": [{"variables": {
			"DB_PASSWORD": "${jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)[\"password\"]}",
		}}]}],
		"arn_only": [{"function_name": "arn_only", "environment": [{"variables": {
			"DB_SECRET_ARN": "${data.aws_secretsmanager_secret_version.db.arn}",
			"TOKEN_PARAM": "${data.aws_ssm_parameter.token.arn}",
		}}]}],
		"ssm": [{"function_name": "ssm", "environment": [{"variables": {"TOKEN": "${data.aws_ssm_parameter.token.value}"}}]}],
	}}}
	results := fg_07_02.deny with input as module
	{r.resource | some r in results} == {"aws_lambda_function.reader", "aws_lambda_function.ssm"}
}
