package faasguard.rules.fg_11_02_test

import data.faasguard.rules.fg_11_02

_trigger(resource, kind, value, functions) := {
	"resource": resource, "kind": kind, "setting": "trigger_enabled",
	"value": value, "functions": functions,
}

_settings := {
	_trigger("LegacyMapping", "trigger", "false", ["Worker"]),
	_trigger("OrdersMapping", "trigger", "true", ["Worker"]),
	_trigger("Export", "event Monthly", "false", ["Export"]),
	_trigger("Export", "event Weekly", "false", ["Export"]),
	_trigger("Export", "event Api", "true", ["Export"]),
}

test_disabled_triggers_and_events if {
	results := fg_11_02.deny with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "sam"
	{[r.resource, r.functions] | some r in results} == {["LegacyMapping", ["Worker"]], ["Export", ["Export"]]}
	some export in results
	export.resource == "Export"
	contains(export.msg, "declares disabled events Monthly, Weekly")
	some mapping in results
	mapping.resource == "LegacyMapping"
	contains(mapping.msg, "is a disabled trigger")
	mapping.severity == "INFO"
}

test_a_state_with_an_enabled_alternative_is_undecided if {
	settings := {
		{
			"resource": "Weekly", "kind": "trigger", "setting": "trigger_enabled", "value": "false", "functions": [],
			"choice": "Weekly#state", "choices": 2, "alternative": 0,
		},
		{
			"resource": "Weekly", "kind": "trigger", "setting": "trigger_enabled", "value": "true", "functions": [],
			"choice": "Weekly#state", "choices": 2, "alternative": 1,
		},
	}
	count(fg_11_02.deny) == 0 with data.faasguard.model.function_settings as settings
		with data.faasguard.model.format as "cloudformation"
}

test_serverless_end_to_end if {
	service := {
		"service": "inventory",
		"provider": {"name": "aws", "runtime": "nodejs22.x"},
		"functions": {"sync": {"handler": "h", "events": [
			{"sqs": "arn:aws:sqs:eu-west-1:123456789012:updates"},
			{"schedule": {"rate": "rate(1 hour)", "enabled": false}},
		]}},
	}
	{r.resource | some r in fg_11_02.deny} == {"sync"} with input as service
}
