package faasguard.rules.fg_05_04_test

import data.faasguard.rules.fg_05_04

_setting(resource, setting, value) := {
	"resource": resource, "kind": "stage", "setting": setting,
	"value": value, "functions": [],
}

_monitored(resource) := {
	_setting(resource, "execution_logging", "ERROR"),
	_setting(resource, "metrics", "true"),
	_setting(resource, "tracing", "true"),
}

test_fully_monitored_stage_passes if {
	count(fg_05_04.deny) == 0 with data.faasguard.model.api_settings as _monitored("ProdStage")
		with data.faasguard.model.format as "cloudformation"
}

test_one_result_names_every_gap if {
	results := fg_05_04.deny with data.faasguard.model.api_settings as {
		_setting("ProdStage", "execution_logging", "OFF"),
		_setting("ProdStage", "metrics", "false"),
		_setting("ProdStage", "tracing", "true"),
	}
		with data.faasguard.model.format as "cloudformation"
	count(results) == 1
	some r in results
	contains(r.msg, "execution logging OFF")
	contains(r.msg, "detailed metrics off")
	not contains(r.msg, "X-Ray")
}

test_each_setting_alone if {
	every setting in {"execution_logging", "metrics", "tracing"} {
		stage := {s | some s in _monitored("provider"); s.setting != setting} | {_setting("provider", setting, "OFF")}
		{r.resource | some r in fg_05_04.deny} == {"provider"} with data.faasguard.model.api_settings as stage
			with data.faasguard.model.format as "serverless"
	}
}

test_info_logs if {
	others := {s | some s in _monitored("Api"); s.setting != "execution_logging"}
	stage := others | {_setting("Api", "execution_logging", "INFO")}
	count(fg_05_04.deny) == 0 with data.faasguard.model.api_settings as stage
		with data.faasguard.model.format as "sam"
}
