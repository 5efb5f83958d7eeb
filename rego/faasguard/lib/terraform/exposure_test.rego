package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

_exposure_resource(type, name, values, unknown_paths) := {
	"address": sprintf("%s.%s", [type, name]), "type": type, "key": sprintf("%s.%s", [type, name]),
	"scope": "", "values": values, "unknown": set(), "refs": {}, "unknown_paths": unknown_paths,
}

_exposure_resources := [
	_exposure_resource(
		"aws_api_gateway_rest_api", "api", {"disable_execute_api_endpoint": {
			"faasguard_choice": [true],
			"choices": 2,
		}},
		set(),
	),
	_exposure_resource("aws_api_gateway_method_settings", "known", {"settings": [{"data_trace_enabled": true}]}, set()),
	_exposure_resource(
		"aws_api_gateway_method_settings", "unknown", {"settings": [{}]},
		{["settings", 0, "data_trace_enabled"]},
	),
	_exposure_resource("aws_apigatewayv2_stage", "ws", {"route_settings": [{"data_trace_enabled": false}]}, set()),
	_exposure_resource("aws_sfn_state_machine", "m", {"logging_configuration": [{"level": "ALL"}]}, set()),
]

test_exposure_settings if {
	views := terraform.exposure_views with terraform.resources as _exposure_resources
	{[r.resource, r.setting, r.value, object.get(r, "choices", 1)] | some r in views.api_settings} == {
		["aws_api_gateway_rest_api.api", "default_endpoint", "disabled", 2],
		["aws_api_gateway_method_settings.known", "data_trace", "true", 1],
		["aws_apigatewayv2_stage.ws", "data_trace", "false", 1],
		["aws_sfn_state_machine.m", "include_execution_data", "false", 1],
		["aws_sfn_state_machine.m", "log_level", "ALL", 1],
	}
}
