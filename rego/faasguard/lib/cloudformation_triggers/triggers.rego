# METADATA
# title: CloudFormation trigger views
# description: |
#   The trigger views (event_sources, source_policies; docs/model.md) of a template: the plain
#   CloudFormation resources of any Resources object (`resource_views`, so that a format embedding
#   CloudFormation resources reads them the same way) and the Events of SAM functions (`sam_views`).
#   Every function takes the template document first (lib/cloudformation). The Python twin is
#   src/faasguard/model/cloudformation_triggers.py.
package faasguard.lib.cloudformation_triggers

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.values

_bucket := "AWS::S3::Bucket"

_topic := "AWS::SNS::Topic"

_queue := "AWS::SQS::Queue"

_stream := "AWS::Kinesis::Stream"

_table := "AWS::DynamoDB::Table"

# the kind of trigger each declared source type gives
_source_kinds := {_bucket: "s3", _topic: "sns", _queue: "sqs", _stream: "kinesis", _table: "dynamodb"}

# SAM event Type → the kind, the property naming the source and the source's types
_sam_events := {
	"S3": {"kind": "s3", "key": "Bucket", "types": {_bucket}},
	"SNS": {"kind": "sns", "key": "Topic", "types": {_topic}},
	"SQS": {"kind": "sqs", "key": "Queue", "types": {_queue}},
	"Kinesis": {"kind": "kinesis", "key": "Stream", "types": {_stream}},
	"DynamoDB": {"kind": "dynamodb", "key": "Stream", "types": {_table}},
	"EventBridgeRule": {"kind": "eventbridge", "key": "", "types": set()},
	"CloudWatchEvent": {"kind": "eventbridge", "key": "", "types": set()},
}

# resource policy type → the property listing its targets and the targets' type
_policy_types := {
	"AWS::S3::BucketPolicy": {"key": "Bucket", "type": _bucket},
	"AWS::SNS::TopicPolicy": {"key": "Topics", "type": _topic},
	"AWS::SQS::QueuePolicy": {"key": "Queues", "type": _queue},
}

# policies whose target may live elsewhere (the default event bus has no resource): target "" then
_optional_target_types := {
	"AWS::Events::EventBusPolicy": {"key": "EventBusName", "type": "AWS::Events::EventBus", "document": ""},
	"AWS::Kinesis::ResourcePolicy": {"key": "ResourceArn", "type": _stream, "document": "ResourcePolicy"},
}

# condition keys that narrow who a public principal is (compared lower-cased)
_constraining_keys := {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
	"aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalaccount",
}

# a bucket ACL (CFN `PublicRead`, or `public-read`, lower-cased without dashes) → what it grants everyone
_public_acls := {"publicread": ["s3:GetObject"], "publicreadwrite": ["s3:GetObject", "s3:PutObject"]}

# METADATA
# title: resource_views
# description: |
#   The trigger views of the plain CloudFormation resources of a template (or of any object with a
#   `Resources` map): {event_sources, source_policies}. `host` as lib/cloudformation_apis `no_host`.
resource_views(doc, host) := {
	"event_sources": _event_sources(doc, host),
	"source_policies": ((_policies(doc) | _acls(doc)) | _optional_target_policies(doc)),
}

# METADATA
# title: sam_views
# description: The event_sources of the Events of SAM functions (`functions`, logical id → merged Properties).
sam_views(doc, functions) := {"event_sources": {r |
	some id, props in functions
	some event in _map_values(cfn.branch(doc, object.get(props, "Events", null)))
	some r in _sam_event(doc, id, cfn.branch(doc, event))
}}

_event_sources(doc, host) := _resource_triggers(doc, host) | _subscriptions(doc, host)

_resource_triggers(doc, host) := (_mappings(doc, host) | _notifications(doc, host)) | _rules(doc, host)

_get(obj, key) := object.get(obj, key, null)

_map_values(m) := [v | some v in m] if values.is_map(m)

else := []

_maps(doc, v) := [m | some entry in cfn.entries(doc, v); m := cfn.branch(doc, entry); values.is_map(m)]

_record(resource, kind, source, functions) := {
	"resource": resource, "kind": kind,
	"source": source, "functions": functions,
}

_source(doc, v, types) := id if {
	id := apis.one(doc, v, types)
} else := ""

# --- triggers -----------------------------------------------------------------------------------

_mappings(doc, host) := {_record(id, _mapping_kind(doc, source, arn), source, functions) |
	some id, r in cfn.resources_of_type(doc, "AWS::Lambda::EventSourceMapping")
	props := cfn.properties(r)
	arn := _get(props, "EventSourceArn")
	source := _source(doc, arn, {_queue, _stream, _table})
	functions := apis.functions(doc, _get(props, "FunctionName"), host)
}

_mapping_kind(doc, source, arn) := _source_kinds[doc.Resources[source].Type] if source != ""

else := m[1] if {
	some m in regex.find_all_string_submatch_n(`^arn:[^:]+:(sqs|kinesis|dynamodb):`, cfn.known_string(doc, arn), 1)
} else := "other"

_notifications(doc, host) := {_record(id, "s3", id, apis.functions(doc, _get(configuration, "Function"), host)) |
	some id, r in cfn.resources_of_type(doc, _bucket)
	notifications := cfn.branch(doc, _get(cfn.properties(r), "NotificationConfiguration"))
	values.is_map(notifications)
	some configuration in _maps(doc, _get(notifications, "LambdaConfigurations"))
}

_subscriptions(doc, host) := {_record(id, "sns", topic, functions) |
	some id, r in cfn.resources_of_type(doc, "AWS::SNS::Subscription")
	props := cfn.properties(r)
	_is_lambda_protocol(doc, props)
	topic := _source(doc, _get(props, "TopicArn"), {_topic})
	functions := apis.functions(doc, _get(props, "Endpoint"), host)
} | {_record(id, "sns", id, apis.functions(doc, _get(subscription, "Endpoint"), host)) |
	some id, r in cfn.resources_of_type(doc, _topic)
	some subscription in _maps(doc, _get(cfn.properties(r), "Subscription"))
	_is_lambda_protocol(doc, subscription)
}

_is_lambda_protocol(doc, props) if lower(cfn.known_string(doc, _get(props, "Protocol"))) == "lambda"

# EventBridge rules: the targets that name functions (a rule also targets queues, topics, …)
_rules(doc, host) := {_record(id, "eventbridge", "", functions) |
	some id, r in cfn.resources_of_type(doc, "AWS::Events::Rule")
	some target in _maps(doc, _get(cfn.properties(r), "Targets"))
	functions := apis.functions(doc, _get(target, "Arn"), host)
	count(functions) > 0
}

_sam_event(doc, id, event) := {_record(id, spec.kind, _sam_source(doc, spec, properties), [id])} if {
	values.is_map(event)
	spec := _sam_events[event.Type]
	properties := _settled_or_null(doc, _get(event, "Properties"))
}

_settled_or_null(doc, v) := settled if {
	settled := cfn.branch(doc, v)
} else := null

_sam_source(_, spec, _) := "" if spec.key == ""

_sam_source(doc, spec, properties) := _source(doc, _get(properties, spec.key), spec.types) if {
	spec.key != ""
	values.is_map(properties)
}

_sam_source(_, spec, properties) := "" if {
	spec.key != ""
	not values.is_map(properties)
}

# --- resource policies --------------------------------------------------------------------------

_policies(doc) := {_statement_record(doc, id, target, statement) |
	some policy_type, spec in _policy_types
	some id, r in cfn.resources_of_type(doc, policy_type)
	props := cfn.properties(r)
	some target in apis.ids(doc, _get(props, spec.key), {spec.type})
	some statement in _statements(doc, _get(props, "PolicyDocument"))
}

# METADATA
# title: policy_records
# description: |
#   The source_policies records of a policy document written at `id` for `target` (an API's resource
#   policy is read as a bucket's, topic's or queue's: lib/cloudformation_exposure).
policy_records(doc, id, target, document) := {_statement_record(doc, id, target, statement) |
	some statement in _statements(doc, document)
}

_statements(doc, document) := _maps(doc, _get(settled, "Statement")) if {
	settled := cfn.branch(doc, document)
	values.is_map(settled)
} else := []

_statement_record(doc, id, target, statement) := {
	"resource": id, "target": target, "effect": _effect(doc, _get(statement, "Effect")),
	"actions": sort([s | some entry in _entries(doc, _get(statement, "Action")); s := cfn.known_string(doc, entry)]),
	"public": _public(_settled_or_null(doc, _get(statement, "Principal"))),
	"constrained": _constrained(_settled_or_null(doc, _get(statement, "Condition"))),
}

_entries(doc, v) := entries if {
	entries := cfn.entries(doc, v)
} else := []

_effect(doc, v) := s if {
	s := cfn.known_string(doc, v)
} else := ""

_public(principal) if _is_public(principal)

else := false

_constrained(condition) if _is_constrained(condition)

else := false

# Principal `*`, {"AWS": "*"} or an AWS list holding `*`
_is_public("*")

_is_public(principal) if principal.AWS == "*"

_is_public(principal) if {
	is_array(principal.AWS)
	"*" in principal.AWS
}

# a condition (any operator) on a key that narrows who the principal is
_is_constrained(condition) if {
	values.is_map(condition)
	some operands in condition
	values.is_map(operands)
	some key, _ in operands
	is_string(key)
	lower(key) in _constraining_keys
}

_acls(doc) := {{
	"resource": id, "target": id, "effect": "Allow", "actions": actions,
	"public": true, "constrained": false,
} |
	some id, r in cfn.resources_of_type(doc, _bucket)
	acl := cfn.known_string(doc, _get(cfn.properties(r), "AccessControl"))
	actions := _public_acls[replace(lower(acl), "-", "")]
}

_optional_target_policies(doc) := {_statement_record(doc, id, target, statement) |
	some policy_type, spec in _optional_target_types
	some id, r in cfn.resources_of_type(doc, policy_type)
	props := cfn.properties(r)
	target := _source(doc, _get(props, spec.key), {spec.type})
	some statement in _policy_statements(doc, props, spec.document)
}

_policy_statements(doc, props, document) := _statements(doc, _get(props, document)) if document != ""

_policy_statements(doc, props, "") := _bus_statements(doc, props)

# an event bus policy's `Statement` (one statement), or its legacy `Action` / `Principal` /
# `Condition` ({Type, Key, Value}) read as one Allow statement
_bus_statements(doc, props) := [statement] if {
	statement := cfn.branch(doc, _get(props, "Statement"))
	values.is_map(statement)
} else := [] if {
	"Statement" in object.keys(props)
} else := [{
	"Effect": "Allow", "Action": _get(props, "Action"), "Principal": props.Principal,
	"Condition": _bus_condition(doc, _settled_or_null(doc, _get(props, "Condition"))),
}] if {
	"Principal" in object.keys(props)
} else := []

_bus_condition(doc, condition) := {"StringEquals": {key: true}} if {
	values.is_map(condition)
	key := cfn.known_string(doc, _get(condition, "Key"))
} else := null
