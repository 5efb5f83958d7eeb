"""CloudFormation and SAM: where failed events go (FG_08_06; docs/model.md, "Failure routing").

function_settings `async_failure_route` of each function (its DeadLetterConfig / SAM DeadLetterQueue, and
the on-failure destination of its EventInvokeConfig: an AWS::Lambda::EventInvokeConfig naming it, or SAM's
property merged with Globals) and `async_trigger` of SAM events that invoke it asynchronously and that
event_sources does not hold; store_settings of the stream event source mappings, the queues that trigger
functions, the Lambda subscriptions of topics and the rule targets that are functions (each read from the
event_sources records the triggers concern built before this one), and of the stream, SNS and EventBridge
events of SAM functions (on the function). `resource_views` reads the plain resources of any Template
(Serverless `resources.Resources` too). The twin is rego/faasguard/lib/failures.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import failures
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import SAM_FUNCTION, Template
from faasguard.model.cloudformation_storage import triggered_functions
from faasguard.model.template_references import Host, References
from faasguard.model.values import is_map
from faasguard.model.views import ABSENT

INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig"
MAPPING = "AWS::Lambda::EventSourceMapping"
QUEUE = "AWS::SQS::Queue"
SUBSCRIPTION = "AWS::SNS::Subscription"
TOPIC = "AWS::SNS::Topic"
RULE = "AWS::Events::Rule"
# SAM event types that invoke a function asynchronously and that event_sources does not hold
SAM_ASYNC_EVENTS = frozenset({"Schedule", "ScheduleV2", "CloudWatchLogs", "IoTRule"})
# SAM event Type → the store record its Properties' setting gives (on the function)
SAM_EVENT_SETTINGS = {
    "Kinesis": (failures.MAPPING, ("DestinationConfig", "OnFailure")),
    "DynamoDB": (failures.MAPPING, ("DestinationConfig", "OnFailure")),
    "SNS": (failures.SUBSCRIPTION, ("RedrivePolicy",)),
    "EventBridgeRule": (failures.TARGET, ("DeadLetterConfig",)),
    "CloudWatchEvent": (failures.TARGET, ("DeadLetterConfig",)),
    "Schedule": (failures.TARGET, ("DeadLetterConfig",)),
}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    destinations = invoke_destinations(template, References(template, Host()))
    for rid, (kind, props) in functions.items():
        sam = kind == SAM_FUNCTION
        own = _presence(template, props, *(("EventInvokeConfig", "DestinationConfig", "OnFailure") if sam else ()))
        destination = failures.any_set(destinations.get(rid, []) + ([own] if sam else []))
        dead_letter = _presence(template, props, *(("DeadLetterQueue",) if sam else ("DeadLetterConfig", "TargetArn")))
        builder.setting(failures.FUNCTIONS, rid, "function", failures.ROUTE, failures.route(destination, dead_letter),
                        [rid])
        if sam:
            _sam_events(template, rid, props, builder)
    resource_views(template, builder)


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The store records of the plain resources of a template; `host.functions` as in
    cloudformation_triggers."""
    for source in builder.views.event_sources:
        rtype = template.type_of(source.resource)
        if rtype == MAPPING and source.kind in failures.STREAM_KINDS:
            _store(builder, source.resource, failures.MAPPING, source.functions,
                   _presence(template, template.properties(source.resource), "DestinationConfig", "OnFailure"))
        elif rtype == SUBSCRIPTION:
            _store(builder, source.resource, failures.SUBSCRIPTION, source.functions,
                   _presence(template, template.properties(source.resource), "RedrivePolicy"))
        elif rtype == TOPIC and source.kind == "sns":  # a topic's inline Subscription has no RedrivePolicy
            _store(builder, source.resource, failures.SUBSCRIPTION, source.functions, ABSENT)
    for rid, functions in triggered_functions(builder.views).items():
        if template.type_of(rid) == QUEUE:
            _store(builder, rid, failures.QUEUE, functions, _presence(template, template.properties(rid), "RedrivePolicy"))
    refs = References(template, host)
    for rid in template.of_type(RULE):
        for entry in template.entries(template.properties(rid).get("Targets")):
            target = template.branch(entry)
            functions = refs.functions(target.get("Arn")) if is_map(target) else ()
            if functions:
                _store(builder, rid, failures.TARGET, functions, _presence(template, target, "DeadLetterConfig", "Arn"))


def _presence(template: Template, props: dict[str, Any], *path: str) -> Any:
    return failures.presence(template.alternatives_at(props, *path))


def _store(builder: ViewBuilder, resource: str, record: tuple[str, str], functions, value: Any) -> None:
    builder.setting(failures.STORES, resource, record[0], record[1], value, functions)


def invoke_destinations(template: Template, refs: References) -> dict[str, list[Any]]:
    """Function id → the presence of the on-failure destination of each EventInvokeConfig naming it."""
    found: dict[str, list[Any]] = {}
    for rid in template.of_type(INVOKE_CONFIG):
        props = template.properties(rid)
        presence = _presence(template, props, "DestinationConfig", "OnFailure")
        for function in refs.functions(props.get("FunctionName")):
            found.setdefault(function, []).append(presence)
    return found


def _sam_events(template: Template, rid: str, props: dict[str, Any], builder: ViewBuilder) -> None:
    events = template.branch(props.get("Events"))
    for entry in (events.values() if is_map(events) else ()):
        event = template.branch(entry)
        kind = event.get("Type") if is_map(event) and isinstance(event.get("Type"), str) else None
        if kind in SAM_ASYNC_EVENTS:
            builder.setting(failures.FUNCTIONS, rid, "function", failures.ASYNC_TRIGGER, kind, [rid])
        if kind in SAM_EVENT_SETTINGS:
            record, path = SAM_EVENT_SETTINGS[kind]
            properties = template.branch(event.get("Properties"))
            value = _presence(template, properties, *path) if is_map(properties) else ABSENT
            _store(builder, rid, record, [rid], value)
