package faasguard.rules.fg_10_02_test

import data.faasguard.rules.fg_10_02

_setting(resource, setting, value, functions) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": functions,
}

test_a_debug_level_of_json_logs_is_reported if {
	denied := {[r.resource, r.functions] | some r in fg_10_02.deny}
		with data.faasguard.model.function_settings as {
			_setting("provider", "log_format", "JSON", ["reserve", "release"]),
			_setting("provider", "application_log_level", "DEBUG", ["reserve", "release"]),
			_setting("report", "log_format", "JSON", ["report"]),
			_setting("report", "system_log_level", "INFO", ["report"]),
		}
		with data.faasguard.model.format as "serverless"
	denied == {["provider", ["release", "reserve"]]}
}

test_text_logs_have_no_levels if {
	denied := fg_10_02.deny with data.faasguard.model.function_settings as {
		_setting("Ledger", "log_format", "TEXT", ["Ledger"]),
		_setting("Ledger", "system_log_level", "TRACE", ["Ledger"]),
	}
		with data.faasguard.model.format as "cloudformation"
	count(denied) == 0
}
