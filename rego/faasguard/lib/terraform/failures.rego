# The failure routing records of lib/terraform (this package, terraform.rego; docs/model.md, "Failure
# routing"; FG_08_06): function_settings `async_failure_route` of each aws_lambda_function (its
# dead_letter_config, and the on-failure destination of an aws_lambda_function_event_invoke_config
# naming it); store_settings of the stream event source mappings, the queues that trigger functions
# (their redrive_policy, or an aws_sqs_queue_redrive_policy naming them), the Lambda subscriptions and
# the event targets that are functions, each read from the document's event_sources records. A block
# or attribute is set when it is written, whatever its value. The Python twin is
# src/faasguard/model/terraform_failures.py.
package faasguard.lib.terraform

import data.faasguard.lib.failures
import data.faasguard.lib.storage

# METADATA
# title: failure_resource_types
# description: The resource types the failure routing records read (aliases name functions).
failure_resource_types := {
	"aws_lambda_function", "aws_lambda_alias", "aws_lambda_function_event_invoke_config",
	"aws_lambda_event_source_mapping", "aws_sns_topic_subscription", "aws_cloudwatch_event_target",
	"aws_sqs_queue", "aws_sqs_queue_redrive_policy",
}

# METADATA
# title: failure_views
# description: |
#   The failure routing records of the normalized resources, as an object of sets; `event_sources`
#   the document's trigger records.
failure_views(event_sources) := {
	"function_settings": _failure_routes,
	"store_settings": (_failure_deliveries(event_sources) | _failure_queues(event_sources)),
}

_failure_destined contains f if {
	some config in _of_type("aws_lambda_function_event_invoke_config")
	_failure_written(config, "destination_config", ["on_failure"])
	some f in _api_functions_named(config, "function_name")
}

_failure_routes contains storage.setting(f.address, "function", failures.route_setting, route, [f.address]) if {
	some f in _of_type("aws_lambda_function")
	destination := _failure_presence(f.address in _failure_destined)
	dead_letter := _failure_presence(_failure_written_or_false(f, "dead_letter_config", []))
	some route in failures.route({destination}, {dead_letter})
}

# the resource an event_sources record is written at → the store record and the setting read there
_failure_specs := {
	"aws_lambda_event_source_mapping": {
		"delivery": failures.deliveries.mapping,
		"attr": "destination_config", "blocks": ["on_failure"],
	},
	"aws_sns_topic_subscription": {"delivery": failures.deliveries.subscription, "attr": "redrive_policy", "blocks": []},
	"aws_cloudwatch_event_target": {"delivery": failures.deliveries.target, "attr": "dead_letter_config", "blocks": []},
}

_failure_by_address[r.address] := r if {
	some type in object.keys(_failure_specs)
	some r in _of_type(type)
}

_failure_deliveries(event_sources) := {storage.setting(r.address, kind, name, value, e.functions) |
	some e in event_sources
	r := _failure_by_address[e.resource]
	_failure_judged(r.type, e.kind)
	spec := _failure_specs[r.type]
	[kind, name] := spec.delivery
	value := _failure_presence(_failure_written_or_false(r, spec.attr, spec.blocks))
}

_failure_judged("aws_lambda_event_source_mapping", kind) if kind in failures.stream_kinds

_failure_judged(type, _) if type != "aws_lambda_event_source_mapping"

_failure_redriven contains q.address if {
	some policy in _of_type("aws_sqs_queue_redrive_policy")
	some q in _api_referenced(policy, "queue_url", "aws_sqs_queue")
}

_failure_queues_by_address[q.address] := q if some q in _of_type("aws_sqs_queue")

_failure_queues(event_sources) := {storage.setting(address, "sqs_queue", "redrive_policy", value, functions) |
	some address, functions in storage.triggered(event_sources)
	q := _failure_queues_by_address[address]
	value := _failure_presence(_failure_queue_redriven(q))
}

_failure_queue_redriven(q) if q.address in _failure_redriven

else := _failure_written_or_false(q, "redrive_policy", [])

_failure_presence(true) := "set"

_failure_presence(false) := "absent"

_failure_written_or_false(r, attr, blocks) if _failure_written(r, attr, blocks)

else := false

# written: an attribute that is not null or empty (an unknown one is written), or through `blocks` a
# nested block of that path
_failure_written(r, attr, _) if attr in r.unknown

_failure_written(r, attr, []) if _failure_filled(object.get(r.values, attr, null))

_failure_written(r, attr, [block]) if {
	some b in _blocks(r.values, attr)
	_failure_filled(object.get(b, block, null))
}

_failure_filled(value) if not value in {null, "", [], {}}
