package faasguard.rules.fg_12_03_test

import data.faasguard.rules.fg_12_03

_setting(resource, value) := {
	"resource": resource, "kind": "function", "setting": "snap_start",
	"value": value, "functions": [resource],
}

test_published_versions_are_reported_none_is_not if {
	denied := {r.resource | some r in fg_12_03.deny}
		with data.faasguard.model.function_settings as {_setting("quote", "PUBLISHEDVERSIONS"), _setting("price", "NONE")}
		with data.faasguard.model.format as "serverless"
	denied == {"quote"}
}
