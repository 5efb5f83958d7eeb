package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

# The loader's document of a module (docs/model.md): nested values left as "${…}" expressions are
# unknown paths of their resource, so the API views never take them for absent.
_apis_module := {
	"variable": {"minimum": [{"type": "number"}], "authorization": [{"default": "NONE"}]},
	"resource": {
		"aws_lambda_function": {"api": [{"function_name": "api"}]},
		"aws_iam_role": {"lambda": [{"name": "lambda"}]},
		"aws_api_gateway_method": {
			"open": [{
				"rest_api_id": "${aws_api_gateway_rest_api.api.id}",
				"resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
				"http_method": "GET",
				"authorization": "${var.authorization}",
			}],
			"gone": [{"count": 0, "http_method": "GET", "authorization": "NONE"}],
		},
		"aws_api_gateway_rest_api": {"api": [{"name": "api"}]},
		"aws_api_gateway_integration": {"open": [{
			"http_method": "${aws_api_gateway_method.open.http_method}",
			"uri": "${aws_lambda_function.api.invoke_arn}",
		}]},
		"aws_apigatewayv2_authorizer": {"jwt": [{
			"authorizer_type": "JWT",
			"name": "jwt",
			"jwt_configuration": [{
				"issuer": "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.pool.id}",
				"audience": ["${aws_cognito_user_pool_client.web.id}", "admin"],
			}],
		}]},
		"aws_cognito_user_pool": {"pool": [{"password_policy": [{
			"minimum_length": "${var.minimum}",
			"require_lowercase": true,
			"require_uppercase": true,
			"require_numbers": true,
			"require_symbols": "${var.minimum > 12 ? true : false}",
		}]}]},
	},
}

test_nested_values_the_adapter_cannot_settle_are_not_absent if {
	views := terraform.api_views with input as _apis_module
	views.api_operations == {{
		"resource": "aws_api_gateway_method.open", "api": "aws_api_gateway_rest_api.api", "kind": "rest",
		"method": "GET", "path": "/", "authorization": "NONE", "api_key_required": false,
		"functions": ["aws_lambda_function.api"],
	}}
	{[a.jwt_issuer, a.jwt_audiences] | some a in views.authorizers} == {[
		"(set at deployment)",
		["(set at deployment)", "admin"],
	]}
	views.cognito == {{"resource": "aws_cognito_user_pool.pool", "kind": "user_pool", "setting": "mfa", "value": "OFF"}}
}

test_other_formats_have_no_api_views if {
	terraform.api_views == {} with input as {"Resources": {}}
}
