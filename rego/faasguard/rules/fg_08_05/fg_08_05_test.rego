package faasguard.rules.fg_08_05_test

import data.faasguard.rules.fg_08_05

_setting(resource, value, functions) := {
	"resource": resource, "kind": "function", "setting": "recursive_loop",
	"value": value, "functions": functions,
}

test_allow_is_reported_where_it_is_set if {
	denied := {[r.resource, r.functions] | some r in fg_08_05.deny}
		with data.faasguard.model.function_settings as {
			_setting("aws_lambda_function_recursion_config.router", "Allow", ["aws_lambda_function.router"]),
			_setting("aws_lambda_function_recursion_config.audit", "Terminate", ["aws_lambda_function.audit"]),
		}
		with data.faasguard.model.format as "terraform"
	denied == {["aws_lambda_function_recursion_config.router", ["aws_lambda_function.router"]]}
}

test_an_undecided_choice_is_not_reported if {
	denied := fg_08_05.deny with data.faasguard.model.function_settings as {
		object.union(_setting("FanOut", "Allow", ["FanOut"]), {"choice": "c", "choices": 2, "alternative": 0}),
		object.union(_setting("FanOut", "Terminate", ["FanOut"]), {"choice": "c", "choices": 2, "alternative": 1}),
	}
		with data.faasguard.model.format as "cloudformation"
	count(denied) == 0
}
