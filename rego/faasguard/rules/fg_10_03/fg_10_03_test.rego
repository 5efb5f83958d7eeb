package faasguard.rules.fg_10_03_test

import data.faasguard.rules.fg_10_03

_response(resource, setting, value, functions) := {
	"resource": resource, "kind": "rest_api", "setting": setting,
	"value": value, "functions": functions,
}

test_both_defaults_pass if {
	count(fg_10_03.deny) == 0 with data.faasguard.model.api_settings as {
		_response("OrdersApi", "default_4xx_response", "true", []),
		_response("OrdersApi", "default_5xx_response", "true", []),
	}
		with data.faasguard.model.format as "cloudformation"
}

test_one_result_names_the_missing_types if {
	results := fg_10_03.deny with data.faasguard.model.api_settings as {
		_response("OrdersApi", "default_4xx_response", "false", []),
		_response("OrdersApi", "default_5xx_response", "false", []),
	}
		with data.faasguard.model.format as "cloudformation"
	count(results) == 1
	some r in results
	contains(r.msg, "REST API OrdersApi defines no DEFAULT_4XX or DEFAULT_5XX gateway response")
}

test_implicit_api_on_the_function if {
	results := fg_10_03.deny with data.faasguard.model.api_settings as {
		_response("ListOrders", "default_4xx_response", "true", ["ListOrders"]),
		_response("ListOrders", "default_5xx_response", "false", ["ListOrders"]),
	}
		with data.faasguard.model.format as "sam"
	some r in results
	contains(r.msg, "the implicit REST API of ListOrders defines no DEFAULT_5XX gateway response")
}
