package faasguard.rules.fg_01_02_test

import data.faasguard.rules.fg_01_02

_setting(resource, setting, value) := {
	"resource": resource, "kind": "stage", "setting": setting,
	"value": value, "functions": [],
}

test_public_stages_without_an_association if {
	settings := {
		_setting("Prod", "endpoint_type", "EDGE"), _setting("Prod", "waf", "absent"),
		_setting("Beta", "endpoint_type", "REGIONAL"), _setting("Beta", "waf", "absent"),
	}
	denied := {r.resource | some r in fg_01_02.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == {"Prod", "Beta"}
}

test_an_association_or_a_private_api_passes if {
	settings := {
		_setting("Prod", "endpoint_type", "REGIONAL"), _setting("Prod", "waf", "ProdWebAcl"),
		_setting("Admin", "endpoint_type", "PRIVATE"), _setting("Admin", "waf", "absent"),
	}
	denied := {r.resource | some r in fg_01_02.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

# an unknown endpoint type (no record) or association (no waf record) decides nothing
test_unknown_values_decide_nothing if {
	settings := {_setting("Prod", "waf", "absent"), _setting("Beta", "endpoint_type", "EDGE")}
	denied := {r.resource | some r in fg_01_02.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_endpoint_alternatives_decide_only_when_all_are_public if {
	choice := {"choice": "Prod#e", "choices": 2}
	settings := {
		_setting("Prod", "waf", "absent"),
		object.union_n([_setting("Prod", "endpoint_type", "EDGE"), choice, {"alternative": 0}]),
		object.union_n([_setting("Prod", "endpoint_type", "PRIVATE"), choice, {"alternative": 1}]),
	}
	denied := {r.resource | some r in fg_01_02.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_the_finding_names_the_functions_of_an_implicit_api if {
	settings := {
		object.union(_setting("CreateOrder", "endpoint_type", "EDGE"), {"functions": ["CreateOrder"]}),
		object.union(_setting("CreateOrder", "waf", "absent"), {"functions": ["CreateOrder"]}),
	}
	found := [r | some r in fg_01_02.deny] with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "sam"
	count(found) == 1
	found[0].resource == "CreateOrder"
	contains(found[0].msg, "CreateOrder")
}
