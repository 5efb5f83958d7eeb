"""Serverless: where failed events go (FG_08_06; docs/model.md, "Failure routing"): function_settings
`async_failure_route` of each function key (`onError`, `destinations.onFailure`, or an
AWS::Lambda::EventInvokeConfig of `resources.Resources` naming its generated function) and
`async_trigger` of its asynchronous events that event_sources does not hold; store_settings of its
`stream` (`destinations.onFailure`), `sns` (`redrivePolicy`) and `eventBridge` (`deadLetterQueueArn`)
events, on the function key; the resources of `resources.Resources` as in a template (the queues its
`sqs` events name). The twin is rego/faasguard/adapters/serverless/failures.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_failures, failures
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import Service
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, is_map

# events the Framework wires for asynchronous invocation that event_sources does not hold
ASYNC_EVENTS = ("schedule", "cloudwatchLog", "cloudwatchEvent", "iot")
# event key → the store record it gives and the path of its setting in the event
EVENT_SETTINGS = {
    "stream": (failures.MAPPING, ("destinations", "onFailure")),
    "sns": (failures.SUBSCRIPTION, ("redrivePolicy",)),
    "eventBridge": (failures.TARGET, ("deadLetterQueueArn",)),
}


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    template = Template(resources if is_map(resources) else {})
    host = Host(functions={lambda_logical_id(key): key for key in service.functions})
    embedded = cloudformation_failures.invoke_destinations(template, References(template, host))
    for key, function in service.functions.items():
        destination = failures.any_set(embedded.get(key, []) + [_presence(service, function, "destinations", "onFailure")])
        route = failures.route(destination, _presence(service, function, "onError"))
        builder.setting(failures.FUNCTIONS, key, "function", failures.ROUTE, route, [key])
        _events(service, key, function, builder)
    cloudformation_failures.resource_views(template, builder, host)


def _presence(service: Service, value: Any, *path: str) -> Any:
    """Set when the setting is written (an unresolved variable too), absent otherwise."""
    for key in path:
        value = service.resolve(value)
        if value is UNKNOWN:
            break  # a variable only deployment settles may hold the setting: written
        value = value.get(key) if is_map(value) else None
    return failures.presence([service.resolve(value)])


def _events(service: Service, key: str, function: dict[str, Any], builder: ViewBuilder) -> None:
    events = service.resolve(function.get("events"))
    for raw in events if isinstance(events, list) else []:
        entry = service.resolve(raw)
        for event in entry if is_map(entry) else ():
            if event in ASYNC_EVENTS:
                builder.setting(failures.FUNCTIONS, key, "function", failures.ASYNC_TRIGGER, event, [key])
            if event in EVENT_SETTINGS:
                (kind, setting), path = EVENT_SETTINGS[event]
                builder.setting(failures.STORES, key, kind, setting, _presence(service, entry[event], *path), [key])
