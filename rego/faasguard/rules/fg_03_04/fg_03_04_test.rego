package faasguard.rules.fg_03_04_test

import data.faasguard.rules.fg_03_04

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

_domain := _setting("Orders", "rest_api", "custom_domain", "OrdersMapping")

test_a_mapped_api_with_the_default_endpoint if {
	denied := {r.resource | some r in fg_03_04.deny} with data.faasguard.model.api_settings as {
		_domain,
		_setting("Orders", "rest_api", "default_endpoint", "enabled"),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == {"Orders"}
}

test_a_disabled_endpoint_or_no_domain_passes if {
	denied := {r.resource | some r in fg_03_04.deny} with data.faasguard.model.api_settings as {
		_domain,
		_setting("Orders", "rest_api", "default_endpoint", "disabled"),
		_setting("Webhooks", "http_api", "default_endpoint", "enabled"),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

# the Serverless provider carries a REST and an HTTP API: a domain of one kind judges that kind only
test_the_domain_kind_must_match if {
	denied := {r.resource | some r in fg_03_04.deny} with data.faasguard.model.api_settings as {
		_setting("provider", "http_api", "custom_domain", "catalog.example.com"),
		_setting("provider", "rest_api", "default_endpoint", "enabled"),
		_setting("provider", "http_api", "default_endpoint", "disabled"),
	}
		with data.faasguard.model.format as "serverless"
	denied == set()
}

test_alternatives_decide_only_when_all_are_enabled if {
	choice := {"choice": "Orders#e", "choices": 2}
	denied := {r.resource | some r in fg_03_04.deny} with data.faasguard.model.api_settings as {
		_domain,
		object.union_n([_setting("Orders", "rest_api", "default_endpoint", "enabled"), choice, {"alternative": 1}]),
		object.union_n([_setting("Orders", "rest_api", "default_endpoint", "disabled"), choice, {"alternative": 0}]),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
