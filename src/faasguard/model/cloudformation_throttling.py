"""CloudFormation and SAM: throttling limits of API stages (FG_08_04) and default gateway responses of REST
APIs (FG_10_03); the records are described in faasguard.model.throttling and docs/model.md.

Stages are those of cloudformation_api_monitoring. A REST stage's limits come from its stage-wide
MethodSettings entries (`*` on `/*`; a Deployment's StageDescription itself too), each
`AWS::ApiGateway::UsagePlan` whose ApiStages name it (by reference, or by its stage name on the same API)
and, for SAM, `Auth.UsagePlan.Throttle` when the API creates a usage plan; a V2 stage's from
DefaultRouteSettings. A REST API's gateway responses are the `AWS::ApiGateway::GatewayResponse` resources
naming it, SAM `GatewayResponses` and the `x-amazon-apigateway-gateway-responses` of its OpenAPI body.
`resource_views` reads the plain CloudFormation types (Serverless `resources.Resources` too). The twin is
rego/faasguard/lib/throttling.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from faasguard.model import cloudformation_api_monitoring as stages
from faasguard.model import sam_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE_REF, Template
from faasguard.model.cloudformation_exposure import setting
from faasguard.model.template_references import Host, References
from faasguard.model.throttling import (BURST, HTTP_STAGE, RATE, REST_STAGE, WEBSOCKET_STAGE, Source, add_limits,
                                        add_responses, limit_text)
from faasguard.model.values import UNKNOWN, intrinsic, is_map
from faasguard.model.views import ABSENT

REST_API = "AWS::ApiGateway::RestApi"
V2_API = "AWS::ApiGatewayV2::Api"
USAGE_PLAN = "AWS::ApiGateway::UsagePlan"
GATEWAY_RESPONSE = "AWS::ApiGateway::GatewayResponse"
# limit → its key in a stage's settings map (MethodSettings entry, StageDescription, DefaultRouteSettings)
STAGE_KEYS = {BURST: "ThrottlingBurstLimit", RATE: "ThrottlingRateLimit"}
# limit → its key in a usage plan's Throttle (SAM Auth.UsagePlan.Throttle too)
PLAN_KEYS = {BURST: "BurstLimit", RATE: "RateLimit"}
_SAM_PLANS = ("PER_API", "SHARED", "SINGLE")  # CreateUsagePlan values that create one (NONE does not)
_BODY_RESPONSES = "x-amazon-apigateway-gateway-responses"


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    plans, responses = resource_views(template, builder)
    for kind, rid, props, fns in stages.sam_stages(template, builder):
        if kind == "http":
            add_limits(builder, rid, HTTP_STAGE, map_sources(template, props.get("DefaultRouteSettings"), STAGE_KEYS),
                       fns)
            continue
        sources = [*stage_wide(template, props, False), *_sam_usage_plan(template, props), *plans.get(rid, [])]
        add_limits(builder, rid, REST_STAGE, sources, fns)
        api = rid if not fns else sam_apis.IMPLICIT["rest"]
        types = [*_declared_types(template, props.get("GatewayResponses")),
                 *responses.get(api, []), *_body_types(template, props, "DefinitionBody", "DefinitionUri")]
        add_responses(builder, rid, types, fns)


def resource_views(template: Template, builder: ViewBuilder) -> tuple[dict[str, list[Source]], dict[str, list[Any]]]:
    """The records of the plain CloudFormation stages and REST APIs of a template; returns the usage-plan
    limits by stage and the gateway response types by API name, for the SAM and Serverless stages."""
    refs = References(template, Host())
    plans = _usage_plans(template, refs)
    responses = responses_by_api(template)
    for rid in template.of_type(stages.STAGE):
        sources = [*stage_wide(template, template.properties(rid), False), *plans.get(rid, [])]
        add_limits(builder, rid, REST_STAGE, sources)
    for rid in template.of_type(stages.DEPLOYMENT):
        props = template.properties(rid)
        if template.branch(props.get("StageName")) in (None, NO_VALUE_REF):
            continue  # a deployment without StageName creates no stage
        description = template.branch(props.get("StageDescription"))
        sources = stage_wide(template, description, True) if is_map(description) else \
            map_sources(template, props.get("StageDescription"), STAGE_KEYS)
        add_limits(builder, rid, REST_STAGE, [*sources, *plans.get(rid, [])])
    for rid in template.of_type(stages.V2_STAGE):
        props = template.properties(rid)
        api = refs.one(props.get("ApiId"), V2_API)
        protocol = template.known(template.properties(api).get("ProtocolType")) if api else None
        add_limits(builder, rid, WEBSOCKET_STAGE if protocol == "WEBSOCKET" else HTTP_STAGE,
                   map_sources(template, props.get("DefaultRouteSettings"), STAGE_KEYS))
    for rid in template.of_type(REST_API):
        add_responses(builder, rid, [*responses.get(rid, []),
                                     *_body_types(template, template.properties(rid), "Body", "BodyS3Location")])
    return plans, responses


def map_sources(template: Template, value: Any, keys: dict[str, str]) -> list[Source]:
    """The limits a settings map writes (`keys`: limit → key); every limit unknown when the map is."""
    mapping = template.branch(value)
    if mapping is None or mapping == NO_VALUE_REF:
        return []
    if not is_map(mapping):
        return [(name, UNKNOWN, value) for name in keys]
    return [(name, setting(template, mapping, key, default=ABSENT, known=limit_text), mapping.get(key))
            for name, key in keys.items() if mapping.get(key) is not None]


def stage_wide(template: Template, stage: dict[str, Any], own: bool) -> list[Source]:
    """The limits of a REST stage's stage-wide MethodSettings entries (`own`: also of the map itself, a
    Deployment's StageDescription)."""
    entries = stages.stage_wide_entries(template, stage.get("MethodSettings"))
    return [source for mapping in ([stage] if own else []) + entries
            for source in map_sources(template, mapping, STAGE_KEYS)]


def _sam_usage_plan(template: Template, props: dict[str, Any]) -> list[Source]:
    """`Auth.UsagePlan.Throttle` when `CreateUsagePlan` creates a plan for the API's stage."""
    auth = template.branch(props.get("Auth"))
    plan = template.branch(auth.get("UsagePlan")) if is_map(auth) else None
    if not is_map(plan):
        return []
    create = template.known(plan.get("CreateUsagePlan"))
    if create is None:
        return map_sources(template, UNKNOWN, PLAN_KEYS) if plan.get("CreateUsagePlan") is not None else []
    return map_sources(template, plan.get("Throttle"), PLAN_KEYS) if create in _SAM_PLANS else []


def _usage_plans(template: Template, refs: References) -> dict[str, list[Source]]:
    """Stage id → the limits of the usage plans whose ApiStages name it: `Stage` referencing a Stage or a
    SAM Api (`AdminApi.Stage`), or a known stage name with an `ApiId` naming the stage's API."""
    named = _stages_by_name(template, refs)
    found: dict[str, list[Source]] = defaultdict(list)
    for rid in template.of_type(USAGE_PLAN):
        props = template.properties(rid)
        limits = map_sources(template, props.get("Throttle"), PLAN_KEYS)
        for entry in (template.branch(e) for e in template.entries(props.get("ApiStages"))):
            if not is_map(entry):
                continue
            targets = set(refs.ids(entry.get("Stage"), stages.STAGE, sam_apis.SAM_API))
            name = template.known(entry.get("Stage"))
            for api in refs.ids(entry.get("ApiId"), REST_API, sam_apis.SAM_API) if isinstance(name, str) else ():
                targets.update(named.get((api, name), ()))
            for target in targets:
                found[target].extend(limits)
    return found


def _stages_by_name(template: Template, refs: References) -> dict[tuple[str, str], list[str]]:
    """(API id, known stage name) → the stages of the template: Stage and Deployment resources (their
    RestApiId), SAM Apis (themselves)."""
    named: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rid in template.of_type(stages.STAGE, stages.DEPLOYMENT):
        props = template.properties(rid)
        name = template.known(props.get("StageName"))
        for api in refs.ids(props.get("RestApiId"), REST_API) if isinstance(name, str) else ():
            named[(api, name)].append(rid)
    for rid in template.of_type(sam_apis.SAM_API):
        name = template.known(template.properties(rid).get("StageName"))
        if isinstance(name, str):
            named[(rid, name)].append(rid)
    return named


def responses_by_api(template: Template) -> dict[str, list[Any]]:
    """API name (what RestApiId references: `!Ref Api`, conftest's plain name) → the response types of the
    gateway responses naming it (UNKNOWN for a type only deployment settles)."""
    found: dict[str, list[Any]] = defaultdict(list)
    for rid in template.of_type(GATEWAY_RESPONSE):
        props = template.properties(rid)
        written = template.branch(props.get("RestApiId"))
        call = intrinsic(written)
        api = call[1] if call and call[0] == "Ref" else written
        if isinstance(api, str):
            response_type = template.known(props.get("ResponseType"))
            found[api].append(response_type if isinstance(response_type, str) else UNKNOWN)
    return found


def _body_types(template: Template, props: dict[str, Any], body_key: str, location_key: str) -> list[Any]:
    """The response types an OpenAPI body declares; UNKNOWN when the body is elsewhere or unsettled."""
    if props.get(location_key) is not None:
        return [UNKNOWN]
    body = template.branch(props.get(body_key))
    return _declared_types(template, body.get(_BODY_RESPONSES)) if is_map(body) else _declared_types(template, body)


def _declared_types(template: Template, value: Any) -> list[Any]:
    """The keys of a map of gateway responses (SAM GatewayResponses, an OpenAPI body's); UNKNOWN when
    it only deployment settles."""
    mapping = template.branch(value)
    if mapping is None or mapping == NO_VALUE_REF:
        return []
    return list(mapping) if is_map(mapping) else [UNKNOWN]
