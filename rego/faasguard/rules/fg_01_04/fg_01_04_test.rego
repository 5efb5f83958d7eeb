package faasguard.rules.fg_01_04_test

import data.faasguard.rules.fg_01_04

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

test_tls_10_domains_and_http_schemes if {
	settings := {
		_setting("LegacyDomain", "domain_name", "tls_policy", "TLS_1_0"),
		_setting("OrdersApi", "rest_api", "openapi_scheme", "http"),
		_setting("OrdersApi", "rest_api", "openapi_scheme", "https"),
	}
	denied := {r.resource | some r in fg_01_04.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == {"LegacyDomain", "OrdersApi"}
}

test_tls_12_enhanced_policies_and_https_pass if {
	settings := {
		_setting("LegacyDomain", "domain_name", "tls_policy", "TLS_1_2"),
		_setting("PartnersDomain", "domain_name", "tls_policy", "SECURITYPOLICY_TLS13_1_2_2021_06"),
		_setting("OrdersApi", "rest_api", "openapi_scheme", "https"),
	}
	denied := {r.resource | some r in fg_01_04.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_policy_alternatives_decide_only_when_all_are_weak if {
	choice := {"choice": "D#p", "choices": 2}
	settings := {
		object.union_n([_setting("D", "domain_name", "tls_policy", "TLS_1_0"), choice, {"alternative": 0}]),
		object.union_n([_setting("D", "domain_name", "tls_policy", "TLS_1_2"), choice, {"alternative": 1}]),
	}
	denied := {r.resource | some r in fg_01_04.deny} with data.faasguard.model.api_settings as settings
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
