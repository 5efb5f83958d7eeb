package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

# The OpenAPI bodies of the API views (apis_openapi.rego); helpers in apis_test.rego.

_apis_schemes := {
	"cognito": {"type": "apiKey", "x-amazon-apigateway-authtype": "cognito_user_pools"},
	"sigv4": {"type": "apiKey", "x-amazon-apigateway-authtype": "awsSigv4"},
	"token": {"type": "apiKey", "x-amazon-apigateway-authorizer": {"type": "TOKEN"}},
	"lambda": {"type": "apiKey", "x-amazon-apigateway-authtype": "custom"},
	"key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
	"oauth": {"type": "oauth2"},
	"later": {"type": "apiKey", "x-amazon-apigateway-authtype": "${var.authtype}"},
}

_apis_uri := concat("", [
	"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/",
	"arn:aws:lambda:us-east-1:1:function:orders/invocations",
])

_apis_body := json.marshal({
	"openapi": "3.0.1",
	"security": [{"cognito": []}],
	"components": {"securitySchemes": _apis_schemes},
	"paths": {
		"/orders": {
			"get": {"x-amazon-apigateway-integration": {"uri": _apis_uri}},
			"options": {"security": []},
			"post": {"security": [{"key": [], "sigv4": []}]},
			"parameters": [],
		},
		"/keys": {"GET": {"security": [{"key": []}, {"oauth": []}]}},
		"/lambda": {"delete": {"security": [{"lambda": []}]}},
		"/token": {"x-amazon-apigateway-any-method": {
			"security": [{"token": []}],
			"x-amazon-apigateway-integration": {"uri": "${aws_lambda_function.orders.invoke_arn}"},
		}},
		"/later": {"get": {"security": [{"later": []}]}},
		"/unsettled": {"get": {"security": "${var.security}"}, "put": "${local.operation}"},
		"/entry": {"get": {"security": ["${var.requirement}"]}},
		"/undefined": {"get": {"security": [{"nowhere": []}]}},
		"/summary": "not an operation",
	},
})

test_openapi_body_operations if {
	api := _apis_resource("aws_api_gateway_rest_api.api", {"body": _apis_body}, {})
	views := terraform.api_views with terraform.resources as {api, _apis_function}
	{[o.method, o.path, o.authorization, o.api_key_required, o.functions] | some o in views.api_operations} == {
		["GET", "/orders", "COGNITO_USER_POOLS", false, ["aws_lambda_function.orders"]],
		["OPTIONS", "/orders", "NONE", false, []],
		["POST", "/orders", "AWS_IAM", true, []],
		["GET", "/keys", "NONE", true, []],
		["DELETE", "/lambda", "CUSTOM", false, []],
		["ANY", "/token", "CUSTOM", false, ["aws_lambda_function.orders"]],
		["GET", "/undefined", "NONE", false, []],
	}
}

test_swagger_definitions_and_http_api_jwt if {
	swagger := _apis_resource(
		"aws_api_gateway_rest_api.swagger", {"body": json.marshal({
			"swagger": "2.0",
			"securityDefinitions": {"pool": {"x-amazon-apigateway-authorizer": {"type": "cognito_user_pools"}}},
			"paths": {"/a": {"get": {"security": [{"pool": []}]}}},
		})},
		{},
	)
	http_api := _apis_resource(
		"aws_apigatewayv2_api.http", {"protocol_type": "HTTP", "body": json.marshal({
			"openapi": "3.0.1",
			"components": {"securitySchemes": {"jwt": {"type": "oauth2", "x-amazon-apigateway-authorizer": {"type": "jwt"}}}},
			"paths": {"/b": {"get": {"security": [{"jwt": []}]}, "post": {}}},
		})},
		{},
	)
	views := terraform.api_views with terraform.resources as {swagger, http_api}
	{[o.resource, o.kind, o.method, o.authorization] | some o in views.api_operations} == {
		["aws_api_gateway_rest_api.swagger", "rest", "GET", "COGNITO_USER_POOLS"],
		["aws_apigatewayv2_api.http", "http", "GET", "JWT"],
		["aws_apigatewayv2_api.http", "http", "POST", "NONE"],
	}
}

test_unsettled_scheme_containers_leave_operations_to_deployment if {
	body := json.marshal({
		"components": "${var.components}",
		"paths": {"/a": {"get": {"security": [{"pool": []}]}, "put": {}}},
	})
	api := _apis_resource("aws_api_gateway_rest_api.api", {"body": body}, {})
	views := terraform.api_views with terraform.resources as {api}
	{[o.method, o.authorization] | some o in views.api_operations} == {["PUT", "NONE"]}
}

test_bodies_not_json_unknown_or_of_websocket_apis_give_nothing if {
	yaml_body := _apis_resource("aws_api_gateway_rest_api.yaml", {"body": "openapi: 3.0.1\npaths: {}\n"}, {})
	json_array := _apis_resource("aws_api_gateway_rest_api.array", {"body": "[]"}, {})
	unknown := _apis_unsettled_resource("aws_api_gateway_rest_api.unknown", {}, {}, {"body"}, set())
	ws := _apis_resource("aws_apigatewayv2_api.ws", {"protocol_type": "WEBSOCKET", "body": _apis_body}, {})
	views := terraform.api_views with terraform.resources as {yaml_body, json_array, unknown, ws}
	count(views.api_operations) == 0
}
