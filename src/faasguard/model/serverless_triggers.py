"""Serverless Framework services → the trigger views (event_sources, source_policies; docs/model.md): which bucket, topic,
queue or stream invokes each function, and the resource policies of those sources.

Events are read as the Framework compiles them (docs/formats/serverless_apis.md, "Triggers"): `s3`, `sns`,
`sqs`, `stream` and `eventBridge`; the resource is the function key. The CloudFormation resources of
`resources.Resources` are read by cloudformation_triggers.resource_views, as in a template. The twin is
rego/faasguard/adapters/serverless/triggers.rego (helpers in rego/faasguard/lib/serverless_triggers).
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model import cloudformation_triggers
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import Host
from faasguard.model.values import intrinsic, is_map, known_string

# event key → the kind of its records ("stream" is "kinesis" or "dynamodb", read from the event)
_TRIGGER_EVENTS = {"s3": "s3", "sns": "sns", "sqs": "sqs", "stream": "stream", "eventBridge": "eventbridge"}
_STREAM_KINDS = ("kinesis", "dynamodb")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]")


def add_views(service, builder: ViewBuilder) -> None:
    """Add the trigger views of the document to the builder."""
    declared = declared_ids(service)
    for key, function in service.functions.items():
        seen: set[tuple[str, str]] = set()
        for event_key, value in trigger_events(service, function):
            record = _record(service, event_key, value, declared)
            if record not in seen:  # the same trigger written twice is one record (a set, in Rego)
                seen.add(record)
                builder.event_source(key, record[0], record[1], [key])
    _embedded_resources(service, builder)


def _embedded_resources(service, builder: ViewBuilder) -> None:
    """The CloudFormation resources of `resources.Resources` (event source mappings, notifications,
    subscriptions, rules, and the policies and ACLs of buckets, topics and queues), read as in a
    template; the functions' generated logical ids name the service's functions."""
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        host = Host(functions={lambda_logical_id(key): key for key in service.functions})
        cloudformation_triggers.resource_views(Template(resources), builder, host)


def declared_ids(service) -> frozenset[str]:
    """The logical ids of `resources.Resources` (a list of maps merged, as the Framework does)."""
    resources = service.merged(service.data.get("resources"))
    embedded = service.resolve(resources.get("Resources")) if is_map(resources) else None
    return frozenset(str(k) for k in embedded) if is_map(embedded) else frozenset()


def trigger_events(service, function: dict):
    """(event key, resolved value) of each trigger event of a function; an events list or entry only
    deployment settles has no record (serverless_apis records it in `unknowns`, view api_operations)."""
    events = service.resolve(function.get("events"))
    for raw in events if isinstance(events, list) else []:
        entry = service.resolve(raw)
        if not is_map(entry):
            continue
        for event_key in _TRIGGER_EVENTS:
            if entry.get(event_key) is not None:
                yield event_key, service.resolve(entry[event_key])


def _record(service, event_key: str, value: Any, declared: frozenset[str]) -> tuple[str, str]:
    """(kind, source) of one trigger event."""
    if event_key == "s3":
        return "s3", _s3_source(service, value)
    if event_key == "sns":
        return "sns", _sns_source(service, value, declared)
    if event_key == "stream":
        return _stream_kind(service, value), reference_target(_arn(service, value), declared)
    if event_key == "eventBridge":
        bus = service.resolve(value.get("eventBus")) if is_map(value) else None
        return "eventbridge", reference_target(bus, declared)
    return _TRIGGER_EVENTS[event_key], reference_target(_arn(service, value), declared)


def _arn(service, value: Any) -> Any:
    """The ARN of an `sqs` or `stream` event: the value itself, or its `arn` key."""
    return service.resolve(value.get("arn")) if is_map(value) else value


def _s3_source(service, value: Any) -> str:
    """The bucket the Framework creates for the event (naming.js getBucketLogicalId); "" for an
    `existing: true` bucket (it lives elsewhere) or one whose name or `existing` deployment settles."""
    name = service.resolve(value.get("bucket")) if is_map(value) else value
    existing = service.resolve(value.get("existing")) if is_map(value) else None
    if existing not in (None, False) or known_string(name) is None:
        return ""
    return f"S3Bucket{normalized(name)}"


def _sns_source(service, value: Any, declared: frozenset[str]) -> str:
    """A topic named by its ARN (a reference to a declared topic, else ""), or the topic the Framework
    creates for a topic name (naming.js getTopicLogicalId)."""
    if is_map(value):
        arn = service.resolve(value.get("arn"))
        if arn is not None:
            return reference_target(arn, declared)
        value = service.resolve(value.get("topicName"))
    name = known_string(value)
    if name is None or name.startswith("arn:"):
        return reference_target(value, declared)
    return f"SNSTopic{normalized(name)}"


def _stream_kind(service, value: Any) -> str:
    """`type`, else the service of a literal ARN (`streamType = type || arn.split(':')[2]`)."""
    kind = service.resolve(value.get("type")) if is_map(value) else None
    if kind is None:
        arn = known_string(_arn(service, value))
        parts = arn.split(":") if arn is not None else []
        kind = parts[2] if len(parts) > 2 else None
    return kind if kind in _STREAM_KINDS else "other"


def normalized(name: str) -> str:
    """A name as the Framework puts it in a logical id (naming.js normalizeNameToAlphaNumericOnly)."""
    stripped = _NOT_ALPHANUMERIC.sub("", name)
    return f"{stripped[:1].upper()}{stripped[1:]}"


def reference_target(value: Any, declared: frozenset[str]) -> str:
    """The logical id a `Ref` or `Fn::GetAtt` (list or `X.Arn` string) names when the document declares
    it, else "" (a literal ARN, an import, a resource of another stack)."""
    function, argument = intrinsic(value) or (None, None)
    if function == "Fn::GetAtt":
        argument = argument[0] if isinstance(argument, list) and argument else argument
        argument = argument.split(".", 1)[0] if isinstance(argument, str) else argument
    elif function != "Ref":
        return ""
    return argument if isinstance(argument, str) and argument in declared else ""
