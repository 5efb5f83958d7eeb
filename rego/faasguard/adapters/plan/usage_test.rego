package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

_usage_change(type, name, after) := {
	"address": sprintf("module.jobs.%s.%s", [type, name]), "module_address": "module.jobs", "mode": "managed",
	"type": type, "name": name, "change": {"actions": ["create"], "after": after, "after_unknown": {}},
}

test_child_module_outputs_are_paths if {
	views := plan.usage_views with input as {
		"format_version": "1.2",
		"resource_changes": [
			_usage_change("aws_lambda_function", "exported", {"reserved_concurrent_executions": -1}),
			_usage_change("aws_lambda_function", "quiet", {"reserved_concurrent_executions": -1}),
		],
		"configuration": {"root_module": {"module_calls": {"jobs": {"module": {"outputs": {
			"arn": {"expression": {"references": ["aws_lambda_function.exported.arn", "aws_lambda_function.exported"]}},
		}}}}}},
	}
	{[r.resource, r.setting, r.value] | some r in views.function_settings} == {
		["module.jobs.aws_lambda_function.exported", "invoked_by", "module.jobs.output.arn"],
		["module.jobs.aws_lambda_function.quiet", "invoked_by", "absent"],
		["module.jobs.aws_lambda_function.exported", "concurrency_disabled", "false"],
		["module.jobs.aws_lambda_function.quiet", "concurrency_disabled", "false"],
	}
}
