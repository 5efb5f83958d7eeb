# The request records through each adapter (data.faasguard.model.api_settings), one small document per format.
package faasguard.lib.validation_test

_adapter_facts(settings) := {[s.resource, s.kind, s.setting, s.value] |
	some s in settings
	startswith(s.setting, "request_")
}

_body := json.marshal({
	"swagger": "2.0",
	"paths": {"/orders": {"post": {"parameters": [{"in": "body", "name": "o", "schema": {"type": "object"}}]}}},
})

test_terraform_module if {
	module := {"resource": {
		"aws_api_gateway_rest_api": {"api": [{"name": "orders", "body": _body}]},
		"aws_api_gateway_request_validator": {"body": [{
			"rest_api_id": "${aws_api_gateway_rest_api.api.id}",
			"validate_request_body": true,
		}]},
		"aws_api_gateway_method": {
			"create": [{
				"rest_api_id": "${aws_api_gateway_rest_api.api.id}", "http_method": "POST",
				"request_validator_id": "${aws_api_gateway_request_validator.body.id}",
				"request_models": [{"application/json": "${aws_api_gateway_model.order.name}"}],
			}],
			"list": [{
				"rest_api_id": "${aws_api_gateway_rest_api.api.id}", "http_method": "GET",
				"request_validator_id": "${aws_api_gateway_request_validator.body.id}",
				"request_parameters": [{"method.request.querystring.page": "${var.page_required}", "x": true}],
			}],
			"imported": [{"http_method": "PUT", "request_validator_id": "${var.validator}"}],
		},
	}}
	_adapter_facts(data.faasguard.model.api_settings) == {
		["aws_api_gateway_rest_api.api", "rest_method POST /orders", "request_body_validated", "false"],
		["aws_api_gateway_method.create", "rest_method POST", "request_body_validated", "true"],
		["aws_api_gateway_method.list", "rest_method GET", "request_parameters_validated", "false"],
		["aws_api_gateway_method.imported", "rest_method PUT", "request_body_validated", "false"],
	} with input as module
}

_change(type, name, after, after_unknown) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

_config(type, name, expressions) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type,
	"name": name, "expressions": expressions,
}

test_terraform_plan if {
	plan := {
		"format_version": "1.2",
		"resource_changes": [
			_change("aws_api_gateway_request_validator", "params", {"validate_request_parameters": true}, {"id": true}),
			_change(
				"aws_api_gateway_method", "list",
				{"http_method": "GET", "request_parameters": {"method.request.querystring.status": true}},
				{"request_validator_id": true},
			),
			_change("aws_api_gateway_method", "create", {"http_method": "POST", "request_models": {}}, {}),
		],
		"configuration": {"root_module": {"resources": [
			_config(
				"aws_api_gateway_request_validator", "params",
				{"validate_request_parameters": {"constant_value": true}},
			),
			_config("aws_api_gateway_method", "list", {
				"http_method": {"constant_value": "GET"},
				"request_validator_id": {"references": [
					"aws_api_gateway_request_validator.params.id",
					"aws_api_gateway_request_validator.params",
				]},
				"request_parameters": {"constant_value": {"method.request.querystring.status": true}},
			}),
			_config("aws_api_gateway_method", "create", {"http_method": {"constant_value": "POST"}}),
		]}},
	}
	_adapter_facts(data.faasguard.model.api_settings) == {
		["aws_api_gateway_method.list", "rest_method GET", "request_parameters_validated", "true"],
		["aws_api_gateway_method.create", "rest_method POST", "request_body_validated", "false"],
	} with input as plan
}

test_serverless_service if {
	service := {
		"service": "orders",
		"provider": {"name": "aws"},
		"custom": {"schema": {"type": "object"}},
		"functions": {
			"create": {"handler": "h", "events": [{"http": {
				"method": "post", "path": "orders",
				"request": {"schemas": {"application/json": "${self:custom.schema}"}},
			}}]},
			"search": {"handler": "h", "events": [{"http": {
				"method": "patch", "path": "orders",
				"request": {"parameters": {"headers": {"X-Id": {"required": true}}, "paths": {"id": "${opt:x}"}}},
			}}]},
			"update": {"handler": "h", "events": [
				{"http": "PUT orders/{id}"},
				{"http": {"method": "post", "path": "${opt:p}"}},
			]},
		},
		"resources": {"Resources": {"Legacy": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "ANY"}}}},
	}
	_adapter_facts(data.faasguard.model.api_settings) == {
		["create", "rest_method POST /orders", "request_body_validated", "true"],
		["search", "rest_method PATCH /orders", "request_body_validated", "false"],
		["search", "rest_method PATCH /orders", "request_parameters_validated", "true"],
		["update", "rest_method PUT /orders/{id}", "request_body_validated", "false"],
		["Legacy", "rest_method ANY", "request_body_validated", "false"],
	} with input as service
}

test_cloudformation_and_sam_templates if {
	method := {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "PUT"}}
	_adapter_facts(data.faasguard.model.api_settings) == {["M", "rest_method PUT", "request_body_validated", "false"]}
		with input as {"Resources": {"M": method}}
	sam := {"Transform": "AWS::Serverless-2016-10-31", "Resources": {
		"M": method,
		"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"E": {
			"Type": "Api", "Properties": {"Path": "/x", "Method": "post"},
		}}}},
	}}
	_adapter_facts(data.faasguard.model.api_settings) == {
		["M", "rest_method PUT", "request_body_validated", "false"],
		["Fn", "rest_method POST /x", "request_body_validated", "false"],
	} with input as sam
}
