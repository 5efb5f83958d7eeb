package faasguard.rules.fg_11_04_test

import data.faasguard.rules.fg_11_04

_role(resource, value) := {
	"resource": resource, "kind": "iam_role", "setting": "referenced_by",
	"value": value, "functions": [],
}

_policy(resource, name, value) := {
	"resource": resource, "kind": "function", "setting": name,
	"value": value, "functions": [resource],
}

test_an_unreferenced_role_is_reported if {
	denied := {r.resource | some r in fg_11_04.deny}
		with data.faasguard.model.function_settings as {
			_role("SpareRole", "absent"),
			_role("WorkerRole", "WorkerFunction"),
		}
		with data.faasguard.model.format as "cloudformation"
	denied == {"SpareRole"}
}

test_a_retained_function_is_reported_once if {
	results := [[r.resource, r.functions] | some r in fg_11_04.deny]
		with data.faasguard.model.function_settings as {
			_policy("Helper", "deletion_policy", "RETAIN"),
			_policy("Helper", "update_replace_policy", "RETAINEXCEPTONCREATE"),
			_policy("Api", "deletion_policy", "DELETE"),
			_policy("Snap", "update_replace_policy", "SNAPSHOT"),
		}
		with data.faasguard.model.format as "sam"
	results == [["Helper", ["Helper"]]]
}
