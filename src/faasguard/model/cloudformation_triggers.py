"""CloudFormation and SAM templates → the trigger views (event_sources, source_policies; docs/model.md): which bucket, topic,
queue or stream invokes each function, and the resource policies of those sources.

The twin is rego/faasguard/lib/cloudformation_triggers, which rego/faasguard/adapters/cloudformation (and sam)/triggers.rego
expose. `resource_views` reads the plain CloudFormation types of any Template (so that a format embedding CloudFormation
resources can read them the same way); `add_views` adds the Events of SAM functions (docs/formats/cloudformation_triggers.md).
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import SAM_FUNCTION, Template
from faasguard.model.template_references import Host, References
from faasguard.model.values import is_map

BUCKET = "AWS::S3::Bucket"
TOPIC = "AWS::SNS::Topic"
QUEUE = "AWS::SQS::Queue"
STREAM = "AWS::Kinesis::Stream"
TABLE = "AWS::DynamoDB::Table"
MAPPING = "AWS::Lambda::EventSourceMapping"
SUBSCRIPTION = "AWS::SNS::Subscription"
RULE = "AWS::Events::Rule"
# the kind of trigger each declared source type gives
SOURCE_KINDS = {BUCKET: "s3", TOPIC: "sns", QUEUE: "sqs", STREAM: "kinesis", TABLE: "dynamodb"}
# a literal EventSourceArn of an event source mapping: arn:<partition>:<service>:…
_MAPPING_ARN = re.compile(r"^arn:[^:]+:(sqs|kinesis|dynamodb):")
# SAM event Type → (kind, the property naming the source, the source's types)
SAM_EVENTS = {
    "S3": ("s3", "Bucket", (BUCKET,)),
    "SNS": ("sns", "Topic", (TOPIC,)),
    "SQS": ("sqs", "Queue", (QUEUE,)),
    "Kinesis": ("kinesis", "Stream", (STREAM,)),
    "DynamoDB": ("dynamodb", "Stream", (TABLE,)),
    "EventBridgeRule": ("eventbridge", None, ()),
    "CloudWatchEvent": ("eventbridge", None, ()),
}
# resource policy type → (the property listing its targets, the targets' type)
POLICY_TYPES = {
    "AWS::S3::BucketPolicy": ("Bucket", BUCKET),
    "AWS::SNS::TopicPolicy": ("Topics", TOPIC),
    "AWS::SQS::QueuePolicy": ("Queues", QUEUE),
}
BUS = "AWS::Events::EventBus"
# policies whose target may live elsewhere (the default event bus has no resource): target "" then;
# type → (the property naming the target, the target's type, the property holding the document)
OPTIONAL_TARGET_POLICIES = {
    "AWS::Events::EventBusPolicy": ("EventBusName", BUS, None),
    "AWS::Kinesis::ResourcePolicy": ("ResourceArn", STREAM, "ResourcePolicy"),
}
# condition keys that narrow who a public principal is (compared lower-cased)
CONSTRAINING_KEYS = frozenset({"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
                               "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalaccount"})
# a bucket ACL (CFN `PublicRead`, or `public-read` as S3 spells it, lower-cased without dashes) → what it grants everyone
PUBLIC_ACLS = {"publicread": ("s3:GetObject",), "publicreadwrite": ("s3:GetObject", "s3:PutObject")}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the trigger views of the document to the builder (`functions`: logical id → (type, effective properties))."""
    resource_views(template, builder)
    for rid, (kind, props) in functions.items():
        if kind == SAM_FUNCTION:
            _sam_events(template, builder, rid, props)


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The trigger views of the plain CloudFormation resources of a template; `host.functions` maps logical
    ids an embedding document generates to its function ids."""
    refs = References(template, host)
    records = Records(builder)
    _mappings(template, refs, records)
    _bucket_notifications(template, refs, records)
    _subscriptions(template, refs, records)
    _rules(template, refs, records)
    _policies(template, refs, builder)
    _bucket_acls(template, builder)


class Records:
    """Adds each event source once (two entries of one trigger naming the same function are one record,
    as in the Rego twin's sets)."""

    def __init__(self, builder: ViewBuilder):
        self.builder = builder
        self.seen: set[tuple] = set()

    def add(self, resource: str, kind: str, source: str, functions: tuple[str, ...]) -> None:
        key = (resource, kind, source, functions)
        if key not in self.seen:
            self.seen.add(key)
            self.builder.event_source(resource, kind, source, functions)


def _source(refs: References, value: Any, *types: str) -> str:
    """The one declared source of the given types a value names, else ""."""
    return refs.one(value, *types) or ""


# --- triggers ---------------------------------------------------------------------------------------

def _mappings(template: Template, refs: References, records: Records) -> None:
    for rid in template.of_type(MAPPING):
        props = template.properties(rid)
        arn = props.get("EventSourceArn")
        source = _source(refs, arn, QUEUE, STREAM, TABLE)
        kind = SOURCE_KINDS[template.type_of(source)] if source else _arn_kind(template.known(arn))
        records.add(rid, kind, source, refs.functions(props.get("FunctionName")))


def _arn_kind(arn: Any) -> str:
    found = _MAPPING_ARN.match(arn) if isinstance(arn, str) else None
    return found.group(1) if found else "other"


def _bucket_notifications(template: Template, refs: References, records: Records) -> None:
    for rid in template.of_type(BUCKET):
        notifications = template.branch(template.properties(rid).get("NotificationConfiguration"))
        listed = notifications.get("LambdaConfigurations") if is_map(notifications) else None
        for entry in template.entries(listed):
            configuration = template.branch(entry)
            if is_map(configuration):
                records.add(rid, "s3", rid, refs.functions(configuration.get("Function")))


def _subscriptions(template: Template, refs: References, records: Records) -> None:
    for rid in template.of_type(SUBSCRIPTION):
        props = template.properties(rid)
        if _is_lambda_protocol(template, props):
            records.add(rid, "sns", _source(refs, props.get("TopicArn"), TOPIC), refs.functions(props.get("Endpoint")))
    for rid in template.of_type(TOPIC):
        for entry in template.entries(template.properties(rid).get("Subscription")):
            subscription = template.branch(entry)
            if is_map(subscription) and _is_lambda_protocol(template, subscription):
                records.add(rid, "sns", rid, refs.functions(subscription.get("Endpoint")))


def _is_lambda_protocol(template: Template, props: dict[str, Any]) -> bool:
    protocol = template.known(props.get("Protocol"))
    return isinstance(protocol, str) and protocol.lower() == "lambda"


def _rules(template: Template, refs: References, records: Records) -> None:
    """EventBridge rules: the targets that name functions (a rule also targets queues, topics, …)."""
    for rid in template.of_type(RULE):
        for entry in template.entries(template.properties(rid).get("Targets")):
            target = template.branch(entry)
            functions = refs.functions(target.get("Arn")) if is_map(target) else ()
            if functions:
                records.add(rid, "eventbridge", "", functions)


def _sam_events(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    """The Events of a SAM function that are triggers; the record is written at the function."""
    refs = References(template, Host())
    records = Records(builder)
    events = template.branch(props.get("Events"))
    for entry in (events.values() if is_map(events) else ()):
        event = template.branch(entry)
        kind_of = SAM_EVENTS.get(event.get("Type")) if is_map(event) and isinstance(event.get("Type"), str) else None
        if kind_of is None:
            continue
        kind, key, types = kind_of
        properties = template.branch(event.get("Properties"))
        written = properties.get(key) if key and is_map(properties) else None
        records.add(rid, kind, _source(refs, written, *types) if types else "", (rid,))


# --- resource policies ------------------------------------------------------------------------------

def _policies(template: Template, refs: References, builder: ViewBuilder) -> None:
    for policy_type, (key, target_type) in POLICY_TYPES.items():
        for rid in template.of_type(policy_type):
            props = template.properties(rid)
            targets = refs.ids(props.get(key), target_type)
            for statement in _statements(template, props.get("PolicyDocument")):
                for target in targets:
                    _add_statement(template, builder, rid, target, statement)
    for policy_type, (key, target_type, document) in OPTIONAL_TARGET_POLICIES.items():
        for rid in template.of_type(policy_type):
            props = template.properties(rid)
            target = _source(refs, props.get(key), target_type)
            statements = _statements(template, props.get(document)) if document else _bus_statements(template, props)
            for statement in statements:
                _add_statement(template, builder, rid, target, statement)


def _bus_statements(template: Template, props: dict[str, Any]) -> list[dict[str, Any]]:
    """An event bus policy's `Statement` (one statement), or its legacy `Action` / `Principal` /
    `Condition` ({Type, Key, Value}) read as one Allow statement."""
    statement = template.branch(props.get("Statement"))
    if is_map(statement):
        return [statement]
    if statement is not None or "Principal" not in props:
        return []
    condition = template.branch(props.get("Condition"))
    key = template.known(condition.get("Key")) if is_map(condition) else None
    return [{"Effect": "Allow", "Action": props.get("Action"), "Principal": props.get("Principal"),
             "Condition": {"StringEquals": {key: True}} if isinstance(key, str) else None}]


def add_policy_statements(template: Template, builder: ViewBuilder, rid: str, target: str, document: Any) -> None:
    """The source_policies records of a policy document written at `rid` for `target` (an API's
    resource policy is read as a bucket's, topic's or queue's: cloudformation_exposure)."""
    for statement in _statements(template, document):
        _add_statement(template, builder, rid, target, statement)


def _statements(template: Template, document: Any) -> list[dict[str, Any]]:
    settled = template.branch(document)
    listed = template.entries(settled.get("Statement")) if is_map(settled) else []
    return [statement for entry in listed if is_map(statement := template.branch(entry))]


def _add_statement(template: Template, builder: ViewBuilder, rid: str, target: str, statement: dict[str, Any]) -> None:
    actions = [template.known(entry) for entry in template.entries(statement.get("Action"))]
    builder.source_policy(rid, target, template.known(statement.get("Effect")), actions,
                          _is_public(template.branch(statement.get("Principal"))),
                          _is_constrained(template.branch(statement.get("Condition"))))


def _is_public(principal: Any) -> bool:
    """Principal `*`, `{"AWS": "*"}` or an AWS list holding `*`."""
    if principal == "*":
        return True
    aws = principal.get("AWS") if is_map(principal) else None
    return aws == "*" or (isinstance(aws, list) and "*" in aws)


def _is_constrained(condition: Any) -> bool:
    """A condition (any operator) on a key that narrows who the principal is."""
    if not is_map(condition):
        return False
    return any(isinstance(key, str) and key.lower() in CONSTRAINING_KEYS
               for operands in condition.values() if is_map(operands) for key in operands)


def _bucket_acls(template: Template, builder: ViewBuilder) -> None:
    for rid in template.of_type(BUCKET):
        acl = template.known(template.properties(rid).get("AccessControl"))
        actions = PUBLIC_ACLS.get(acl.lower().replace("-", "")) if isinstance(acl, str) else None
        if actions:
            builder.source_policy(rid, rid, "Allow", list(actions), True, False)
