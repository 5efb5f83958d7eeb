"""Terraform modules and plans → the trigger views (event_sources, source_policies; docs/model.md).

A trigger links functions to the bucket, topic, queue, stream or rule whose events invoke them; the
source policies are the statements of the resource policies (and public ACLs) of the buckets, topics
and queues the document declares. The twin is rego/faasguard/lib/terraform/triggers.rego, fed by the
adapters' triggers.rego. How each resource is read: docs/formats/terraform_apis.md ("Triggers").
A value only deployment settles gives no record (a trigger whose source is elsewhere or unknown keeps
its record, with source "").
"""
from __future__ import annotations

import json
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import functions_in, functions_named
from faasguard.model.values import UNKNOWN, known_string

# event_source_arn of an event source mapping: the declared source types and their kinds
_MAPPING_SOURCES = {"aws_sqs_queue": "sqs", "aws_kinesis_stream": "kinesis", "aws_dynamodb_table": "dynamodb"}
# the kind of a literal ARN's service
_ARN_KINDS = {"sqs": "sqs", "kinesis": "kinesis", "dynamodb": "dynamodb"}
# condition keys that narrow who a public principal is (lower-cased: condition keys ignore case)
CONSTRAINING_KEYS = frozenset(("aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
                               "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalaccount"))
# policy resources: type -> (attribute naming the target, target type)
_POLICY_RESOURCES = {"aws_s3_bucket_policy": ("bucket", "aws_s3_bucket"),
                     "aws_sns_topic_policy": ("arn", "aws_sns_topic"),
                     "aws_sqs_queue_policy": ("queue_url", "aws_sqs_queue")}
_EMBEDDED_POLICIES = ("aws_sns_topic", "aws_sqs_queue")
# policies whose target may live elsewhere (the default event bus has no resource): target "" then
_OPTIONAL_TARGET_POLICIES = {"aws_cloudwatch_event_bus_policy": ("event_bus_name", "aws_cloudwatch_event_bus"),
                             "aws_kinesis_resource_policy": ("resource_arn", "aws_kinesis_stream")}
_PUBLIC_ACLS = {"public-read": ["s3:GetObject"], "public-read-write": ["s3:GetObject", "s3:PutObject"]}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the trigger views of the document to the builder."""
    _event_source_mappings(index, builder)
    _bucket_notifications(index, builder)
    _topic_subscriptions(index, builder)
    _event_targets(index, builder)
    _policies(index, builder)
    _bucket_acls(index, builder)


def _source(index: Index, resource: TfResource, attribute: str, rtype: str) -> str:
    """The declared resource an attribute references ("" when it lives elsewhere or is unknown)."""
    return min((t.address for t in index.referenced(resource, attribute, rtype)), default="")


# ------------------------------------------------------------------------------------ triggers


def _event_source_mappings(index: Index, builder: ViewBuilder) -> None:
    for mapping in index.of_type("aws_lambda_event_source_mapping"):
        kind, source = _mapping_source(index, mapping)
        builder.event_source(mapping.address, kind, source, functions_named(index, mapping, "function_name"))


def _mapping_source(index: Index, mapping: TfResource) -> tuple[str, str]:
    """(kind, source) of a mapping: by the type it references, else by a literal ARN's service."""
    for rtype, kind in sorted(_MAPPING_SOURCES.items()):
        source = _source(index, mapping, "event_source_arn", rtype)
        if source:
            return kind, source
    arn = known_string(mapping.value("event_source_arn"))
    service = arn.split(":")[2] if arn and arn.startswith("arn:") and arn.count(":") >= 2 else ""
    return _ARN_KINDS.get(service, "other"), ""


def _bucket_notifications(index: Index, builder: ViewBuilder) -> None:
    for notification in index.of_type("aws_s3_bucket_notification"):
        blocks = notification.value("lambda_function")
        if not isinstance(blocks, list) or not blocks:
            continue
        functions = functions_named(index, notification, "lambda_function")
        for block in blocks:
            arn = known_string(block.get("lambda_function_arn")) if isinstance(block, dict) else None
            functions |= functions_in(index, notification, arn) if arn else set()
        builder.event_source(notification.address, "s3", _source(index, notification, "bucket", "aws_s3_bucket"),
                             functions)


def _topic_subscriptions(index: Index, builder: ViewBuilder) -> None:
    for subscription in index.of_type("aws_sns_topic_subscription"):
        if subscription.value("protocol") != "lambda":
            continue
        builder.event_source(subscription.address, "sns", _source(index, subscription, "topic_arn", "aws_sns_topic"),
                             functions_named(index, subscription, "endpoint"))


def _event_targets(index: Index, builder: ViewBuilder) -> None:
    for target in index.of_type("aws_cloudwatch_event_target"):
        functions = functions_named(index, target, "arn")
        if functions:
            builder.event_source(target.address, "eventbridge",
                                 _source(index, target, "rule", "aws_cloudwatch_event_rule"), functions)


# ------------------------------------------------------------------------------------ policies


def _policies(index: Index, builder: ViewBuilder) -> None:
    for rtype, (attribute, target_type) in _POLICY_RESOURCES.items():
        for resource in index.of_type(rtype):
            for target in sorted({t.address for t in index.referenced(resource, attribute, target_type)}):
                _statements(index, resource, target, builder)
    for rtype in _EMBEDDED_POLICIES:
        for resource in index.of_type(rtype):
            _statements(index, resource, resource.address, builder)
    for rtype, (attribute, target_type) in _OPTIONAL_TARGET_POLICIES.items():
        for resource in index.of_type(rtype):
            _statements(index, resource, _source(index, resource, attribute, target_type), builder)


def add_policy_statements(index: Index, resource: TfResource, target: str, builder: ViewBuilder) -> None:
    """The source_policies records of the `policy` of a resource for `target` (terraform_exposure reads
    API resource policies so)."""
    _statements(index, resource, target, builder)


def _statements(index: Index, resource: TfResource, target: str, builder: ViewBuilder) -> None:
    """A record per statement whose effect and principal the files settle; a policy only deployment
    settles (a plan's policy naming an ARN still to be created) is kept as unknown."""
    if _unknown_policy(index, resource):
        builder.unknown(resource.address, "source_policies", "policy", resource.as_written("policy"), ())
    for effect, actions, public, constrained in _policy_statements(index, resource):
        builder.source_policy(resource.address, target, effect, actions, public, constrained)


def _policy_statements(index: Index, resource: TfResource) -> list[tuple]:
    """(effect, actions, public, constrained) of each settled statement of the `policy`: a JSON
    document (a string, jsonencode), else the data.aws_iam_policy_document blocks it references (HCL)."""
    body = resource.value("policy")
    if isinstance(body, str):
        return _json_statements(body)
    if body is not UNKNOWN:
        return []
    return [s for document in index.referenced(resource, "policy", "data.aws_iam_policy_document")
            if document.written is not None for s in _document_statements(document.written)]


def _unknown_policy(index: Index, resource: TfResource) -> bool:
    """The policy is unknown and no policy document block of the module stands for it."""
    return resource.value("policy") is UNKNOWN and not any(
        document.written is not None for document in index.referenced(resource, "policy", "data.aws_iam_policy_document"))


def _json_statements(text: str) -> list[tuple]:
    try:
        document = json.loads(text)
    except ValueError:
        return []
    statements = document.get("Statement") if isinstance(document, dict) else None
    listed = statements if isinstance(statements, list) else [statements]
    return [(s.get("Effect"), s.get("Action"), _public(s.get("Principal")), _constrained(s.get("Condition")))
            for s in listed if isinstance(s, dict) and _settled_json(s)]


def _settled_json(statement: dict[str, Any]) -> bool:
    """Effect and principal known (a `${…}` in them: only deployment says who may act)."""
    return known_string(statement.get("Effect")) is not None and "${" not in json.dumps(statement.get("Principal"))


def _public(principal: Any) -> bool:
    if principal == "*":
        return True
    aws = principal.get("AWS") if isinstance(principal, dict) else None
    return aws == "*" or (isinstance(aws, list) and "*" in aws)


def _constrained(condition: Any) -> bool:
    return isinstance(condition, dict) and any(
        isinstance(keys, dict) and any(k.lower() in CONSTRAINING_KEYS for k in keys) for keys in condition.values())


def _document_statements(block: dict[str, Any]) -> list[tuple]:
    """The statement blocks of a policy document as written: effect (Allow when unset), actions,
    principals blocks, condition blocks' `variable`."""
    found = []
    for statement in blocks_of(block.get("statement")):
        effect = known_string(statement.get("effect", "Allow"))
        principals = blocks_of(statement.get("principals"))
        if effect is None or "${" in json.dumps(principals):
            continue
        public = any(_public_principals(p) for p in principals)
        variables = [known_string(c.get("variable")) for c in blocks_of(statement.get("condition"))]
        constrained = any(v is not None and v.lower() in CONSTRAINING_KEYS for v in variables)
        found.append((effect, listed_items(statement.get("actions")), public, constrained))
    return found


def _public_principals(block: dict[str, Any]) -> bool:
    return block.get("type") in ("*", "AWS") and "*" in listed_items(block.get("identifiers"))


def listed_items(value: Any) -> list[Any]:
    """A string-or-list as a list (the loader writes a one-entry list as its entry)."""
    return value if isinstance(value, list) else [value]


def blocks_of(value: Any) -> list[dict[str, Any]]:
    return [b for b in listed_items(value) if isinstance(b, dict)]


def _bucket_acls(index: Index, builder: ViewBuilder) -> None:
    for acl in index.of_type("aws_s3_bucket_acl"):
        value = acl.value("acl")
        actions = _PUBLIC_ACLS.get(value) if isinstance(value, str) else None
        if actions:
            for target in sorted({t.address for t in index.referenced(acl, "bucket", "aws_s3_bucket")}):
                builder.source_policy(acl.address, target, "Allow", actions, True, False)
