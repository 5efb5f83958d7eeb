package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

# A normalized resource in the root module (lib/terraform/terraform.rego), with the unknown
# attributes and unknown_paths an adapter gives (lib/terraform/apis.rego).
_apis_resource(address, values, refs) := _apis_unsettled_resource(address, values, refs, set(), set())

_apis_unsettled_resource(address, values, refs, unknown, paths) := {
	"address": address,
	"type": split(address, ".")[0],
	"key": address,
	"scope": "",
	"values": values,
	"unknown": unknown,
	"refs": refs,
	"unknown_paths": paths,
}

_apis_function := _apis_resource("aws_lambda_function.orders", {"function_name": "orders"}, {})

_apis_api := _apis_resource("aws_api_gateway_rest_api.api", {"name": "api"}, {})

_apis_method(name, values, refs) := _apis_resource(
	sprintf("aws_api_gateway_method.%s", [name]),
	values,
	object.union({"rest_api_id": ["aws_api_gateway_rest_api.api"]}, refs),
)

_apis_operation(resource, api, kind, method, path, authorization, key, functions) := {
	"resource": resource, "api": api, "kind": kind, "method": method, "path": path,
	"authorization": authorization, "api_key_required": key, "functions": functions,
}

test_no_resources_no_api_views if {
	views := terraform.api_views with terraform.resources as set()
	every _, view in views {
		count(view) == 0
	}
}

test_rest_methods_with_paths_integrations_and_api_keys if {
	orders := _apis_resource(
		"aws_api_gateway_resource.orders", {"path_part": "orders"},
		{"parent_id": ["aws_api_gateway_rest_api.api"]},
	)
	order := _apis_resource(
		"aws_api_gateway_resource.order", {"path_part": "{id}"},
		{"parent_id": ["aws_api_gateway_resource.orders"]},
	)
	alias := _apis_resource("aws_lambda_alias.live", {"name": "live"}, {"function_name": ["aws_lambda_function.orders"]})
	get := _apis_method("get", {"http_method": "get", "authorization": "none", "api_key_required": true}, {
		"resource_id": ["aws_api_gateway_resource.order"],
	})
	root := _apis_method("root", {"http_method": "GET", "authorization": "AWS_IAM"}, {
		"resource_id": ["aws_api_gateway_rest_api.api"],
	})
	by_reference := _apis_resource(
		"aws_api_gateway_integration.get", {"http_method": "GET"},
		{"http_method": ["aws_api_gateway_method.get"], "uri": ["aws_lambda_alias.live"]},
	)
	by_place := _apis_resource(
		"aws_api_gateway_integration.root", {
			"http_method": "get",
			"uri": concat("", [
				"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/",
				"arn:aws:lambda:eu-west-1:1:function:orders/invocations",
			]),
		},
		{"resource_id": ["aws_api_gateway_rest_api.api"]},
	)
	resources := {_apis_api, _apis_function, alias, orders, order, get, root, by_reference, by_place}
	views := terraform.api_views with terraform.resources as resources
	views.api_operations == {
		_apis_operation(
			"aws_api_gateway_method.get", "aws_api_gateway_rest_api.api", "rest", "GET", "/orders/{id}",
			"NONE", true, ["aws_lambda_function.orders"],
		),
		_apis_operation(
			"aws_api_gateway_method.root", "aws_api_gateway_rest_api.api", "rest", "GET", "/",
			"AWS_IAM", false, ["aws_lambda_function.orders"],
		),
	}
}

test_rest_method_authorization_absent_choice_or_unknown if {
	absent := _apis_method("absent", {"http_method": "POST"}, {"resource_id": ["var.resource_id"]})
	choice := _apis_method(
		"choice", {
			"http_method": "PUT",
			"authorization": {"faasguard_choice": ["NONE", "AWS_IAM"], "choices": 3},
		},
		{},
	)
	unknown := _apis_unsettled_resource(
		"aws_api_gateway_method.unknown", {"http_method": "GET"}, {},
		{"authorization"}, set(),
	)
	no_method := _apis_unsettled_resource(
		"aws_api_gateway_method.no_method", {"authorization": "NONE"}, {},
		{"http_method"}, set(),
	)
	views := terraform.api_views with terraform.resources as {absent, choice, unknown, no_method}
	{[o.resource, o.path, o.authorization, object.get(o, "alternative", -1)] | some o in views.api_operations} == {
		["aws_api_gateway_method.absent", "", "NONE", -1],
		["aws_api_gateway_method.choice", "", "NONE", 0],
		["aws_api_gateway_method.choice", "", "AWS_IAM", 1],
	}
	every o in views.api_operations {
		o.api == ""
	}
}

test_a_path_part_only_deployment_settles_is_a_star if {
	items := _apis_resource(
		"aws_api_gateway_resource.items", {"path_part": {"faasguard_choice": ["a", "b"], "choices": 2}},
		{"parent_id": ["aws_api_gateway_rest_api.api"]},
	)
	get := _apis_method("get", {"http_method": "GET", "authorization": "NONE"}, {
		"resource_id": ["aws_api_gateway_resource.items"],
	})
	views := terraform.api_views with terraform.resources as {_apis_api, items, get}
	{o.path | some o in views.api_operations} == {"/*"}
}

_apis_http_api := _apis_resource("aws_apigatewayv2_api.http", {"protocol_type": "HTTP"}, {})

_apis_ws_api := _apis_resource("aws_apigatewayv2_api.ws", {"protocol_type": "WEBSOCKET"}, {})

_apis_route(name, api, values) := _apis_resource(
	sprintf("aws_apigatewayv2_route.%s", [name]),
	values,
	{"api_id": [api], "target": ["aws_apigatewayv2_integration.lambda"]},
)

test_routes_of_http_and_websocket_apis if {
	integration := _apis_resource(
		"aws_apigatewayv2_integration.lambda", {},
		{"integration_uri": ["aws_lambda_function.orders"]},
	)
	routes := {
		_apis_route("get", "aws_apigatewayv2_api.http", {"route_key": "GET /orders", "authorization_type": "JWT"}),
		_apis_route("default", "aws_apigatewayv2_api.http", {"route_key": "$default", "api_key_required": "true"}),
		_apis_route("odd", "aws_apigatewayv2_api.http", {"route_key": "GET "}),
		_apis_route("connect", "aws_apigatewayv2_api.ws", {"route_key": "$connect"}),
		_apis_route("message", "aws_apigatewayv2_api.ws", {"route_key": "sendMessage"}),
	}
	resources := routes | {_apis_http_api, _apis_ws_api, integration, _apis_function}
	views := terraform.api_views with terraform.resources as resources
	{[o.resource, o.kind, o.method, o.path, o.authorization, o.api_key_required] | some o in views.api_operations} == {
		["aws_apigatewayv2_route.get", "http", "GET", "/orders", "JWT", false],
		["aws_apigatewayv2_route.default", "http", "ANY", "$default", "NONE", true],
		["aws_apigatewayv2_route.odd", "http", "", "GET ", "NONE", false],
		["aws_apigatewayv2_route.connect", "websocket", "", "$connect", "NONE", false],
		["aws_apigatewayv2_route.message", "websocket", "", "sendMessage", "NONE", false],
	}
	every o in views.api_operations {
		o.functions == ["aws_lambda_function.orders"]
	}
}

test_routes_of_an_api_defined_elsewhere_are_read_by_their_key if {
	routes := {
		_apis_route("get", "var.api_id", {"route_key": "GET /orders"}),
		_apis_route("connect", "var.api_id", {"route_key": "$connect"}),
		_apis_route("default", "var.api_id", {"route_key": "$default"}),
	}
	views := terraform.api_views with terraform.resources as routes
	{[o.resource, o.kind, o.api] | some o in views.api_operations} == {
		["aws_apigatewayv2_route.get", "http", ""],
		["aws_apigatewayv2_route.connect", "websocket", ""],
	}
}

test_quick_create_has_a_default_route_without_authorization if {
	quick := _apis_unsettled_resource(
		"aws_apigatewayv2_api.quick", {"protocol_type": "http"},
		{"target": ["aws_lambda_function.orders"]}, {"target"}, set(),
	)
	keyed := _apis_unsettled_resource(
		"aws_apigatewayv2_api.keyed", {"protocol_type": "HTTP", "route_key": "POST /hooks"}, {},
		{"target"}, set(),
	)
	ws := _apis_resource("aws_apigatewayv2_api.ws", {"protocol_type": "WEBSOCKET", "target": "arn:x"}, {})
	views := terraform.api_views with terraform.resources as {quick, keyed, ws, _apis_function}
	views.api_operations == {
		_apis_operation(
			"aws_apigatewayv2_api.quick", "aws_apigatewayv2_api.quick", "http", "ANY", "$default",
			"NONE", false, ["aws_lambda_function.orders"],
		),
		_apis_operation(
			"aws_apigatewayv2_api.keyed", "aws_apigatewayv2_api.keyed", "http", "POST", "/hooks",
			"NONE", false, [],
		),
	}
}
