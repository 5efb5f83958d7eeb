"""Serverless: throttling limits of API stages (FG_08_04) and default gateway responses of the REST API
(FG_10_03); the records are described in faasguard.model.throttling and docs/model.md.

On `provider`, for each API the service has (some function has its events): the REST stage (`http`) takes
its limits from each usage plan of `provider.apiGateway.usagePlan` (a map, or a list of named plans:
`throttle.{burstLimit,rateLimit}`), from serverless-api-gateway-throttling's `custom.apiGatewayThrottling`
(`maxConcurrentRequests`, `maxRequestsPerSecond`) and from the stage-wide `MethodSettings` of
`resources.extensions.ApiGatewayStage`; the HTTP API stage (`httpApi`) from
`resources.extensions.HttpApiStage.Properties.DefaultRouteSettings`, the WebSocket stage from
`resources.extensions.WebsocketsDeploymentStage` (the Framework has no key for either). The REST API's
gateway responses are the `resources.Resources` GatewayResponses whose RestApiId is `Ref:
ApiGatewayRestApi`. `resources.Resources` is read as a template. The twin is
rego/faasguard/adapters/serverless/throttling.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_throttling as cfn
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.serverless_exposure import resolved_choice, api_event_keys
from faasguard.model.throttling import (BURST, HTTP_STAGE, RATE, REST_STAGE, WEBSOCKET_STAGE, Source, add_limits,
                                        add_responses, limit_text)
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import ABSENT

# API event key → (stage kind, the logical id of the stage the Framework creates)
_STAGES = {"http": (REST_STAGE, "ApiGatewayStage"), "httpApi": (HTTP_STAGE, "HttpApiStage"),
           "websocket": (WEBSOCKET_STAGE, "WebsocketsDeploymentStage")}
PLAN_KEYS = {BURST: "burstLimit", RATE: "rateLimit"}
# serverless-api-gateway-throttling: limit → its key in custom.apiGatewayThrottling
PLUGIN_KEYS = {BURST: "maxConcurrentRequests", RATE: "maxRequestsPerSecond"}
REST_API_ID = "ApiGatewayRestApi"  # the logical id of the REST API the Framework creates


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    events = api_event_keys(service)
    resources = service.merged(service.data.get("resources"))
    template = Template(resources if is_map(resources) else {})
    _, responses = cfn.resource_views(template, builder)
    extensions = service.resolve(resources.get("extensions")) if is_map(resources) else None
    for key, (kind, stage_id) in _STAGES.items():
        if key not in events:
            continue
        stage = get_path(extensions, stage_id, "Properties") if is_map(extensions) else None
        stage = stage if is_map(stage) else {}
        if kind == REST_STAGE:
            sources = [*cfn.stage_wide(template, stage, False), *_usage_plans(service),
                       *_settings(service, get_path(service.data, "custom", "apiGatewayThrottling"), PLUGIN_KEYS)]
        else:
            sources = cfn.map_sources(template, stage.get("DefaultRouteSettings"), cfn.STAGE_KEYS)
        add_limits(builder, PROVIDER, kind, sources)
    if "http" in events:
        add_responses(builder, PROVIDER, responses.get(REST_API_ID, []))


def _usage_plans(service: Service) -> list[Source]:
    """The throttle limits of each usage plan of `provider.apiGateway.usagePlan` (a map, or a list of
    single-key maps naming plans)."""
    written = get_path(service.provider, "apiGateway", "usagePlan")
    plans = service.resolve(written)
    if plans is UNKNOWN:
        return _settings(service, written, PLAN_KEYS)
    listed = [service.resolve(v) for entry in plans if is_map(entry) for v in entry.values()] \
        if isinstance(plans, list) else [plans]
    return [source for plan in listed if is_map(plan) for source in _settings(service, plan.get("throttle"), PLAN_KEYS)]


def _settings(service: Service, written: Any, keys: dict[str, str]) -> list[Source]:
    """The limits a Serverless map writes (`keys`: limit → key); every limit unknown when the map is."""
    mapping = service.resolve(written)
    if mapping is UNKNOWN:
        return [(name, UNKNOWN, written) for name in keys]
    if not is_map(mapping):
        return []
    return [(name, resolved_choice(service, mapping.get(key), ABSENT, limit_text), mapping.get(key))
            for name, key in keys.items() if mapping.get(key) is not None]
