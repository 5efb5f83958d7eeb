package faasguard.rules.fg_08_03_test

import data.faasguard.rules.fg_08_03

_setting(resource, setting, value, functions) := {
	"resource": resource, "kind": "function", "setting": setting,
	"value": value, "functions": functions,
}

_settings := {
	_setting("provider", "memory_mb", "3008", ["thumbnail", "metadata"]),
	_setting("transcode", "memory_mb", "10240", ["transcode"]),
	_setting("transcode", "tag", "size-justification", ["transcode"]),
	_setting("unzip", "ephemeral_storage_mb", "4096", ["unzip"]),
	_setting("unzip", "memory_mb", "1024", ["unzip"]),
	_setting("metadata", "tag", "approved-size", ["metadata"]),
}

test_large_sizes_without_the_justification_tag if {
	denied := {r.resource | some r in fg_08_03.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
	denied == {"provider", "unzip"}
}

test_the_thresholds_and_the_tag_are_settings if {
	denied := {r.resource | some r in fg_08_03.deny}
		with data.faasguard.model.function_settings as _settings
		with data.faasguard.model.format as "serverless"
		with data.faasguard.config.max_memory_mb as 1024
		with data.faasguard.config.max_ephemeral_storage_mb as 4096
		with data.faasguard.config.size_justification_tag as "approved-size"

	# provider still names thumbnail, which has no approved-size tag
	denied == {"provider", "transcode", "unzip"}
}
