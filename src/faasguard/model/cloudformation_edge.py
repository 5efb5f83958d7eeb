"""CloudFormation and SAM: WAF associations of API stages and TLS policies of custom domains (FG_01_02, FG_01_04).

api_settings records (docs/model.md, "Edge settings"): for each REST API stage, `endpoint_type` (the API's
first endpoint type, EDGE when unset) and `waf` (the `AWS::WAFv2::WebACLAssociation` whose `ResourceArn`
names the stage, or absent); for each custom domain `tls_policy`; for each REST API definition one
`openapi_scheme` per Swagger 2 scheme. `resource_views` reads the plain CloudFormation types of any Template
(Serverless `resources.Resources` too); `add_views` adds the SAM APIs, with `Globals.Api` / `Globals.HttpApi`
merged. The twin is rego/faasguard/lib/edge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from faasguard.model import sam_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template, sub_text
from faasguard.model.cloudformation_exposure import setting
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, intrinsic, is_map
from faasguard.model.views import ABSENT

VIEW = "api_settings"
REST_API = "AWS::ApiGateway::RestApi"
STAGE = "AWS::ApiGateway::Stage"
DEPLOYMENT = "AWS::ApiGateway::Deployment"
ASSOCIATION = "AWS::WAFv2::WebACLAssociation"
REST_DOMAIN = "AWS::ApiGateway::DomainName"
V2_DOMAIN = "AWS::ApiGatewayV2::DomainName"
PUBLIC_DEFAULT = "EDGE"  # a REST API without EndpointConfiguration is edge-optimized
# AWS's security policy of a custom domain that does not set one: REST domains TLS_1_0 (API Gateway's
# CreateDomainName default, kept for compatibility), HTTP/WebSocket (v2) domains TLS_1_2
REST_TLS_DEFAULT, V2_TLS_DEFAULT = "TLS_1_0", "TLS_1_2"
IMPLICIT_STAGE = "Prod"  # the stage SAM gives the implicit ServerlessRestApi
_STAGE_ARN = re.compile(r"/restapis/([^/]+)/stages/([^/]+)$")
_VARIABLE = re.compile(r"^\$\{([^}]+)\}$")
_SUB_VARIABLE = re.compile(r"\$\{([^}!]+)\}")


@dataclass(frozen=True)
class Stage:
    """A REST API stage of the template: `resource` carries its findings (the Stage, the Deployment that
    creates it, the SAM Api, or a function whose events create the implicit API), `api` the REST API's id,
    `name` the stage name when known, `aliases` what `${…}` in an ARN names the stage by."""

    resource: str
    api: str
    name: str | None
    functions: tuple[str, ...] = ()
    aliases: frozenset[str] = frozenset()


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resource_views(template, builder)
    stages = list(_sam_stages(template, builder))
    for stage in stages:
        endpoint = _sam_endpoint(template, sam_apis.api_properties(template, "rest", _declared(template, stage.api)))
        builder.setting(VIEW, stage.resource, "stage", "endpoint_type", endpoint, stage.functions)
    add_waf_records(template, builder, stages)
    for api in sam_apis.declared_apis(template):
        _sam_domain(template, builder, api.id, api.kind, api.props, ())
        if api.kind == "rest":
            _schemes(template, builder, api.id, api.props.get("DefinitionBody"))
    _implicit_domains(template, builder)


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The edge records of the plain CloudFormation resources of a template."""
    refs = References(template, host)
    stages = list(_stages(template, refs))
    for stage in stages:
        builder.setting(VIEW, stage.resource, "stage", "endpoint_type", _rest_endpoint(template, stage.api))
    add_waf_records(template, builder, stages)
    for rid in template.of_type(REST_DOMAIN):
        _tls_policy(template, builder, rid, template.properties(rid), REST_TLS_DEFAULT)
    for rid in template.of_type(V2_DOMAIN):
        for entry in template.entries(template.properties(rid).get("DomainNameConfigurations")) or [{}]:
            _tls_policy(template, builder, rid, template.branch(entry), V2_TLS_DEFAULT)
    for rid in template.of_type(REST_API):
        _schemes(template, builder, rid, template.properties(rid).get("Body"))


# --- stages and their WAF associations -------------------------------------------------------------

def _stages(template: Template, refs: References):
    """Stages of AWS::ApiGateway::Stage and of Deployments with a StageName, on the template's REST APIs."""
    for rtype in (STAGE, DEPLOYMENT):
        for rid in template.of_type(rtype):
            props = template.properties(rid)
            if rtype == DEPLOYMENT and props.get("StageName") is None:
                continue
            api = refs.one(props.get("RestApiId"), REST_API)
            if api is not None:
                yield Stage(rid, api, _known_text(template, props.get("StageName")), (), frozenset({rid}))


def _sam_stages(template: Template, builder: ViewBuilder):
    """The stage of each declared SAM REST Api, and the `Prod` stage of the implicit ServerlessRestApi at
    each function whose Api events create it (api_operations, already built, names them)."""
    for api in sam_apis.declared_apis(template):
        if api.kind == "rest":
            name = _known_text(template, api.props.get("StageName"))
            yield Stage(api.id, api.id, name, (), _sam_aliases(api.id, name))
    implicit = sam_apis.IMPLICIT["rest"]
    if implicit not in template.resources:
        for fid in sorted({o.resource for o in builder.views.api_operations if o.api == implicit}):
            yield Stage(fid, implicit, IMPLICIT_STAGE, (fid,), _sam_aliases(implicit, IMPLICIT_STAGE))


def _sam_aliases(api: str, name: str | None) -> frozenset[str]:
    """`${Api.Stage}` and the logical id SAM gives the stage (`<api><stage name>Stage`)."""
    generated = {f"{api}{re.sub(r'[^A-Za-z0-9]', '', name)}Stage"} if name else set()
    return frozenset({f"{api}.Stage", *generated})


def _declared(template: Template, api: str) -> str | None:
    return api if template.type_of(api) == sam_apis.SAM_API else None


def add_waf_records(template: Template, builder: ViewBuilder, stages: list[Stage]) -> None:
    """One `waf` record per association naming a stage; `absent` for a stage none names, unknown when an
    association names the stage's API with a stage name only deployment settles."""
    found: dict[str, set[str]] = {s.resource: set() for s in stages}
    unsettled: dict[str, Any] = {}  # stage → the ResourceArn that may name it
    for rid in template.of_type(ASSOCIATION):
        written = template.properties(rid).get("ResourceArn")
        target = stage_target(template, written)
        if target is None:
            continue
        api, stage_part = target
        named = [s for s in stages if s.api == api and _names(template, s, stage_part)]
        for stage in named:
            found[stage.resource].add(rid)
        if not named and _unsettled(template, stage_part):
            unsettled.update({s.resource: written for s in stages if s.api == api})
    for stage in stages:
        associations = sorted(found[stage.resource])
        if not associations:
            value = UNKNOWN if stage.resource in unsettled else ABSENT
            builder.setting(VIEW, stage.resource, "stage", "waf", value, stage.functions,
                            written=unsettled.get(stage.resource))
        for association in associations:
            builder.setting(VIEW, stage.resource, "stage", "waf", association, stage.functions)


def stage_target(template: Template, written: Any) -> tuple[str, str] | None:
    """(API reference name, stage part) of an ARN of an API Gateway stage written with references
    (`arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}`, an Fn::Join, conftest's plain
    Sub string); None for any other resource."""
    text = arn_text(template, written)
    match = _STAGE_ARN.search(text) if text else None
    api = _VARIABLE.match(match.group(1)) if match else None
    return (api.group(1), match.group(2)) if api else None


def arn_text(template: Template, written: Any) -> str | None:
    """An ARN as text, each reference written `${Name}` / `${Name.Attribute}`: a string (conftest's plain
    Sub string too), an `Fn::Sub`, an `Fn::Join` of strings, references and `Fn::Sub`s, a reference."""
    value = template.branch(written)
    if isinstance(value, str):
        return value
    function, argument = intrinsic(value) or (None, None)
    if function == "Fn::Sub":
        return _sub_text(argument)
    if function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2 \
            and isinstance(argument[0], str) and isinstance(argument[1], list):
        return argument[0].join(_part(part) for part in argument[1])
    return _leaf(value) if function in ("Ref", "Fn::GetAtt") else None


def _sub_text(argument: Any) -> str | None:
    """An `Fn::Sub` text with the references of its variable map written in."""
    text = sub_text(argument)
    variables = argument[1] if isinstance(argument, list) and len(argument) > 1 and is_map(argument[1]) else {}
    return None if text is None else _SUB_VARIABLE.sub(
        lambda m: _leaf(variables[m.group(1)]) if m.group(1) in variables else m.group(0), text)


def _part(value: Any) -> str:
    """A part of an `Fn::Join`."""
    function, argument = intrinsic(value) or (None, None)
    return (_sub_text(argument) or "${?}") if function == "Fn::Sub" else _leaf(value)


def _leaf(value: Any) -> str:
    if isinstance(value, str):
        return value
    function, argument = intrinsic(value) or (None, None)
    if function == "Ref" and isinstance(argument, str):
        return f"${{{argument}}}"
    if function == "Fn::GetAtt" and isinstance(argument, list) and len(argument) == 2:
        return f"${{{argument[0]}.{argument[1]}}}"
    if function == "Fn::GetAtt" and isinstance(argument, str):
        return f"${{{argument}}}"
    return "${?}"


def _names(template: Template, stage: Stage, part: str) -> bool:
    """Whether the stage part of an ARN names the stage: by reference (`${Stage}`, `${Api.Stage}`, SAM's
    generated id) or by its name (literal, or a parameter default)."""
    variable = _VARIABLE.match(part)
    if variable and variable.group(1) in stage.aliases:
        return True
    name = _stage_name(template, part)
    return name is not None and name == stage.name


def _stage_name(template: Template, part: str) -> str | None:
    variable = _VARIABLE.match(part)
    if variable is None:
        return part if "${" not in part else None
    return _known_text(template, {"Ref": variable.group(1)}) if template.is_parameter(variable.group(1)) else None


def _unsettled(template: Template, part: str) -> bool:
    """A stage part that names no stage of the template and that only deployment settles."""
    variable = _VARIABLE.match(part)
    if variable is None:
        return "${" in part
    name = variable.group(1)
    return template.type_of(name.split(".")[0]) is None and _stage_name(template, part) is None


def _known_text(template: Template, value: Any) -> str | None:
    known = template.known(value)
    return known if isinstance(known, str) else None


# --- endpoint types ---------------------------------------------------------------------------------

def _rest_endpoint(template: Template, api: str) -> Any:
    """`EndpointConfiguration.Types` of a RestApi (its first entry, upper-cased), EDGE when unset."""
    return setting(template, template.properties(api), "EndpointConfiguration", "Types",
                   default=PUBLIC_DEFAULT, known=lambda types: _first_type(template, types))


def _first_type(template: Template, types: Any) -> Any:
    listed = template.entries(types)
    if not listed:
        return PUBLIC_DEFAULT
    first = template.known(listed[0])
    return first.upper() if isinstance(first, str) else UNKNOWN


def _sam_endpoint(template: Template, props: dict[str, Any]) -> Any:
    """SAM `EndpointConfiguration`: a string, or `{Type: …}`; EDGE when unset."""
    return setting(template, props, "EndpointConfiguration", default=PUBLIC_DEFAULT,
                   known=lambda value: _sam_endpoint_type(template, value))


def _sam_endpoint_type(template: Template, value: Any) -> Any:
    if is_map(value):
        value = value.get("Type", PUBLIC_DEFAULT)
    known = template.known(value)
    return known.upper() if isinstance(known, str) else UNKNOWN


# --- custom domains and OpenAPI schemes --------------------------------------------------------------

def _tls_policy(template: Template, builder: ViewBuilder, rid: str, props: Any, default: str,
                functions: tuple[str, ...] = ()) -> None:
    value = setting(template, props, "SecurityPolicy", default=default, known=_upper) if is_map(props) else UNKNOWN
    builder.setting(VIEW, rid, "domain_name", "tls_policy", value, functions,
                    written=props.get("SecurityPolicy") if is_map(props) else props)


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else UNKNOWN


def _sam_domain(template: Template, builder: ViewBuilder, rid: str, kind: str, props: dict[str, Any],
                functions: tuple[str, ...]) -> None:
    """A SAM Api / HttpApi `Domain` (Globals merged): the domain SAM creates gets its SecurityPolicy."""
    domain = template.branch(props.get("Domain"))
    if is_map(domain):
        _tls_policy(template, builder, rid, domain, REST_TLS_DEFAULT if kind == "rest" else V2_TLS_DEFAULT, functions)


def _implicit_domains(template: Template, builder: ViewBuilder) -> None:
    """`Globals.Api.Domain` / `Globals.HttpApi.Domain` of an implicit API: at each function whose events
    create it."""
    for kind, implicit in sam_apis.IMPLICIT.items():
        if implicit in template.resources:
            continue
        props = sam_apis.api_properties(template, kind, None)
        for fid in sorted({o.resource for o in builder.views.api_operations if o.api == implicit}):
            _sam_domain(template, builder, fid, kind, props, (fid,))


def _schemes(template: Template, builder: ViewBuilder, rid: str, body: Any) -> None:
    """Swagger 2 `schemes` of a REST API definition written in the template, one record per scheme."""
    definition = template.branch(body)
    listed = definition.get("schemes") if is_map(definition) else None
    for scheme in template.entries(listed) if listed is not None else []:
        known = template.known(scheme)
        builder.setting(VIEW, rid, "rest_api", "openapi_scheme", known.lower() if isinstance(known, str) else UNKNOWN,
                        written=scheme)
