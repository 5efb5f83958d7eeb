package faasguard.rules.fg_10_01_test

import data.faasguard.rules.fg_10_01

_variable(resource, name, value, functions) := {
	"resource": resource, "name": name,
	"value": value, "functions": functions,
}

test_default_switches_are_reported_where_they_are_written if {
	denied := {[r.resource, r.functions] | some r in fg_10_01.deny}
		with data.faasguard.model.environment as {
			_variable("provider", "DJANGO_DEBUG", "True", ["api", "sync"]),
			_variable("sync", "log_level", "Trace", ["sync"]),
			_variable("report", "DEBUG", "false", ["report"]),
			_variable("report", "NODE_ENV", "production", ["report"]),
		}
		with data.faasguard.model.format as "serverless"
	denied == {["provider", ["api", "sync"]], ["sync", ["sync"]]}
}

test_the_setting_replaces_the_list_and_a_star_matches_any_value if {
	denied := {r.resource | some r in fg_10_01.deny}
		with data.faasguard.model.environment as {
			_variable("Api", "APP_VERBOSE", "yes", ["Api"]),
			_variable("Worker", "TRACE_SQL", "anything", ["Worker"]),
			_variable("Report", "DEBUG", "true", ["Report"]),
		}
		with data.faasguard.model.format as "cloudformation"
		with data.faasguard.config.debug_variables as ["APP_VERBOSE=yes", "TRACE_SQL=*"]
	denied == {"Api", "Worker"}
}

test_a_value_debug_in_one_alternative_only_is_not_reported if {
	denied := fg_10_01.deny with data.faasguard.model.environment as {
		object.union(_variable("Api", "DEBUG", "true", ["Api"]), {"choice": "c", "choices": 2, "alternative": 0}),
		object.union(_variable("Api", "DEBUG", "false", ["Api"]), {"choice": "c", "choices": 2, "alternative": 1}),
	}
		with data.faasguard.model.format as "cloudformation"
	count(denied) == 0
}
