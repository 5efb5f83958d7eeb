package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_monitoring_alarm(metric, function) := {"Type": "AWS::CloudWatch::Alarm", "Properties": {
	"Namespace": "AWS/Lambda", "MetricName": metric,
	"Dimensions": [{"Name": "FunctionName", "Value": function}],
}}

_monitoring_definition := {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}

_monitoring_service := {
	"service": "orders",
	"provider": {"name": "aws", "runtime": "python3.12"},
	"custom": {"level": "error", "alerts": {
		"definitions": {
			"slow": {"metric": "Duration", "threshold": 5000},
			"queueDepth": {"namespace": "AWS/SQS", "metric": "ApproximateNumberOfMessagesVisible"},
		},
		"alarms": ["functionErrors", "queueDepth", "notAPluginDefinition"],
	}},
	"functions": {
		"checkout": {
			"handler": "h.checkout", "name": "orders-checkout-fn",
			"alarms": ["functionThrottles", "slow", {"name": "custom", "metric": "${opt:metric}"}],
		},
		"refund": {"handler": "h.refund"},
	},
	"stepFunctions": {"stateMachines": {
		"fulfilment": {
			"loggingConfig": {"level": "${self:custom.level}"}, "tracingConfig": {"enabled": true},
			"definition": _monitoring_definition,
		},
		"refunds": {"tracingConfig": {"enabled": "${opt:trace}"}, "definition": _monitoring_definition},
	}},
	"resources": {"Resources": {
		"RefundThrottles": _monitoring_alarm("Throttles", {"Ref": "RefundLambdaFunction"}),
		"CheckoutByName": _monitoring_alarm("Invocations", "orders-checkout-fn"),
		"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [{"DataResources": [{
			"Type": "AWS::Lambda::Function",
			"Values": ["arn:aws:lambda"],
		}]}]}},
	}},
}

test_monitoring_records if {
	{[r.resource, r.setting, r.value, r.functions] | some r in serverless.monitoring_settings} == {
		# serverless-step-functions machines on provider; the level through ${self:}, upper-cased
		["provider", "stateMachines.fulfilment.tracing", "true", []],
		["provider", "stateMachines.fulfilment.log_level", "ERROR", []],
		["provider", "stateMachines.refunds.log_level", "OFF", []],
		# serverless-plugin-aws-alerts: custom.alerts.alarms watch every function (AWS/SQS is not Lambda's)
		["provider", "alarm_metric", "Errors", ["checkout", "refund"]],
		["checkout", "alarm_metric", "Throttles", ["checkout"]],
		["checkout", "alarm_metric", "Duration", ["checkout"]],
		["checkout", "alarm_metric", "*", ["checkout"]],
		# resources.Resources: <Name>LambdaFunction, and the function's `name`
		["RefundThrottles", "alarm_metric", "Throttles", ["refund"]],
		["CheckoutByName", "alarm_metric", "Invocations", ["checkout"]],
		["Trail", "lambda_data_events", "true", []],
	} with input as _monitoring_service
}

test_monitoring_unresolved_alerts if {
	service := object.union(_monitoring_service, {"custom": {"alerts": "${file(alerts.yml)}"}, "functions": {
		"checkout": {"handler": "h.checkout", "alarms": ["${opt:alarm}"]},
		"refund": {"handler": "h.refund"},
	}})
	{[r.resource, r.value, r.functions] | some r in serverless.monitoring_settings; r.setting == "alarm_metric"} == {
		["provider", "*", ["checkout", "refund"]],
		["checkout", "*", ["checkout"]],
		["RefundThrottles", "Throttles", ["refund"]],
		["CheckoutByName", "Invocations", ["checkout"]],
	} with input as service
}
