package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

test_outputs_and_module_calls_are_paths if {
	views := terraform.usage_views with input as {
		"resource": {
			"aws_iam_role": {"fn": [{"name": "fn"}], "spare": [{"name": "spare"}]},
			"aws_lambda_function": {
				"exported": [{"role": "${aws_iam_role.fn.arn}"}],
				"passed": [{"role": "${aws_iam_role.fn.arn}", "reserved_concurrent_executions": 0}],
				"quiet": [{"role": "${aws_iam_role.fn.arn}"}],
			},
		},
		"output": {"arn": [{"value": "${aws_lambda_function.exported.arn}"}]},
		"module": {"consumer": [{"source": "./c", "fn": "${aws_lambda_function.passed.arn}"}]},
	}
	{[r.resource, r.value] | some r in views.function_settings; r.setting in {"invoked_by", "concurrency_disabled"}} == {
		["aws_lambda_function.exported", "output.arn"], ["aws_lambda_function.passed", "module.consumer"],
		["aws_lambda_function.quiet", "absent"], ["aws_lambda_function.passed", "true"],
	}
	{[r.resource, r.value] | some r in views.function_settings; r.resource == "aws_iam_role.spare"} == {
		["aws_iam_role.spare", "absent"],
	}
}
