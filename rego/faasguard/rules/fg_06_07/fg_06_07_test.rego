package faasguard.rules.fg_06_07_test

import data.faasguard.rules.fg_06_07

_runtimes := {
	{"resource": "provider", "value": "python3.11", "functions": ["create", "list"]},
	{"resource": "get", "value": "python3.14", "functions": ["get"]},
	{"resource": "old", "value": "python3.9", "functions": ["old"]},
	{"resource": "custom", "value": "provided.custom-fork", "functions": ["custom"]},
}

_table := {"runtimes": {
	"python3.11": {"deprecated": "2027-06-30"},
	"python3.14": {"deprecated": "2029-06-30"},
	"python3.9": {"deprecated": "2025-12-15"},
}}

test_a_runtime_deprecated_within_the_window_is_reported if {
	# 2027-06-30 is 180 days after 2027-01-01; already deprecated and far-off runtimes are not
	results := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2027-01-01"}
	{r.resource | some r in results} == {"provider"}
	some r in results
	r.id == "FG_06_07"
	r.functions == ["create", "list"]
	contains(r.msg, `"python3.11" (deprecated on 2027-06-30)`)
}

test_a_day_before_the_window_nothing if {
	results := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2026-12-31"}
	results == set()
}

test_the_deprecation_day_itself_is_fg_06_01s if {
	before := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2027-06-29"}
	{r.resource | some r in before} == {"provider"}
	on_the_day := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2027-06-30"}
	on_the_day == set()
}

test_the_window_is_a_setting if {
	longer := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2026-12-31", "runtime_warning_days": 181}
	{r.resource | some r in longer} == {"provider"}
	off := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2027-01-01", "runtime_warning_days": 0}
	off == set()
	years := fg_06_07.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as _table
		with data.faasguard.config as {"today": "2026-07-01", "runtime_warning_days": 1200}
	{r.resource | some r in years} == {"provider", "get"}
}
