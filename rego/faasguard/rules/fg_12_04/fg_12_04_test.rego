package faasguard.rules.fg_12_04_test

import data.faasguard.rules.fg_12_04

_setting(resource, setting, value) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": [resource],
}

_settings := {
	_setting("search", "tag:tenancy", "MULTI-TENANT"),
	_setting("search", "tenant_isolation", "absent"),
	_setting("render", "tag:tenancy", "MULTI-TENANT"),
	_setting("render", "tenant_isolation", "PER_TENANT"),
	_setting("audit", "tag:tenancy", "INTERNAL"),
	_setting("audit", "tenant_isolation", "absent"),
	_setting("audit", "tag:model", "POOLED"),
}

test_a_tagged_function_without_isolation_is_reported if {
	denied := {r.resource | some r in fg_12_04.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
	denied == {"search"}
}

test_the_tag_is_a_setting_and_a_bare_key_matches_any_value if {
	denied := {r.resource | some r in fg_12_04.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
		with data.faasguard.config.multi_tenant_tag as "model"
	denied == {"audit"}
}
