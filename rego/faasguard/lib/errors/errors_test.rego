package faasguard.lib.errors_test

import data.faasguard.model

# [resource, setting, value] of the log-level records of an input
_levels(records) := {[r.resource, r.setting, r.value] |
	some r in records
	r.setting in {"log_format", "application_log_level", "system_log_level"}
}

test_sam_logging_config_merges_globals_with_lambda_defaults if {
	records := model.function_settings with input as {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"LoggingConfig": {"LogFormat": "json", "ApplicationLogLevel": "debug"}}},
		"Resources": {
			"Api": {"Type": "AWS::Serverless::Function", "Properties": {}},
			"Plain": {"Type": "AWS::Lambda::Function", "Properties": {}},
		},
	}
	_levels(records) == {
		["Api", "log_format", "JSON"],
		["Api", "application_log_level", "DEBUG"],
		["Api", "system_log_level", "INFO"],
	}
}

test_terraform_logging_config_leaves_out_what_deployment_settles if {
	records := model.function_settings with input as {"resource": {"aws_lambda_function": {"pay": [{
		"function_name": "pay",
		"logging_config": [{"log_format": "JSON", "application_log_level": "${var.level}"}],
	}]}}}
	_levels(records) == {
		["aws_lambda_function.pay", "log_format", "JSON"],
		["aws_lambda_function.pay", "system_log_level", "INFO"],
	}
}

test_serverless_function_logs_fall_back_to_the_provider if {
	records := model.function_settings with input as {
		"service": "inventory",
		"provider": {"name": "aws", "logs": {"lambda": {"logFormat": "JSON", "applicationLogLevel": "TRACE"}}},
		"functions": {"reserve": {"handler": "r.h"}, "report": {"handler": "p.h", "logs": {"systemLogLevel": "WARN"}}},
	}
	_levels(records) == {
		["provider", "log_format", "JSON"], ["provider", "application_log_level", "TRACE"],
		["provider", "system_log_level", "INFO"], ["report", "log_format", "JSON"],
		["report", "application_log_level", "TRACE"], ["report", "system_log_level", "WARN"],
	}
}

test_text_of_unset_and_unknown_values if {
	data.faasguard.lib.errors.text("", "INFO") == "INFO"
	data.faasguard.lib.errors.text("warn", "INFO") == "WARN"
	not data.faasguard.lib.errors.text("${ssm:/level}", "INFO")
}

test_a_plan_leaves_out_a_level_known_after_apply if {
	records := model.function_settings with input as {"resource_changes": [{
		"address": "aws_lambda_function.pay", "mode": "managed", "type": "aws_lambda_function", "name": "pay",
		"change": {
			"actions": ["create"],
			"after": {"function_name": "pay", "logging_config": [{"log_format": "JSON", "system_log_level": ""}]},
			"after_unknown": {"logging_config": [{"application_log_level": true}]},
		},
	}]}
	_levels(records) == {
		["aws_lambda_function.pay", "log_format", "JSON"],
		["aws_lambda_function.pay", "system_log_level", "INFO"],
	}
}
