# METADATA
# title: Failure routing records
# description: |
#   Where failed events go (docs/model.md, "Failure routing"; FG_08_06): what every format's records
#   share (record names, the triggers that invoke a function asynchronously, presence and routes) and
#   the records of CloudFormation and SAM functions and of the plain resources of a template (read by
#   the cloudformation, sam and serverless adapters). The Python twins are
#   src/faasguard/model/failures.py and cloudformation_failures.py.
package faasguard.lib.failures

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.storage
import data.faasguard.lib.values

# METADATA
# title: route_setting
# description: The function_settings setting of where a function's failed asynchronous events go.
route_setting := "async_failure_route"

# METADATA
# title: async_trigger
# description: The function_settings setting of an asynchronous trigger event_sources does not hold.
async_trigger := "async_trigger"

# METADATA
# title: deliveries
# description: The store_settings [kind, setting] of the resources that deliver events to functions.
deliveries := {
	"mapping": ["event_source_mapping", "on_failure_destination"],
	"queue": ["sqs_queue", "redrive_policy"],
	"subscription": ["sns_subscription", "redrive_policy"],
	"target": ["event_rule_target", "dead_letter_queue"],
}

# event_sources kinds whose events Lambda receives asynchronously (queues and streams are polled)
_async_kinds := {"s3", "sns", "eventbridge"}

# METADATA
# title: stream_kinds
# description: The event_sources kinds of streams.
stream_kinds := {"kinesis", "dynamodb"}

# services that invoke a function asynchronously, as a lambda permission's principal names them
_async_principals := {
	"s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com", "scheduler.amazonaws.com",
	"logs.amazonaws.com", "iot.amazonaws.com", "ses.amazonaws.com", "lambda.alarms.cloudwatch.amazonaws.com",
}

# METADATA
# title: async_functions
# description: The functions some trigger of the document invokes asynchronously (from three views).
async_functions(event_sources, lambda_permissions, function_settings) := ({f |
	some e in event_sources
	e.kind in _async_kinds
	some f in e.functions
} | {f |
	some p in lambda_permissions
	lower(p.principal) in _async_principals
	some f in p.functions
}) | {f |
	some s in function_settings
	s.kind == "function"
	s.setting == "async_trigger"
	some f in s.functions
}

# METADATA
# title: presence
# description: |
#   "set" or "absent" for each alternative of a setting (lib/cloudformation members): anything written
#   (an ARN, a reference, a value only deployment settles) is set; unset or AWS::NoValue is absent.
presence(members) := {_present(m) | some m in members}

_present(m) := "absent" if m.absent

else := "set"

# METADATA
# title: route
# description: |
#   A function's route alternatives from those of its on-failure destination and its dead-letter
#   queue: the destination where it is set, else the queue.
route(destinations, queues) := {_route(d, q) | some d in destinations; some q in queues}

_route("set", _) := "on_failure_destination"

_route("absent", "set") := "dead_letter_queue"

_route("absent", "absent") := "absent"

# METADATA
# title: any_set
# description: |
#   The presence of a setting several resources may carry (a list of presence sets): set when one
#   surely sets it, else the alternatives of all, absent when none.
any_set(presences) := {"set"} if {
	{"set"} in presences
} else := {v | some p in presences; some v in p} if {
	count(presences) > 0
} else := {"absent"}

# METADATA
# title: records
# description: The records of a setting's alternatives (a set of strings), with choices as in Python.
records(view, resource, kind, name, alternatives, functions) := cfn.choice_records(
	storage.setting(resource, kind, name, null, functions), "value",
	sprintf("%s#%s:%s:%s", [resource, view, kind, name]),
	{{"value": v} | some v in alternatives},
)

# METADATA
# scope: document
# title: members_at
# description: The alternatives of obj at a path of one to three keys (lib/cloudformation members).
members_at(doc, obj, path) := cfn.alternatives_at(doc, obj, path) if count(path) < 3

members_at(doc, obj, [key, child, grandchild]) := {m |
	some parent in cfn.alternatives_at(doc, obj, [key])
	some m in _deeper(doc, parent, [child, grandchild])
}

_deeper(_, member, _) := {member} if not "value" in object.keys(member)

_deeper(doc, member, path) := cfn.alternatives_at(doc, member.value, path) if "value" in object.keys(member)

_presence_at(doc, obj, path) := presence(members_at(doc, obj, path))

# SAM event types that invoke a function asynchronously and that event_sources does not hold
_sam_async_events := {"Schedule", "ScheduleV2", "CloudWatchLogs", "IoTRule"}

# SAM event Type → the store record its Properties' setting gives (on the function)
_sam_event_settings := {
	"Kinesis": ["mapping", ["DestinationConfig", "OnFailure"]],
	"DynamoDB": ["mapping", ["DestinationConfig", "OnFailure"]],
	"SNS": ["subscription", ["RedrivePolicy"]],
	"EventBridgeRule": ["target", ["DeadLetterConfig"]],
	"CloudWatchEvent": ["target", ["DeadLetterConfig"]],
	"Schedule": ["target", ["DeadLetterConfig"]],
}

# METADATA
# title: function_records
# description: |
#   The function_settings records of the functions given as logical id → (effective) Properties; `sam`
#   the ids of those that are AWS::Serverless::Function.
function_records(doc, functions, sam) := {r |
	destinations := invoke_destinations(doc, apis.no_host)
	some id, props in functions
	some r in records(
		"function_settings", id, "function", route_setting,
		route(_destination(doc, props, id in sam, object.get(destinations, id, [])), _dead_letter(doc, props, id in sam)),
		[id],
	)
} | {storage.setting(id, "function", async_trigger, event.Type, [id]) |
	some id, props in functions
	id in sam
	some event in _sam_events(doc, props)
	event.Type in _sam_async_events
}

_destination(doc, props, true, configs) := any_set(array.concat(
	configs,
	[_presence_at(doc, props, ["EventInvokeConfig", "DestinationConfig", "OnFailure"])],
))

_destination(_, _, false, configs) := any_set(configs)

_dead_letter(doc, props, true) := _presence_at(doc, props, ["DeadLetterQueue"])

_dead_letter(doc, props, false) := _presence_at(doc, props, ["DeadLetterConfig", "TargetArn"])

_sam_events(doc, props) := [event |
	events := cfn.branch(doc, object.get(props, "Events", null))
	values.is_map(events)
	some entry in events
	event := cfn.branch(doc, entry)
	values.is_map(event)
	is_string(event.Type)
]

# METADATA
# title: invoke_destinations
# description: |
#   Function id → the presence (a set) of the on-failure destination of each
#   AWS::Lambda::EventInvokeConfig naming it; `host` as lib/cloudformation_apis `no_host`.
invoke_destinations(doc, host) := {f: [p |
	some [g, p] in pairs
	g == f
] |
	pairs := _invoke_pairs(doc, host)
	some [f, _] in pairs
}

_invoke_pairs(doc, host) := {[f, _presence_at(doc, props, ["DestinationConfig", "OnFailure"])] |
	some r in cfn.resources_of_type(doc, "AWS::Lambda::EventInvokeConfig")
	props := cfn.properties(r)
	some f in apis.functions(doc, object.get(props, "FunctionName", null), host)
}

# METADATA
# title: sam_store_records
# description: The store_settings records of the stream, SNS and EventBridge events of SAM functions.
sam_store_records(doc, functions) := {r |
	some id, props in functions
	some event in _sam_events(doc, props)
	[record, path] := _sam_event_settings[event.Type]
	[kind, name] := deliveries[record]
	some r in records("store_settings", id, kind, name, _event_presence(doc, event, path), [id])
}

_event_presence(doc, event, path) := _presence_at(doc, properties, path) if {
	properties := cfn.branch(doc, object.get(event, "Properties", null))
	values.is_map(properties)
} else := {"absent"}

# METADATA
# title: resource_records
# description: |
#   The store_settings records of the plain resources of a template (or any object with a `Resources`
#   map): stream event source mappings, queues that trigger functions, Lambda subscriptions and rule
#   targets that are functions; `event_sources` the document's, `host` as lib/cloudformation_apis.
resource_records(doc, event_sources, host) := (_source_records(doc, event_sources) | _queue_records(
	doc,
	event_sources,
)) | _target_records(doc, host)

# the resource an event_sources record is written at: type → [record, the setting's path]
_source_settings := {
	"AWS::Lambda::EventSourceMapping": ["mapping", ["DestinationConfig", "OnFailure"]],
	"AWS::SNS::Subscription": ["subscription", ["RedrivePolicy"]],
}

_source_records(doc, event_sources) := {r |
	some e in event_sources
	type := cfn.created(doc)[e.resource].Type
	_judged_source(type, e.kind)
	[record, path] := _source_settings[type]
	[kind, name] := deliveries[record]
	props := cfn.properties(cfn.created(doc)[e.resource])
	some r in records("store_settings", e.resource, kind, name, _presence_at(doc, props, path), e.functions)
} | {storage.setting(e.resource, "sns_subscription", "redrive_policy", "absent", e.functions) |
	# a topic's inline Subscription has no RedrivePolicy
	some e in event_sources
	e.kind == "sns"
	cfn.created(doc)[e.resource].Type == "AWS::SNS::Topic"
}

_judged_source("AWS::Lambda::EventSourceMapping", kind) if kind in stream_kinds

_judged_source("AWS::SNS::Subscription", _)

_queue_records(doc, event_sources) := {r |
	some id, functions in storage.triggered(event_sources)
	cfn.created(doc)[id].Type == "AWS::SQS::Queue"
	props := cfn.properties(cfn.created(doc)[id])
	presence := _presence_at(doc, props, ["RedrivePolicy"])
	some r in records("store_settings", id, "sqs_queue", "redrive_policy", presence, functions)
}

_target_records(doc, host) := {r |
	some id, rule in cfn.resources_of_type(doc, "AWS::Events::Rule")
	some entry in cfn.entries(doc, object.get(cfn.properties(rule), "Targets", null))
	target := cfn.branch(doc, entry)
	values.is_map(target)
	functions := apis.functions(doc, object.get(target, "Arn", null), host)
	count(functions) > 0
	some r in records(
		"store_settings", id, "event_rule_target", "dead_letter_queue",
		_presence_at(doc, target, ["DeadLetterConfig", "Arn"]), functions,
	)
}
