"""Terraform: throttling limits of API stages (FG_08_04) and default gateway responses of REST APIs
(FG_10_03); the records are described in faasguard.model.throttling and docs/model.md.

A REST stage (`aws_api_gateway_stage`) takes its limits from the stage-wide method settings that name it
(terraform_api_monitoring's links: `settings[0].throttling_{burst,rate}_limit`, -1 when unset) and from each
`aws_api_gateway_usage_plan` whose `api_stages` name it (`throttle_settings[0].{burst,rate}_limit`); in a
module where one of those names a stage only deployment settles, every REST stage's limits are unknown. A
V2 stage takes them from `default_route_settings[0]`. A REST API's gateway responses are the
`aws_api_gateway_gateway_response` resources whose `rest_api_id` references it and the
`x-amazon-apigateway-gateway-responses` of its JSON `body`. The twin is rego/faasguard/lib/terraform/throttling.rego.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_api_monitoring import REST_STAGE as STAGE_TYPE, method_settings_by_stage
from faasguard.model.terraform_apis import json_object, is_unknown_at
from faasguard.model.terraform_exposure import setting_value
from faasguard.model.throttling import (BURST, HTTP_STAGE, RATE, REST_STAGE, WEBSOCKET_STAGE, Source, add_limits,
                                        add_responses, limit_text)
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

USAGE_PLAN = "aws_api_gateway_usage_plan"
V2_STAGE = "aws_apigatewayv2_stage"
# limit → (block, its attribute) in method settings, usage plans and V2 stages
METHOD_LIMITS = {BURST: ("settings", "throttling_burst_limit"), RATE: ("settings", "throttling_rate_limit")}
PLAN_LIMITS = {BURST: ("throttle_settings", "burst_limit"), RATE: ("throttle_settings", "rate_limit")}
ROUTE_LIMITS = {BURST: ("default_route_settings", "throttling_burst_limit"),
                RATE: ("default_route_settings", "throttling_rate_limit")}
_BODY_RESPONSES = "x-amazon-apigateway-gateway-responses"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    linked, unsettled = method_settings_by_stage(index)
    plans, unsettled_plans = _usage_plans_by_stage(index)
    for stage in index.of_type(STAGE_TYPE):
        if stage.module in unsettled or stage.module in unsettled_plans:
            written = unsettled.get(stage.module, unsettled_plans.get(stage.module))
            add_limits(builder, stage.address, REST_STAGE, [(name, UNKNOWN, written) for name in METHOD_LIMITS])
            continue
        sources = [source for settings in linked.get(stage.address, []) for source in limits(settings, METHOD_LIMITS)]
        sources += [source for plan in plans.get(stage.address, []) for source in limits(plan, PLAN_LIMITS, True)]
        add_limits(builder, stage.address, REST_STAGE, sources)
    for stage in index.of_type(V2_STAGE):
        apis = index.referenced(stage, "api_id", "aws_apigatewayv2_api")
        websocket = len(apis) == 1 and apis[0].value("protocol_type") == "WEBSOCKET"
        add_limits(builder, stage.address, WEBSOCKET_STAGE if websocket else HTTP_STAGE, limits(stage, ROUTE_LIMITS))
    responses = _responses_by_api(index)
    for api in index.of_type("aws_api_gateway_rest_api"):
        add_responses(builder, api.address, [*responses.get(api.address, []), *_body_types(api)])


def limits(resource: TfResource, spec: dict[str, tuple[str, str]], zero_unset: bool = False) -> list[Source]:
    """The limits the first block of a resource writes (`spec`: limit → block, attribute); `zero_unset`:
    0 is unset (a usage plan's `throttle_settings`: the provider plans 0 for an unset limit and sends
    nothing)."""
    known = _nonzero_limit if zero_unset else limit_text
    return [(name, setting_value(resource, block, 0, attribute, default=ABSENT, known=known),
             resource.as_written(block, 0, attribute)) for name, (block, attribute) in spec.items()]


def _nonzero_limit(value: Any) -> Any:
    return ABSENT if value == 0 and not isinstance(value, bool) else limit_text(value)


def _usage_plans_by_stage(index: Index) -> tuple[dict[str, list[TfResource]], dict[str, Any]]:
    """Stage address → the usage plans whose `api_stages` name it (a reference, or its known name with the
    same API reference or known id); and the modules where a plan names a stage only deployment settles
    (its `api_stages`, or an entry's `stage` when the plan references no stage)."""
    found: dict[str, list[TfResource]] = defaultdict(list)
    unsettled: dict[str, Any] = {}
    stages = index.of_type(STAGE_TYPE)
    for plan in index.of_type(USAGE_PLAN):
        if is_unknown_at(plan, "api_stages"):
            unsettled[plan.module] = plan.as_written("api_stages")
            continue
        targets = {s.address: s for s in index.referenced(plan, "api_stages", STAGE_TYPE)}
        entries = plan.value("api_stages")
        entries = entries if isinstance(entries, list) else []
        for entry in entries:
            name = entry.get("stage") if isinstance(entry, dict) else None
            targets.update((s.address, s) for s in stages if isinstance(name, str) and _same_stage(plan, entry, s))
        if not targets and any(is_unknown_at(plan, "api_stages", i, "stage") for i in range(len(entries))):
            unsettled[plan.module] = plan.as_written("api_stages")
        for address in targets:
            found[address].append(plan)
    return found, unsettled


def _same_stage(plan: TfResource, entry: dict[str, Any], stage: TfResource) -> bool:
    """A stage a usage plan's `api_stages` entry names by its known stage name: same module, and the
    stage's API referenced by the plan (or the same known id)."""
    api_refs = stage.refs.get("rest_api_id")
    api_id = stage.value("rest_api_id")
    same_api = bool(set(api_refs) & set(plan.refs.get("api_stages", []))) if api_refs else \
        isinstance(api_id, str) and api_id == entry.get("api_id")
    return stage.module == plan.module and stage.value("stage_name") == entry.get("stage") and same_api


def _responses_by_api(index: Index) -> dict[str, list[Any]]:
    """REST API address → the response types of the gateway responses referencing it (HCL: a type
    `each.value` of a settled for_each is the list of every instance's)."""
    found: dict[str, list[Any]] = defaultdict(list)
    for response in index.of_type("aws_api_gateway_gateway_response"):
        written = response.value("response_type")
        types = [t if isinstance(t, str) else UNKNOWN for t in (written if isinstance(written, list) else [written])]
        for api in index.referenced(response, "rest_api_id", "aws_api_gateway_rest_api"):
            found[api.address].extend(types)
    return found


def _body_types(api: TfResource) -> list[Any]:
    """The response types of the API's JSON OpenAPI body; UNKNOWN for a body only deployment settles or
    not JSON."""
    body = api.value("body")
    if body is None:
        return []
    document = json_object(body) if isinstance(body, str) else None
    if document is None:
        return [UNKNOWN]
    responses = document.get(_BODY_RESPONSES)
    return list(responses) if isinstance(responses, dict) else []
