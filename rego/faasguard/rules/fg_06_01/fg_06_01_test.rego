package faasguard.rules.fg_06_01_test

import data.faasguard.rules.fg_06_01

# 2026-01-01T00:00:00Z
_new_year_2026 := 1767225600000000000

# 2023-12-04T00:00:00Z, the day python3.7 was deprecated
_python37_deprecation := 1701648000000000000

_runtimes := {
	{"resource": "provider", "value": "python3.7", "functions": ["create", "list"]},
	{"resource": "get", "value": "python3.12", "functions": ["get"]},
	{"resource": "custom", "value": "provided.custom-fork", "functions": ["custom"]},
}

test_deprecated_runtime_is_reported_on_its_resource if {
	results := fg_06_01.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _new_year_2026
	reported := {[r.id, r.resource, r.functions, r.format] | some r in results}
	reported == {["FG_06_01", "provider", ["create", "list"], "serverless"]}
	some r in results
	r.severity == data.faasguard.catalog.FG_06_01.severity
	r.sas == data.faasguard.catalog.FG_06_01.sas
	contains(r.msg, `"python3.7" (deprecated on 2023-12-04)`)
	contains(r.msg, "affects create, list")
	contains(r.msg, data.faasguard.catalog.FG_06_01.fix.serverless)
}

test_deprecated_on_today_counts if {
	count(fg_06_01.deny) == 1 with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _python37_deprecation
}

test_not_yet_deprecated if {
	count(fg_06_01.deny) == 0 with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _python37_deprecation - 1
}

test_dates_come_from_the_runtime_data if {
	runtimes := {"runtimes": {"python3.12": {"deprecated": "2025-01-01"}}}
	{r.resource | some r in fg_06_01.deny} == {"get"} with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with data.faasguard.runtimes as runtimes
		with time.now_ns as _new_year_2026
}

test_sam_globals_runtime_end_to_end if {
	template := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"Runtime": "nodejs16.x"}},
		"Resources": {
			"Api": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.h"}},
			"Image": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*", "Properties": {"PackageType": "Image"}},
			"Modern": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "nodejs22.x"}},
		},
	}
	{[r.resource, r.format] | some r in fg_06_01.deny} == {["Api", "sam"]} with input as template
		with time.now_ns as _new_year_2026
}
