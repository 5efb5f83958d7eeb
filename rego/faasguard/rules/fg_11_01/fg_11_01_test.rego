package faasguard.rules.fg_11_01_test

import data.faasguard.rules.fg_06_01
import data.faasguard.rules.fg_11_01

# 2026-01-01T00:00:00Z
_new_year_2026 := 1767225600000000000

_runtimes := {
	{"resource": "provider", "value": "nodejs18.x", "functions": ["email", "sms"]},
	{"resource": "push", "value": "nodejs22.x", "functions": ["push"]},
}

test_obsolete_runtime_is_reported_as_a_function_to_retire if {
	results := fg_11_01.deny with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _new_year_2026
	{[r.id, r.resource, r.functions] | some r in results} == {["FG_11_01", "provider", ["email", "sms"]]}
	some r in results
	r.severity == "HIGH"
	contains(r.msg, `obsolete runtime "nodejs18.x" (deprecated since 2025-09-01)`)
	contains(r.msg, "retire the function")
}

test_same_verdict_as_fg_06_01 if {
	resources := {r.resource | some r in fg_11_01.deny} with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _new_year_2026
	deprecated := {r.resource | some r in fg_06_01.deny} with data.faasguard.model.runtimes as _runtimes
		with data.faasguard.model.format as "serverless"
		with time.now_ns as _new_year_2026
	resources == deprecated
}

test_alternatives_fail_only_when_all_are_obsolete if {
	choice := {"resource": "Fn", "functions": ["Fn"], "choice": "Fn#runtime", "choices": 2}
	runtimes := {
		object.union(choice, {"value": "nodejs18.x", "alternative": 0}),
		object.union(choice, {"value": "nodejs22.x", "alternative": 1}),
	}
	count(fg_11_01.deny) == 0 with data.faasguard.model.runtimes as runtimes
		with data.faasguard.model.format as "cloudformation"
		with time.now_ns as _new_year_2026
}
