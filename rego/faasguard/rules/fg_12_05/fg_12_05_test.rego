package faasguard.rules.fg_12_05_test

import data.faasguard.rules.fg_12_05

_setting(resource, setting, value) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": [resource],
}

_settings := {
	_setting("Workflow", "durable_kms_key", "false"),
	_setting("Keyed", "durable_kms_key", "true"),
	_setting("Report", "ephemeral_storage_mb", "2048"),
	_setting("Thumbnails", "ephemeral_storage_mb", "512"),
}

test_durable_state_without_key_and_large_tmp_are_reported if {
	denied := {r.resource | some r in fg_12_05.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "cloudformation"
	denied == {"Workflow", "Report"}
}

test_the_tmp_threshold_is_a_setting if {
	denied := {r.resource | some r in fg_12_05.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "cloudformation"
		with data.faasguard.config.max_ephemeral_storage_mb as 4096
	denied == {"Workflow"}
}
