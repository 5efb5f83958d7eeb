package faasguard.lib.terraform_test

import data.faasguard.adapters.terraform as hcl

# a module as the HCL loader writes it (one-entry lists unwrapped, references as "${...}")
_failure_module := {"resource": {
	"aws_lambda_function": {
		"plain": [{"function_name": "plain"}],
		"queued": [{"function_name": "queued", "dead_letter_config": [{"target_arn": "${aws_sqs_queue.dlq.arn}"}]}],
	},
	"aws_lambda_function_event_invoke_config": {"plain": [{
		"function_name": "${aws_lambda_function.plain.function_name}",
		"destination_config": [{"on_failure": [{"destination": "${aws_sqs_queue.dlq.arn}"}]}],
	}]},
	"aws_sqs_queue": {"dlq": [{"name": "dlq"}], "jobs": [{"name": "jobs"}]},
	"aws_sqs_queue_redrive_policy": {"jobs": [{"queue_url": "${aws_sqs_queue.jobs.id}", "redrive_policy": "{}"}]},
	"aws_lambda_event_source_mapping": {
		"jobs": [{"event_source_arn": "${aws_sqs_queue.jobs.arn}", "function_name": "${aws_lambda_function.queued.arn}"}],
		"stream": [{
			"event_source_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
			"function_name": "${aws_lambda_function.queued.arn}",
		}],
	},
	"aws_cloudwatch_event_target": {"nightly": [{"rule": "nightly", "arn": "${aws_lambda_function.plain.arn}"}]},
}}

_failure_row(r) := [r.resource, r.setting, r.value, r.functions]

test_failure_module if {
	views := hcl.failure_views with input as _failure_module
	{_failure_row(r) | some r in views.function_settings} == {
		["aws_lambda_function.plain", "async_failure_route", "on_failure_destination", ["aws_lambda_function.plain"]],
		["aws_lambda_function.queued", "async_failure_route", "dead_letter_queue", ["aws_lambda_function.queued"]],
	}
	{_failure_row(r) | some r in views.store_settings} == {
		# the redrive policy is its own resource
		["aws_sqs_queue.jobs", "redrive_policy", "set", ["aws_lambda_function.queued"]],
		["aws_lambda_event_source_mapping.stream", "on_failure_destination", "absent", ["aws_lambda_function.queued"]],
		["aws_cloudwatch_event_target.nightly", "dead_letter_queue", "absent", ["aws_lambda_function.plain"]],
	}
}
