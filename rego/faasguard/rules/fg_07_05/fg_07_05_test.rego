package faasguard.rules.fg_07_05_test

import data.faasguard.rules.fg_07_05

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

test_data_trace_on if {
	denied := {r.resource | some r in fg_07_05.deny} with data.faasguard.model.api_settings as {
		_setting("aws_api_gateway_method_settings.all", "stage", "data_trace", "true"),
		_setting("aws_apigatewayv2_stage.chat", "stage", "data_trace", "false"),
	}
		with data.faasguard.model.format as "terraform"
	denied == {"aws_api_gateway_method_settings.all"}
}

test_execution_data_needs_a_level_that_logs if {
	denied := {r.resource | some r in fg_07_05.deny} with data.faasguard.model.api_settings as {
		_setting("aws_sfn_state_machine.a", "state_machine", "include_execution_data", "true"),
		_setting("aws_sfn_state_machine.a", "state_machine", "log_level", "ALL"),
		_setting("aws_sfn_state_machine.b", "state_machine", "include_execution_data", "true"),
		_setting("aws_sfn_state_machine.b", "state_machine", "log_level", "OFF"),
		_setting("aws_sfn_state_machine.c", "state_machine", "include_execution_data", "false"),
		_setting("aws_sfn_state_machine.c", "state_machine", "log_level", "ERROR"),
	}
		with data.faasguard.model.format as "terraform"
	denied == {"aws_sfn_state_machine.a"}
}

test_one_result_when_a_resource_does_both if {
	count(fg_07_05.deny) == 1 with data.faasguard.model.api_settings as {
		_setting("provider", "stage", "data_trace", "true"),
		_setting("provider", "state_machine", "include_execution_data", "true"),
		_setting("provider", "state_machine", "log_level", "ALL"),
	}
		with data.faasguard.model.format as "serverless"
}
