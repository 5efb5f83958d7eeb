package faasguard.rules.fg_05_05_test

import data.faasguard.rules.fg_05_05

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

# one alternative `i` of two of a tracing flag written with Fn::If
_alternative(value, i) := object.union(_setting("Machine", "state_machine", "tracing", value), {
	"choice": "Machine#tracing", "choices": 2, "alternative": i,
})

test_quiet_level_or_no_tracing if {
	denied := {r.resource | some r in fg_05_05.deny} with data.faasguard.model.api_settings as {
		_setting("Logged", "state_machine", "log_level", "ERROR"),
		_setting("Fatal", "state_machine", "log_level", "FATAL"),
	}
		with data.faasguard.model.monitoring_settings as {
			_setting("Logged", "state_machine", "tracing", "true"),
			_setting("Fatal", "state_machine", "tracing", "true"),
			_setting("Untraced", "state_machine", "tracing", "false"),
			_setting("Untraced", "state_machine", "log_level", "OFF"),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Fatal", "Untraced"}
}

test_one_result_naming_both_problems if {
	results := fg_05_05.deny with data.faasguard.model.api_settings as set()
		with data.faasguard.model.monitoring_settings as {
			_setting("Machine", "state_machine", "tracing", "false"),
			_setting("Machine", "state_machine", "log_level", "OFF"),
		}
		with data.faasguard.model.format as "cloudformation"
	count(results) == 1
	some result in results
	contains(result.msg, "level OFF")
	contains(result.msg, "X-Ray")
}

test_plugin_machines_on_provider if {
	results := fg_05_05.deny with data.faasguard.model.api_settings as set()
		with data.faasguard.model.monitoring_settings as {
			_setting("provider", "state_machine", "stateMachines.fulfilment.tracing", "false"),
			_setting("provider", "state_machine", "stateMachines.fulfilment.log_level", "ERROR"),
			_setting("provider", "state_machine", "stateMachines.refunds.tracing", "true"),
			_setting("provider", "state_machine", "stateMachines.refunds.log_level", "OFF"),
		}
		with data.faasguard.model.format as "serverless"
	{r.resource | some r in results} == {"provider"}
	some result in results
	contains(result.msg, "state machine fulfilment has no X-Ray tracing")
	contains(result.msg, "state machine refunds logs at level OFF")
}

test_alternatives_violate_only_together if {
	denied := {r.resource | some r in fg_05_05.deny} with data.faasguard.model.api_settings as set()
		with data.faasguard.model.monitoring_settings as {_alternative("true", 0), _alternative("false", 1)}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_every_alternative_untraced if {
	denied := {r.resource | some r in fg_05_05.deny} with data.faasguard.model.api_settings as set()
		with data.faasguard.model.monitoring_settings as {_alternative("false", 0), _alternative("false", 1)}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Machine"}
}
