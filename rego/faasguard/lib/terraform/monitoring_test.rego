package faasguard.lib.terraform_test

import data.faasguard.adapters.plan
import data.faasguard.adapters.terraform as hcl

# a module as the HCL loader writes it (one-entry lists unwrapped, references as "${...}")
_monitoring_module := {
	"resource": {
		"aws_lambda_function": {"checkout": [{"function_name": "orders-checkout"}]},
		"aws_sfn_state_machine": {
			"quiet": [{"name": "quiet"}],
			"traced": [{
				"name": "traced", "tracing_configuration": [{"enabled": true}],
				"logging_configuration": [{"level": "ALL"}],
			}],
		},
		"aws_cloudwatch_metric_alarm": {
			"errors": [{
				"namespace": "AWS/Lambda", "metric_name": "Errors",
				"dimensions": [{"FunctionName": "${aws_lambda_function.checkout.function_name}"}],
			}],
			"any": [{
				"namespace": "AWS/Lambda", "metric_name": "${var.metric}",
				"dimensions": [{"FunctionName": "orders-checkout"}],
			}],
			"queue": [{"namespace": "AWS/SQS", "metric_name": "Errors", "dimensions": [{"FunctionName": "orders-checkout"}]}],
			"account": [{"namespace": "AWS/Lambda", "metric_name": "Throttles"}],
		},
		"aws_cloudtrail": {
			"lambda": [{"advanced_event_selector": [{"field_selector": [
				{"field": "resources.type", "equals": "AWS::Lambda::Function"},
			]}]}],
			"tables": [{"event_selector": [{"data_resource": [{
				"type": "AWS::DynamoDB::Table",
				"values": "arn:aws:dynamodb",
			}]}]}],
			"management": [{"name": "management"}],
		},
	},
	"variable": {"metric": [{}]},
	"faasguard_variable_references": {"aws_cloudwatch_metric_alarm.any": ["metric"]},
}

_monitoring_row(r) := [r.resource, r.setting, r.value, r.functions]

test_monitoring_module if {
	{_monitoring_row(r) | some r in hcl.monitoring_views.monitoring_settings} == {
		["aws_sfn_state_machine.quiet", "tracing", "false", []],
		["aws_sfn_state_machine.quiet", "log_level", "OFF", []],
		["aws_sfn_state_machine.traced", "tracing", "true", []],
		["aws_cloudwatch_metric_alarm.errors", "alarm_metric", "Errors", ["aws_lambda_function.checkout"]],
		# a metric only deployment settles: any metric
		["aws_cloudwatch_metric_alarm.any", "alarm_metric", "*", ["aws_lambda_function.checkout"]],
		["aws_cloudtrail.lambda", "lambda_data_events", "true", []],
		["aws_cloudtrail.tables", "lambda_data_events", "false", []],
		["aws_cloudtrail.management", "lambda_data_events", "false", []],
	} with input as _monitoring_module
}

# a plan: the alarm's function name known only after apply, from a function whose configuration it references
_monitoring_plan := {
	"format_version": "1.2",
	"terraform_version": "1.9.0",
	"resource_changes": [
		_monitoring_change("aws_lambda_function", "checkout", {"function_name": "orders-checkout"}, {}),
		_monitoring_change(
			"aws_cloudwatch_metric_alarm", "throttles",
			{"namespace": "AWS/Lambda", "metric_name": "Throttles", "dimensions": null},
			{"dimensions": true},
		),
		_monitoring_change("aws_cloudtrail", "audit", {"event_selector": [], "advanced_event_selector": []}, {}),
	],
	"configuration": {"root_module": {"resources": [
		{"address": "aws_lambda_function.checkout", "mode": "managed", "type": "aws_lambda_function", "name": "checkout"},
		{
			"address": "aws_cloudwatch_metric_alarm.throttles", "mode": "managed",
			"type": "aws_cloudwatch_metric_alarm", "name": "throttles",
			"expressions": {"dimensions": {"references": [
				"aws_lambda_function.checkout.function_name",
				"aws_lambda_function.checkout",
			]}},
		},
		{"address": "aws_cloudtrail.audit", "mode": "managed", "type": "aws_cloudtrail", "name": "audit"},
	]}},
}

_monitoring_change(type, name, after, after_unknown) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

test_monitoring_plan if {
	{_monitoring_row(r) | some r in plan.monitoring_views.monitoring_settings} == {
		["aws_cloudwatch_metric_alarm.throttles", "alarm_metric", "Throttles", ["aws_lambda_function.checkout"]],
		["aws_cloudtrail.audit", "lambda_data_events", "false", []],
	} with input as _monitoring_plan
}
