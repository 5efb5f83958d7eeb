package faasguard.rules.fg_08_01_test

import data.faasguard.rules.fg_08_01

_setting(resource, value) := {
	"resource": resource, "kind": "function", "setting": "reserved_concurrency",
	"value": value, "functions": [resource],
}

_settings := {
	_setting("orders_worker", "absent"),
	_setting("orders_api", "50"),
	_setting("legacy_export", "0"),
}

test_an_unreserved_function_fails_and_zero_is_not_this_rule if {
	denied := {r.resource | some r in fg_08_01.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "terraform"
	denied == {"orders_worker"}
}

test_a_ceiling_fails_a_larger_reservation if {
	denied := {r.resource | some r in fg_08_01.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "terraform"
		with data.faasguard.config.max_reserved_concurrency as 20
	denied == {"orders_worker", "orders_api"}
}
