package faasguard.rules.fg_03_05_test

import data.faasguard.rules.fg_03_05

_egress(resource, value) := {
	"resource": resource, "kind": "security_group", "setting": "egress",
	"value": value, "functions": ["worker"],
}

_ids(results) := {r.resource | some r in results}

test_all_protocols_to_anywhere_is_open if {
	settings := {
		_egress("Open4", "-1 0.0.0.0/0"), _egress("Open6", "-1 ::/0"),
		_egress("Https", "tcp 0.0.0.0/0"), _egress("Vpc", "-1 10.0.0.0/16"),
	}
	found := fg_03_05.deny with data.faasguard.model.network_settings as settings
		with data.faasguard.model.format as "cloudformation"
	_ids(found) == {"Open4", "Open6"}
}

test_one_result_per_resource_naming_its_destinations if {
	settings := {_egress("Group", "-1 0.0.0.0/0"), _egress("Group", "-1 ::/0")}
	found := fg_03_05.deny with data.faasguard.model.network_settings as settings
		with data.faasguard.model.format as "terraform"
	count(found) == 1
	some result in found
	contains(result.msg, "0.0.0.0/0, ::/0")
	contains(result.msg, "worker")
}

test_an_alternative_violates_only_when_all_do if {
	settings := {
		object.union(_egress("Maybe", "-1 0.0.0.0/0"), {"choice": "c", "choices": 2, "alternative": 0}),
		object.union(_egress("Maybe", "tcp 0.0.0.0/0"), {"choice": "c", "choices": 2, "alternative": 1}),
	}
	found := fg_03_05.deny with data.faasguard.model.network_settings as settings
		with data.faasguard.model.format as "cloudformation"
	count(found) == 0
}

test_other_kinds_are_not_read if {
	settings := {object.union(_egress("Other", "-1 0.0.0.0/0"), {"kind": "vpc_endpoint"})}
	found := fg_03_05.deny with data.faasguard.model.network_settings as settings
		with data.faasguard.model.format as "cloudformation"
	count(found) == 0
}
