package faasguard.rules.fg_05_06_test

import data.faasguard.rules.fg_05_06

_alarm(resource, metric, functions) := {
	"resource": resource, "kind": "alarm", "setting": "alarm_metric",
	"value": metric, "functions": functions,
}

_function(id) := {"resource": id}

test_errors_and_throttles_needed if {
	denied := {r.resource | some r in fg_05_06.deny} with data.faasguard.model.functions as {
		_function("Checkout"), _function("Refund"), _function("Report"),
	}
		with data.faasguard.model.monitoring_settings as {
			_alarm("CheckoutErrors", "Errors", ["Checkout"]),
			_alarm("CheckoutThrottles", "Throttles", ["Checkout"]),
			_alarm("RefundErrors", "Errors", ["Refund"]),
			_alarm("ReportDuration", "Duration", ["Report"]),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Refund", "Report"}
}

test_message_names_the_missing_metrics if {
	results := fg_05_06.deny with data.faasguard.model.functions as {_function("Refund")}
		with data.faasguard.model.monitoring_settings as {_alarm("RefundErrors", "Errors", ["Refund"])}
		with data.faasguard.model.format as "cloudformation"
	some result in results
	contains(result.msg, "Throttles")
	not contains(result.msg, "Errors metric")
}

test_one_alarm_may_watch_several_functions if {
	denied := {r.resource | some r in fg_05_06.deny} with data.faasguard.model.functions as {
		_function("checkout"),
		_function("refund"),
	}
		with data.faasguard.model.monitoring_settings as {
			_alarm("provider", "Errors", ["checkout", "refund"]),
			_alarm("provider", "Throttles", ["checkout", "refund"]),
		}
		with data.faasguard.model.format as "serverless"
	denied == set()
}

# a metric only deployment settles counts as any metric (the alarm is undecided, the function not reported)
test_unknown_metric_counts_as_any if {
	denied := {r.resource | some r in fg_05_06.deny} with data.faasguard.model.functions as {_function("Checkout")}
		with data.faasguard.model.monitoring_settings as {_alarm("CheckoutAlarms", "*", ["Checkout"])}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_other_records_ignored if {
	denied := {r.resource | some r in fg_05_06.deny} with data.faasguard.model.functions as {_function("Checkout")}
		with data.faasguard.model.monitoring_settings as {{
			"resource": "Trail", "kind": "trail", "setting": "lambda_data_events",
			"value": "Errors", "functions": ["Checkout"],
		}}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Checkout"}
}
