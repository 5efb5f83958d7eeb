package faasguard.rules.fg_08_07_test

import data.faasguard.rules.fg_08_07

_setting(resource, value, functions) := {
	"resource": resource, "kind": "function", "setting": "subnet_count",
	"value": value, "functions": functions,
}

test_one_subnet_is_reported if {
	denied := {[r.resource, r.functions] | some r in fg_08_07.deny}
		with data.faasguard.model.function_settings as {
			_setting("provider", "1", ["readOrder", "writeOrder"]),
			_setting("exportOrders", "2", ["exportOrders"]),
		}
		with data.faasguard.model.format as "serverless"
	denied == {["provider", ["readOrder", "writeOrder"]]}
}
