package faasguard.rules.fg_08_02_test

import data.faasguard.rules.fg_08_02

_setting(resource, value, functions) := {
	"resource": resource, "kind": "function", "setting": "timeout_seconds",
	"value": value, "functions": functions,
}

_settings := {
	_setting("provider", "60", ["createOrder", "report"]),
	_setting("rebuild", "900", ["rebuild"]),
	_setting("thumbnails", "120", ["thumbnails"]),
}

_operations := {{"resource": "createOrder", "functions": ["createOrder"]}}

test_the_maximum_and_the_api_maximum if {
	denied := {r.resource | some r in fg_08_02.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.api_operations as _operations
		with data.faasguard.model.format as "serverless"

	# provider's 60 s reaches createOrder, which an API calls
	denied == {"provider", "rebuild"}
}

test_settings_move_both_limits if {
	denied := {r.resource | some r in fg_08_02.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.api_operations as _operations
		with data.faasguard.model.format as "serverless"
		with data.faasguard.config.max_timeout_seconds as 100
		with data.faasguard.config.max_api_timeout_seconds as 60
	denied == {"rebuild", "thumbnails"}
}
