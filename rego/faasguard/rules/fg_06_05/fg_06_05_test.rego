package faasguard.rules.fg_06_05_test

import data.faasguard.rules.fg_06_05

_setting(resource, value, functions) := {
	"resource": resource, "kind": "function", "setting": "update_runtime_on",
	"value": value, "functions": functions,
}

test_manual_is_reported_where_it_is_set if {
	denied := {[r.resource, r.functions] | some r in fg_06_05.deny}
		with data.faasguard.model.function_settings as {
			_setting("provider", "MANUAL", ["api", "worker"]),
			_setting("report", "AUTO", ["report"]),
			_setting("sync", "FUNCTIONUPDATE", ["sync"]),
		}
		with data.faasguard.model.format as "serverless"
	denied == {["provider", ["api", "worker"]]}
}
