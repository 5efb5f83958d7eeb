package faasguard.rules.fg_05_03_test

import data.faasguard.rules.fg_05_03

_stage(resource, value, functions) := {
	"resource": resource, "kind": "stage", "setting": "access_log",
	"value": value, "functions": functions,
}

test_stage_without_destination if {
	denied := {r.resource | some r in fg_05_03.deny} with data.faasguard.model.api_settings as {
		_stage("aws_api_gateway_stage.prod", "absent", []),
		_stage("aws_apigatewayv2_stage.default", "set", []),
	}
		with data.faasguard.model.format as "terraform"
	denied == {"aws_api_gateway_stage.prod"}
}

test_implicit_api_names_its_function if {
	results := fg_05_03.deny with data.faasguard.model.api_settings as {_stage("Orders", "absent", ["Orders"])}
		with data.faasguard.model.format as "sam"
	[r.functions | some r in results] == [["Orders"]]
}

_choice(i) := object.union(
	_stage("ProdStage", ["absent", "set"][i], []),
	{"choice": "c", "choices": 2, "alternative": i},
)

test_alternatives_decide_together if {
	count(fg_05_03.deny) == 0 with data.faasguard.model.api_settings as {_choice(0), _choice(1)}
		with data.faasguard.model.format as "cloudformation"
}

test_absent_in_every_alternative if {
	both := {object.union(_choice(i), {"value": "absent"}) | some i in [0, 1]}
	count(fg_05_03.deny) == 1 with data.faasguard.model.api_settings as both
		with data.faasguard.model.format as "cloudformation"
}

test_other_settings_are_ignored if {
	count(fg_05_03.deny) == 0 with data.faasguard.model.api_settings as {
		{"resource": "Api", "kind": "stage", "setting": "data_trace", "value": "absent", "functions": []},
		{"resource": "Api", "kind": "rest_api", "setting": "access_log", "value": "absent", "functions": []},
	}
		with data.faasguard.model.format as "sam"
}
