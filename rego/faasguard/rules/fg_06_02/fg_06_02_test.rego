package faasguard.rules.fg_06_02_test

import data.faasguard.rules.fg_06_02

_setting(resource, kind, setting, value, functions) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": functions,
}

test_an_unsigned_function_and_a_warning_config if {
	denied := {[r.resource, r.functions] | some r in fg_06_02.deny} with data.faasguard.model.function_settings as {
		_setting("Refund", "function", "code_signing_config", "absent", ["Refund"]),
		_setting("Charge", "function", "code_signing_config", "Config", ["Charge"]),
		_setting("Config", "code_signing_config", "untrusted_artifact_on_deployment", "Warn", ["Charge"]),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == {["Refund", ["Refund"]], ["Config", ["Charge"]]}
}

# a config of another stack cannot be judged; an enforcing config passes
test_enforced_or_external_configs_pass if {
	denied := fg_06_02.deny with data.faasguard.model.function_settings as {
		_setting("Refund", "function", "code_signing_config", "external", ["Refund"]),
		_setting("Charge", "function", "code_signing_config", "Config", ["Charge"]),
		_setting("Config", "code_signing_config", "untrusted_artifact_on_deployment", "Enforce", ["Charge"]),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_alternatives_decide_only_when_all_warn if {
	choice := {"choice": "Config#p", "choices": 2}
	warn := _setting("Config", "code_signing_config", "untrusted_artifact_on_deployment", "Warn", [])
	enforce := object.union(warn, {"value": "Enforce"})
	denied := fg_06_02.deny with data.faasguard.model.function_settings as {
		object.union_n([warn, choice, {"alternative": 0}]),
		object.union_n([enforce, choice, {"alternative": 1}]),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
