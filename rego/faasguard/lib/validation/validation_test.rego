package faasguard.lib.validation_test

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.validation

_request(method, model, body, required, parameters) := {
	"method": method, "path": "/orders", "model": model, "validates_body": body,
	"required_parameters": required, "validates_parameters": parameters,
}

_facts(records) := {[r.kind, r.setting, r.value] | some r in records}

test_a_body_needs_a_model_and_body_validation if {
	_facts(validation.records("M", [], _request("POST", true, false, false, false))) == {
		["rest_method POST /orders", "request_body_validated", "false"],
	}
	_facts(validation.records("M", [], _request("PATCH", true, true, false, false))) == {
		["rest_method PATCH /orders", "request_body_validated", "true"],
	}
}

test_required_parameters_need_parameter_validation if {
	_facts(validation.records("M", [], _request("GET", false, false, true, false))) == {
		["rest_method GET /orders", "request_parameters_validated", "false"],
	}
	_facts(validation.records("M", [], _request("GET", false, false, false, false))) == set()
}

test_unknown_facts_and_the_preflight_give_no_record if {
	_facts(validation.records("M", [], _request("POST", true, validation.unknown, false, false))) == set()
	_facts(validation.records("M", [], _request("GET", false, false, validation.unknown, false))) == set()
	_facts(validation.records("M", [], _request("OPTIONS", false, false, true, false))) == set()

	# parameters validated whether or not they are required
	_facts(validation.records("M", [], _request("GET", false, false, validation.unknown, true))) == {
		["rest_method GET /orders", "request_parameters_validated", "true"],
	}
}

test_definition_validators if {
	definition := {
		"x-amazon-apigateway-request-validators": {"all": {"validateRequestBody": true, "validateRequestParameters": "true"}},
		"x-amazon-apigateway-request-validator": "all",
		"paths": {"/orders": {
			"parameters": [{"name": "id", "in": "path", "required": true}],
			"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}},
			"put": {"x-amazon-apigateway-request-validator": "missing"},
			"x-amazon-apigateway-any-method": {"x-amazon-apigateway-request-validator": null},
		}},
	}
	requests := {[r.method, r.model, r.validates_body, r.required_parameters, r.validates_parameters] |
		some [r, _] in validation.definition_requests(definition)
	}
	requests == {
		["POST", true, true, true, true],
		["PUT", false, validation.unknown, true, validation.unknown],
		["ANY", false, false, true, false],
	}
}

test_template_methods if {
	doc := {"Resources": {
		"Validator": {"Type": "AWS::ApiGateway::RequestValidator", "Properties": {"ValidateRequestParameters": true}},
		"List": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"HttpMethod": "GET", "RequestValidatorId": "Validator",
			"RequestParameters": {"method.request.querystring.status": "true"},
		}},
		"Create": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"HttpMethod": "post", "RequestValidatorId": {"Ref": "Validator"},
			"RequestModels": {"application/json": "Empty"},
		}},
	}}
	_facts(validation.resource_views(doc, cfn_apis.no_host)) == {
		["rest_method GET", "request_parameters_validated", "true"],
		["rest_method POST", "request_body_validated", "false"],
	}
}

test_sam_events if {
	functions := {"Fn": {"Events": {
		"Create": {"Type": "Api", "Properties": {
			"Path": "/orders", "Method": "post",
			"RequestModel": {"Model": "Order", "ValidateBody": true},
		}},
		"List": {"Type": "Api", "Properties": {
			"Path": "/orders", "Method": "get",
			"RequestParameters": ["method.request.querystring.page", {"method.request.querystring.status": {"Required": true}}],
		}},
		"Events": {"Type": "HttpApi", "Properties": {"Path": "/events", "Method": "post"}},
	}}}
	_facts(validation.sam_views({"Resources": {}}, functions)) == {
		["rest_method POST /orders", "request_body_validated", "true"],
		["rest_method GET /orders", "request_parameters_validated", "false"],
	}
}
