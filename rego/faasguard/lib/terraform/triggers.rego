# The trigger views of lib/terraform (this package, terraform.rego): event_sources (which bucket,
# topic, queue, stream or rule invokes which functions) and source_policies (the statements of the
# resource policies, and public ACLs, of the buckets, topics and queues of the document), read as
# docs/formats/terraform_apis.md ("Triggers") says. src/faasguard/model/terraform_triggers.py is the
# Python twin, rule for rule. A value only deployment settles gives no record (a trigger whose source
# is elsewhere or unknown keeps its record, with source "").
#
# The adapters hand these rules the functions and aliases, the resources of trigger_resource_types
# and, for a Terraform module, each data.aws_iam_policy_document with its block as written
# (`written`): the policy views need its principals and conditions.
package faasguard.lib.terraform

# METADATA
# title: trigger_resource_types
# description: The resource types the trigger views read (adapters pass them as they are).
trigger_resource_types := {
	"aws_lambda_function", "aws_lambda_alias",
	"aws_lambda_event_source_mapping", "aws_s3_bucket_notification", "aws_sns_topic_subscription",
	"aws_cloudwatch_event_target", "aws_cloudwatch_event_rule",
	"aws_sqs_queue", "aws_kinesis_stream", "aws_dynamodb_table", "aws_s3_bucket", "aws_sns_topic",
	"aws_s3_bucket_policy", "aws_sns_topic_policy", "aws_sqs_queue_policy", "aws_s3_bucket_acl",
	"aws_cloudwatch_event_bus", "aws_cloudwatch_event_bus_policy", "aws_kinesis_resource_policy",
}

# METADATA
# title: trigger_views
# description: The trigger views of the normalized resources, as an object of sets.
trigger_views := {
	"event_sources": (((_mapping_sources | _notification_sources) | _subscription_sources) | _target_sources),
	"source_policies": (((_policy_records | _embedded_policy_records) | _acl_records) | _optional_target_records),
}

# condition keys that narrow who a public principal is (lower-cased: condition keys ignore case)
_constraining_keys := {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
	"aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalaccount",
}

_event_source(r, kind, source, functions) := {
	"resource": r.address, "kind": kind, "source": source,
	"functions": sort(functions),
}

# The declared resource an attribute references ("" when it lives elsewhere or is unknown).
_trigger_source(r, attr, type) := min(found) if {
	found := {t.address | some t in _api_referenced(r, attr, type)}
	count(found) > 0
} else := ""

_known_string(value) if {
	is_string(value)
	not _unsettled(value)
}

# ------------------------------------------------------------------------------------ triggers

_mapping_source_types := {"aws_sqs_queue": "sqs", "aws_kinesis_stream": "kinesis", "aws_dynamodb_table": "dynamodb"}

_mapping_sources contains _event_source(r, kind, source, _api_functions_named(r, "function_name")) if {
	some r in _of_type("aws_lambda_event_source_mapping")
	[kind, source] := _mapping_source(r)
}

# (kind, source) of a mapping: by the type it references (in type order), else by a literal ARN's service.
_mapping_source(r) := [_mapping_source_types[found[0][0]], found[0][1]] if {
	found := sort([[type, source] |
		some type, _ in _mapping_source_types
		source := _trigger_source(r, "event_source_arn", type)
		source != ""
	])
	count(found) > 0
} else := [_arn_kind(_api_value(r, ["event_source_arn"])), ""]

# The kind of a literal ARN's service ("other" for any other service, or an unknown ARN).
_arn_kind(arn) := kind if {
	_known_string(arn)
	startswith(arn, "arn:")
	kind := split(arn, ":")[2]
	kind in {"sqs", "kinesis", "dynamodb"}
} else := "other"

_notification_sources contains _event_source(r, "s3", _trigger_source(r, "bucket", "aws_s3_bucket"), functions) if {
	some r in _of_type("aws_s3_bucket_notification")
	blocks := _api_value(r, ["lambda_function"])
	is_array(blocks)
	count(blocks) > 0
	functions := _api_functions_named(r, "lambda_function") | {f |
		some block in blocks
		arn := object.get(block, "lambda_function_arn", null)
		_known_string(arn)
		some f in _api_functions_in(r, arn)
	}
}

_subscription_sources contains _event_source(
	r, "sns", _trigger_source(r, "topic_arn", "aws_sns_topic"),
	_api_functions_named(r, "endpoint"),
) if {
	some r in _of_type("aws_sns_topic_subscription")
	_api_value(r, ["protocol"]) == "lambda"
}

_target_sources contains _event_source(r, "eventbridge", rule, functions) if {
	some r in _of_type("aws_cloudwatch_event_target")
	rule := _trigger_source(r, "rule", "aws_cloudwatch_event_rule")
	functions := _api_functions_named(r, "arn")
	count(functions) > 0
}

# ------------------------------------------------------------------------------------ policies

# policy resources: type -> [attribute naming the target, target type]
_policy_resources := {
	"aws_s3_bucket_policy": ["bucket", "aws_s3_bucket"],
	"aws_sns_topic_policy": ["arn", "aws_sns_topic"],
	"aws_sqs_queue_policy": ["queue_url", "aws_sqs_queue"],
}

_source_policy(r, target, statement) := object.union({"resource": r.address, "target": target}, statement)

_policy_records contains _source_policy(r, target, statement) if {
	some type, [attr, target_type] in _policy_resources
	some r in _of_type(type)
	some target in {t.address | some t in _api_referenced(r, attr, target_type)}
	some statement in _source_statements(r)
}

_embedded_policy_records contains _source_policy(r, r.address, statement) if {
	some type in ["aws_sns_topic", "aws_sqs_queue"]
	some r in _of_type(type)
	some statement in _source_statements(r)
}

# policies whose target may live elsewhere (the default event bus has no resource): target "" then
_optional_target_policies := {
	"aws_cloudwatch_event_bus_policy": ["event_bus_name", "aws_cloudwatch_event_bus"],
	"aws_kinesis_resource_policy": ["resource_arn", "aws_kinesis_stream"],
}

_optional_target_records contains _source_policy(r, _trigger_source(r, attr, target_type), statement) if {
	some type, [attr, target_type] in _optional_target_policies
	some r in _of_type(type)
	some statement in _source_statements(r)
}

_public_acls := {"public-read": ["s3:GetObject"], "public-read-write": ["s3:GetObject", "s3:PutObject"]}

_acl_records contains _source_policy(r, target, {
	"effect": "Allow", "actions": actions,
	"public": true, "constrained": false,
}) if {
	some r in _of_type("aws_s3_bucket_acl")
	actions := _public_acls[_api_value(r, ["acl"])]
	some target in {t.address | some t in _api_referenced(r, "bucket", "aws_s3_bucket")}
}

# The settled statements of the `policy`: a JSON document (a string, jsonencode), else the
# data.aws_iam_policy_document blocks it references (as written).
_source_statements(r) := _json_source_statements(r.values.policy) if is_string(r.values.policy)

else := {s |
	"policy" in r.unknown
	some d in _api_referenced(r, "policy", "data.aws_iam_policy_document")
	some s in _document_source_statements(d.written)
}

_json_source_statements(text) := {_statement_record(s.Effect, actions, _public(principal), constrained) |
	json.is_valid(text)
	document := json.unmarshal(text)
	is_object(document)
	some s in _api_listed(object.get(document, "Statement", null))
	is_object(s)
	_known_string(object.get(s, "Effect", null))
	principal := object.get(s, "Principal", null)
	not contains(json.marshal(principal), "${")
	actions := object.get(s, "Action", null)
	constrained := _constrained(object.get(s, "Condition", null))
}

_statement_record(effect, actions, public, constrained) := {
	"effect": effect, "actions": sort([a | some a in _api_listed(actions); _known_string(a)]),
	"public": public, "constrained": constrained,
}

_api_listed(value) := value if is_array(value)

else := [value]

_public(principal) if _public_principal(principal)

else := false

_public_principal("*")

_public_principal(principal) if principal.AWS == "*"

_public_principal(principal) if {
	is_array(principal.AWS)
	"*" in principal.AWS
}

_constrained(condition) if {
	is_object(condition)
	some keys in condition
	is_object(keys)
	some key, _ in keys
	lower(key) in _constraining_keys
} else := false

# The statement blocks of a policy document as written: effect (Allow when unset), actions,
# principals blocks, condition blocks' `variable`.
_document_source_statements(block) := {_statement_record(effect, object.get(s, "actions", null), public, constrained) |
	some s in _blocks_of(object.get(block, "statement", null))
	effect := object.get(s, "effect", "Allow")
	_known_string(effect)
	principals := _blocks_of(object.get(s, "principals", null))
	not contains(json.marshal(principals), "${")
	public := _any_public_principals(principals)
	constrained := _any_constraining_variable(_blocks_of(object.get(s, "condition", null)))
}

_blocks_of(value) := [b | some b in _api_listed(value); is_object(b)]

_any_public_principals(principals) if {
	some p in principals
	object.get(p, "type", null) in {"*", "AWS"}
	"*" in _api_listed(object.get(p, "identifiers", null))
} else := false

_any_constraining_variable(conditions) if {
	some c in conditions
	variable := object.get(c, "variable", null)
	_known_string(variable)
	lower(variable) in _constraining_keys
} else := false
