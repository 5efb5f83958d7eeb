package faasguard.rules.fg_01_01_test

import data.faasguard.rules.fg_01_01

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": ["create"],
}

test_an_unvalidated_body_or_parameter_fails if {
	denied := {r.resource | some r in fg_01_01.deny} with data.faasguard.model.api_settings as {
		_setting("create", "rest_method POST /orders", "request_body_validated", "false"),
		_setting("list", "rest_method GET /orders", "request_parameters_validated", "false"),
		_setting("Api", "rest_method PUT /orders", "request_body_validated", "true"),
	}
		with data.faasguard.model.format as "serverless"
	denied == {"create", "list"}
}

test_the_message_names_the_methods if {
	some r in fg_01_01.deny with data.faasguard.model.api_settings as {
		_setting("create", "rest_method POST /orders", "request_body_validated", "false"),
		_setting("create", "rest_method PUT /orders", "request_parameters_validated", "false"),
	}
		with data.faasguard.model.format as "serverless"
	contains(r.msg, "POST /orders: body")
	contains(r.msg, "PUT /orders: required parameters")
	r.functions == ["create"]
}

test_other_settings_and_validated_methods_pass if {
	denied := {r.resource | some r in fg_01_01.deny} with data.faasguard.model.api_settings as {
		_setting("create", "rest_method POST /orders", "request_body_validated", "true"),
		_setting("Api", "rest_api", "default_endpoint", "false"),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_alternatives_decide_only_when_all_are_unvalidated if {
	choice := {"choice": "M#v", "choices": 2}
	denied := {r.resource | some r in fg_01_01.deny} with data.faasguard.model.api_settings as {
		object.union_n([_setting("M", "rest_method POST", "request_body_validated", "false"), choice, {"alternative": 0}]),
		object.union_n([_setting("M", "rest_method POST", "request_body_validated", "true"), choice, {"alternative": 1}]),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}
