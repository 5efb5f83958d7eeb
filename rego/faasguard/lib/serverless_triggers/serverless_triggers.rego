# METADATA
# title: Serverless Framework triggers
# description: |
#   The trigger events of a Serverless function (`s3`, `sns`, `sqs`, `stream`, `eventBridge`) read as
#   the Framework compiles them: the kind of each and the logical id of its source. Every function
#   takes the document first; the Python twin is src/faasguard/model/serverless_triggers.py.
package faasguard.lib.serverless_triggers

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.values

# event key → the kind of its records ("stream" is "kinesis" or "dynamodb", read from the event)
_kinds := {"s3": "s3", "sns": "sns", "sqs": "sqs", "stream": "stream", "eventBridge": "eventbridge"}

# METADATA
# title: declared_ids
# description: |
#   The logical ids of `resources.Resources` (a list of maps merged, as the Framework does).
declared_ids(doc) := {id |
	resources := sls.merged(doc, object.get(doc, "resources", null))
	apis.is_map(resources)
	embedded := apis.setting(doc, resources, "Resources")
	apis.is_map(embedded)
	some id, _ in embedded
}

# METADATA
# title: events
# description: |
#   [event key, resolved value (or apis.unknown)] of each trigger event of a function; an events list
#   or entry only deployment settles has no trigger we can name.
events(doc, fn) := [[key, apis.setting(doc, entry, key)] |
	list := apis.setting(doc, fn, "events")
	is_array(list)
	some raw in list
	entry := apis.value(doc, raw)
	apis.is_map(entry)
	some key, _ in _kinds
	object.get(entry, key, null) != null
]

# METADATA
# scope: document
# title: record
# description: "[kind, source] of one trigger event (`declared`: the ids of declared_ids)."
record(doc, "s3", value, _) := ["s3", _s3_source(doc, value)]

record(doc, "sns", value, declared) := ["sns", _sns_source(doc, value, declared)]

record(doc, "sqs", value, declared) := ["sqs", reference_target(_arn(doc, value), declared)]

record(doc, "stream", value, declared) := [_stream_kind(doc, value), reference_target(_arn(doc, value), declared)]

record(doc, "eventBridge", value, declared) := ["eventbridge", reference_target(_bus(doc, value), declared)]

# the ARN of an `sqs` or `stream` event: the value itself, or its `arn` key
_arn(doc, value) := apis.setting(doc, value, "arn") if apis.is_map(value)

_arn(_, value) := value if not apis.is_map(value)

_bus(doc, value) := apis.setting(doc, value, "eventBus") if apis.is_map(value)

_bus(_, value) := null if not apis.is_map(value)

# the bucket the Framework creates (naming.js getBucketLogicalId); "" for an `existing` bucket (it
# lives elsewhere) or one whose name or `existing` deployment settles
_s3_source(doc, value) := concat("", ["S3Bucket", normalized(name)]) if {
	[name, existing] := _bucket(doc, value)
	values.is_literal(name)
	apis.falsy(existing)
} else := ""

_bucket(doc, value) := [apis.setting(doc, value, "bucket"), apis.setting(doc, value, "existing")] if {
	apis.is_map(value)
}

_bucket(_, value) := [value, null] if not apis.is_map(value)

# a topic named by its ARN (a reference to a declared topic, else ""), or the topic the Framework
# creates for a topic name (naming.js getTopicLogicalId)
_sns_source(doc, value, declared) := reference_target(arn, declared) if {
	apis.is_map(value)
	arn := apis.setting(doc, value, "arn")
	arn != null
} else := _topic(apis.setting(doc, value, "topicName"), declared) if {
	apis.is_map(value)
} else := _topic(value, declared)

_topic(name, declared) := concat("", ["SNSTopic", normalized(name)]) if {
	values.is_literal(name)
	not startswith(name, "arn:")
} else := reference_target(name, declared)

# `type`, else the service of a literal ARN (`streamType = type || arn.split(':')[2]`)
_stream_kind(doc, value) := kind if {
	kind := _stream_type(doc, value)
	kind in {"kinesis", "dynamodb"}
} else := "other"

_stream_type(doc, value) := kind if {
	apis.is_map(value)
	kind := apis.setting(doc, value, "type")
	kind != null
} else := split(arn, ":")[2] if {
	arn := _arn(doc, value)
	values.is_literal(arn)
}

# METADATA
# title: normalized
# description: A name as the Framework puts it in a logical id (naming.js normalizeNameToAlphaNumericOnly).
normalized(name) := concat("", [upper(substring(stripped, 0, 1)), substring(stripped, 1, -1)]) if {
	stripped := regex.replace(name, `[^0-9A-Za-z]`, "")
}

# METADATA
# title: reference_target
# description: |
#   The logical id a `Ref` or `Fn::GetAtt` (list or `X.Arn` string) names when it is in `declared`,
#   else "" (a literal ARN, an import, a resource of another stack).
reference_target(value, declared) := id if {
	id := _reference_id(value)
	id in declared
} else := ""

_reference_id(value) := value.Ref if {
	values.is_intrinsic(value)
	is_string(value.Ref)
}

_reference_id(value) := split(target, ".")[0] if {
	values.is_intrinsic(value)
	target := _first(value["Fn::GetAtt"])
	is_string(target)
}

_first(v) := v[0] if {
	is_array(v)
	count(v) > 0
} else := v
