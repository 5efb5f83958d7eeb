package faasguard.rules.fg_08_06_test

import data.faasguard.rules.fg_08_06

_route(resource, value) := {
	"resource": resource, "kind": "function", "setting": "async_failure_route",
	"value": value, "functions": [resource],
}

_store(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": ["Worker"],
}

_s3(function) := {"resource": "Uploads", "kind": "s3", "source": "Uploads", "functions": [function]}

test_async_function_without_routing if {
	denied := {r.resource | some r in fg_08_06.deny} with data.faasguard.model.function_settings as {
		_route("Thumbs", "absent"),
		_route("Reports", "dead_letter_queue"),
		_route("Api", "absent"),
	}
		with data.faasguard.model.store_settings as set()
		with data.faasguard.model.event_sources as {_s3("Thumbs"), _s3("Reports")}
		with data.faasguard.model.lambda_permissions as set()
		with data.faasguard.model.format as "cloudformation"
	denied == {"Thumbs"}
}

test_async_by_permission_or_own_trigger if {
	denied := {r.resource | some r in fg_08_06.deny} with data.faasguard.model.function_settings as {
		_route("Shipper", "absent"),
		_route("nightly", "absent"),
		{
			"resource": "nightly", "kind": "function", "setting": "async_trigger",
			"value": "schedule", "functions": ["nightly"],
		},
	}
		with data.faasguard.model.store_settings as set()
		with data.faasguard.model.event_sources as set()
		with data.faasguard.model.lambda_permissions as {{
			"resource": "LogsPermission", "principal": "logs.amazonaws.com", "constrained": true,
			"function_url_auth_type": "", "functions": ["Shipper"],
		}}
		with data.faasguard.model.format as "serverless"
	denied == {"Shipper", "nightly"}
}

test_polled_functions_need_no_routing if {
	count(fg_08_06.deny) == 0 with data.faasguard.model.function_settings as {_route("Worker", "absent")}
		with data.faasguard.model.store_settings as set()
		with data.faasguard.model.event_sources as {{
			"resource": "Map", "kind": "sqs",
			"source": "Q", "functions": ["Worker"],
		}}
		with data.faasguard.model.lambda_permissions as set()
		with data.faasguard.model.format as "cloudformation"
}

test_deliveries_without_failure_settings if {
	denied := {r.resource | some r in fg_08_06.deny} with data.faasguard.model.function_settings as set()
		with data.faasguard.model.store_settings as {
			_store("Mapping", "event_source_mapping", "on_failure_destination", "absent"),
			_store("Queue", "sqs_queue", "redrive_policy", "absent"),
			_store("Subscription", "sns_subscription", "redrive_policy", "set"),
			_store("Rule", "event_rule_target", "dead_letter_queue", "absent"),
			_store("Queue2", "sqs_queue", "kms_key", "absent"),
		}
		with data.faasguard.model.event_sources as set()
		with data.faasguard.model.lambda_permissions as set()
		with data.faasguard.model.format as "terraform"
	denied == {"Mapping", "Queue", "Rule"}
}

_choice(i) := object.union(
	_route("Reporter", ["absent", "dead_letter_queue"][i]),
	{"choice": "c", "choices": 2, "alternative": i},
)

test_alternatives_are_undecided if {
	count(fg_08_06.deny) == 0 with data.faasguard.model.function_settings as {_choice(0), _choice(1)}
		with data.faasguard.model.store_settings as set()
		with data.faasguard.model.event_sources as {_s3("Reporter")}
		with data.faasguard.model.lambda_permissions as set()
		with data.faasguard.model.format as "cloudformation"
}
