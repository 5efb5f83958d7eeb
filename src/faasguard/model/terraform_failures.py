"""Terraform modules and plans → where failed events go (FG_08_06; docs/model.md, "Failure routing"):
function_settings `async_failure_route` of each aws_lambda_function (its dead_letter_config, and the
on-failure destination of an aws_lambda_function_event_invoke_config naming it); store_settings of the
stream event source mappings, the queues that trigger functions (their redrive_policy, or an
aws_sqs_queue_redrive_policy naming them), the Lambda subscriptions of topics and the event targets
that are functions, each read from the event_sources records the triggers concern built before this one.
A block or attribute is set when it is written, whatever its value (a reference, an ARN still to be
created). The twin is rego/faasguard/lib/terraform/failures.rego, fed by the adapters' failures.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import failures
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_storage import triggered_functions
from faasguard.model.terraform import Index
from faasguard.model.terraform_apis import functions_named
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

# the resource an event_sources record is written at → the store record it gives and the setting read
# there (a path of nested blocks, or an attribute)
_DELIVERIES = {
    "aws_lambda_event_source_mapping": (failures.MAPPING, ("destination_config", "on_failure")),
    "aws_sns_topic_subscription": (failures.SUBSCRIPTION, ("redrive_policy",)),
    "aws_cloudwatch_event_target": (failures.TARGET, ("dead_letter_config",)),
}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    destinations: set[str] = set()
    for config in index.of_type("aws_lambda_function_event_invoke_config"):
        if _written(config.value("destination_config"), "on_failure"):
            destinations |= functions_named(index, config, "function_name")
    for function in index.of_type("aws_lambda_function"):
        route = failures.route(_presence(function.address in destinations),
                               _presence(_written(function.value("dead_letter_config"))))
        builder.setting(failures.FUNCTIONS, function.address, "function", failures.ROUTE, route, [function.address])
    resources = {r.address: r for rtype in _DELIVERIES for r in index.of_type(rtype)}
    for source in builder.views.event_sources:
        resource = resources.get(source.resource)
        if resource is None or (resource.type == "aws_lambda_event_source_mapping"
                                and source.kind not in failures.STREAM_KINDS):
            continue
        record, (attribute, *blocks) = _DELIVERIES[resource.type]
        _store(builder, resource.address, record, source.functions, _written(resource.value(attribute), *blocks))
    redriven = {q.address for policy in index.of_type("aws_sqs_queue_redrive_policy")
                for q in index.referenced(policy, "queue_url", "aws_sqs_queue")}
    queues = {q.address: q for q in index.of_type("aws_sqs_queue")}
    for address, functions in triggered_functions(builder.views).items():
        if address in queues:
            _store(builder, address, failures.QUEUE, functions,
                   address in redriven or _written(queues[address].value("redrive_policy")))


def _written(value: Any, *blocks: str) -> bool:
    """Whether a value is written: an attribute that is not null or empty (an unknown one is written),
    or, through `blocks`, a nested block of that path."""
    if value is UNKNOWN:
        return True
    if not blocks:
        return value not in (None, "", [], {})
    listed = value if isinstance(value, list) else [value]
    return any(isinstance(b, dict) and _written(b.get(blocks[0]), *blocks[1:]) for b in listed)


def _presence(written: bool) -> str:
    return failures.SET if written else ABSENT


def _store(builder: ViewBuilder, resource: str, record: tuple[str, str], functions, written: bool) -> None:
    builder.setting(failures.STORES, resource, record[0], record[1], _presence(written), functions)
