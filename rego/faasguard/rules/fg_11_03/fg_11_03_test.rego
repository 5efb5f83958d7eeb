package faasguard.rules.fg_11_03_test

import data.faasguard.rules.fg_11_03

_setting(resource, name, value) := {
	"resource": resource, "kind": "function", "setting": name,
	"value": value, "functions": [resource],
}

test_a_function_without_path_is_reported_unless_the_views_reach_it if {
	denied := {r.resource | some r in fg_11_03.deny}
		with data.faasguard.model.function_settings as {
			_setting("cleanup", "invoked_by", "absent"),
			_setting("orders", "invoked_by", "absent"),
			_setting("report", "invoked_by", "ReportPermission"),
		}
		with data.faasguard.model.lambda_permissions as {{"resource": "p", "functions": ["orders"]}}
		with data.faasguard.model.format as "cloudformation"
	denied == {"cleanup"}
}

test_reserved_concurrency_zero_is_reported_in_every_alternative_only if {
	denied := {r.resource | some r in fg_11_03.deny}
		with data.faasguard.model.function_settings as {
			_setting("parked", "concurrency_disabled", "true"),
			_setting("busy", "concurrency_disabled", "false"),
			object.union(_setting("maybe", "concurrency_disabled", "true"), {"choice": "c", "choices": 2, "alternative": 0}),
			object.union(_setting("maybe", "concurrency_disabled", "false"), {"choice": "c", "choices": 2, "alternative": 1}),
		}
		with data.faasguard.model.format as "sam"
	denied == {"parked"}
}

test_both_problems_of_one_function_are_one_result if {
	results := [r | some r in fg_11_03.deny]
		with data.faasguard.model.function_settings as {
			_setting("legacy", "invoked_by", "absent"),
			_setting("legacy", "concurrency_disabled", "true"),
		}
		with data.faasguard.model.format as "serverless"
	count(results) == 1
	results[0].functions == ["legacy"]
}
