"""API Gateway resources and Lambda permissions of a template → api_operations, authorizers,
lambda_permissions (docs/formats/cloudformation_apis.md). rego/faasguard/lib/cloudformation_apis/api_gateway.rego
is the twin.
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model import openapi
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, Template
from faasguard.model.template_references import (
    SET_AT_DEPLOYMENT,
    References,
    absent_is_none,
    is_true,
    jwt_settings,
    note_unknown,
    set_string,
)
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import functions_tuple

REST_API = "AWS::ApiGateway::RestApi"
REST_RESOURCE = "AWS::ApiGateway::Resource"
REST_METHOD = "AWS::ApiGateway::Method"
REST_AUTHORIZER = "AWS::ApiGateway::Authorizer"
V2_API = "AWS::ApiGatewayV2::Api"
V2_ROUTE = "AWS::ApiGatewayV2::Route"
V2_INTEGRATION = "AWS::ApiGatewayV2::Integration"
V2_AUTHORIZER = "AWS::ApiGatewayV2::Authorizer"
PERMISSION = "AWS::Lambda::Permission"
_ROUTE_METHOD = re.compile(r"^[A-Za-z]+$")
_CONSTRAINTS = ("SourceArn", "SourceAccount", "PrincipalOrgID")


def add_views(template: Template, builder: ViewBuilder, refs: References) -> None:
    _rest_methods(template, builder, refs)
    _routes(template, builder, refs)
    _api_definitions(template, builder, refs)
    _authorizers(template, builder, refs)
    _permissions(template, builder, refs)


# --- REST APIs (API Gateway v1) ---------------------------------------------------------------------

def _rest_methods(template: Template, builder: ViewBuilder, refs: References) -> None:
    for rid in template.of_type(REST_METHOD):
        props = template.properties(rid)
        fns = refs.functions(get_path(props, "Integration", "Uri"))
        method = template.known(props.get("HttpMethod"))
        if not isinstance(method, str):
            builder.unknown(rid, "api_operations", "method", props.get("HttpMethod"), fns)
            continue
        builder.api_operation(rid, refs.one(props.get("RestApiId"), REST_API) or "", "rest", method.upper(),
                              _rest_path(template, refs, props.get("ResourceId")),
                              absent_is_none(template, props, "AuthorizationType"),
                              is_true(template.known(props.get("ApiKeyRequired"))), fns, props.get("AuthorizationType"))


def _is_root(value: Any) -> bool:
    """`!GetAtt Api.RootResourceId` (or conftest's plain `Api.RootResourceId`)."""
    if isinstance(value, str):
        return value.endswith(".RootResourceId")
    target = value.get("Fn::GetAtt") if isinstance(value, dict) and len(value) == 1 else None
    if isinstance(target, list):
        return len(target) == 2 and target[1] == "RootResourceId"
    return isinstance(target, str) and target.endswith(".RootResourceId")


def _rest_path(template: Template, refs: References, resource_id: Any) -> str:
    """The path of a method's resource, from the chain of AWS::ApiGateway::Resource up to the root;
    "" when a part or a parent is not in the template."""
    parts: list[str] = []
    current, seen = template.branch(resource_id), set()
    while not _is_root(current):
        rid = refs.one(current, REST_RESOURCE)
        part = template.known(template.properties(rid).get("PathPart")) if rid else None
        if rid is None or rid in seen or not isinstance(part, str):
            return ""
        seen.add(rid)
        parts.append(part)
        current = template.branch(template.properties(rid).get("ParentId"))
    return "/" + "/".join(reversed(parts))


# --- HTTP and WebSocket APIs (API Gateway v2) -------------------------------------------------------

def _route_kind(template: Template, api: str | None, route_key: str) -> str | None:
    """http / websocket by the API's ProtocolType, else by the route key's shape; None when neither says."""
    protocol = template.known(template.properties(api).get("ProtocolType")) if api else None
    if isinstance(protocol, str) and protocol.upper() in ("HTTP", "WEBSOCKET"):
        return protocol.lower()
    if route_key in ("$connect", "$disconnect"):
        return "websocket"
    method = route_key.split(" ", 1)[0]
    return "http" if " " in route_key and _ROUTE_METHOD.match(method) else None


def route_call(kind: str, route_key: str) -> tuple[str, str]:
    """(method, path) of a route key: "GET /orders" → GET /orders; an HTTP key without a method (`$default`)
    takes any method; WebSocket routes have none."""
    if kind == "websocket":
        return "", route_key
    method, _, path = route_key.partition(" ")
    return (method.upper(), path) if path else ("ANY", route_key)


def _integration_functions(template: Template, refs: References, target: Any) -> tuple[str, ...]:
    """The functions behind a route's `Target` (`integrations/<id>`): its integrations' IntegrationUri."""
    return functions_tuple(f for integration in refs.ids(target, V2_INTEGRATION)
                           for f in refs.functions(template.properties(integration).get("IntegrationUri")))


def _routes(template: Template, builder: ViewBuilder, refs: References) -> None:
    for rid in template.of_type(V2_ROUTE):
        props = template.properties(rid)
        fns = _integration_functions(template, refs, props.get("Target"))
        api = refs.one(props.get("ApiId"), V2_API)
        route_key = template.known(props.get("RouteKey"))
        kind = _route_kind(template, api, route_key) if isinstance(route_key, str) else None
        if kind is None:
            builder.unknown(rid, "api_operations", "route_key", props.get("RouteKey"), fns)
            continue
        method, path = route_call(kind, route_key)
        builder.api_operation(rid, api or "", kind, method, path, absent_is_none(template, props, "AuthorizationType"),
                              is_true(template.known(props.get("ApiKeyRequired"))), fns, props.get("AuthorizationType"))


# --- OpenAPI definitions and quick-create APIs -----------------------------------------------------

def _api_definitions(template: Template, builder: ViewBuilder, refs: References) -> None:
    for rid in template.of_type(REST_API):
        props = template.properties(rid)
        definition_operations(template, builder, refs, rid, "rest", props.get("Body"), props.get("BodyS3Location"))
    for rid in template.of_type(V2_API):
        props = template.properties(rid)
        definition_operations(template, builder, refs, rid, "http", props.get("Body"), props.get("BodyS3Location"))
        if props.get("Target") is not None:  # quick create: one route, no authorization
            route_key = template.known(props.get("RouteKey")) if props.get("RouteKey") is not None else "$default"
            if not isinstance(route_key, str):
                builder.unknown(rid, "api_operations", "route_key", props.get("RouteKey"), [])
                continue
            method, path = route_call("http", route_key)
            builder.api_operation(rid, rid, "http", method, path, "NONE", False, refs.functions(props.get("Target")))


def readable_definition(template: Template, builder: ViewBuilder, resource: str, body: Any,
                        elsewhere: Any) -> dict[str, Any] | None:
    """The definition map of an API, or None (an unreadable one is noted as unknown)."""
    if body is None:
        if elsewhere is not None:
            note_unknown(builder, resource, "api_operations", "authorization",
                         "the OpenAPI definition is in another file, which is not read")
        return None
    settled = template.branch(body)
    if not is_map(settled):  # Fn::Transform AWS::Include, an Fn::If on an unknown condition
        builder.unknown(resource, "api_operations", "authorization", body, [])
        return None
    return settled


def definition_operations(template: Template, builder: ViewBuilder, refs: References, resource: str, kind: str,
                          body: Any, elsewhere: Any) -> None:
    """One record per operation of an API's inline OpenAPI definition (`Body`), on the API."""
    definition = readable_definition(template, builder, resource, body, elsewhere)
    if definition is None:
        return
    schemes = openapi.scheme_types(definition)
    for operation in openapi.operations(definition):
        security = openapi.effective_security(operation.security, definition)
        add_definition_operation(builder, refs, resource, kind, operation, security, schemes)


def add_definition_operation(builder: ViewBuilder, refs: References, api: str, kind: str,
                             operation: openapi.Operation, security: Any, schemes: dict[str, str]) -> None:
    authorization, api_key = openapi.authorization(security, schemes)
    fns = refs.functions(operation.integration_uri)
    if authorization is UNKNOWN:
        note_unknown(builder, api, "api_operations", "authorization",
                     f"the security of {operation.method} {operation.path} in the OpenAPI definition is not one "
                     "API Gateway settles here (an unknown or undefined scheme)", fns)
        return
    builder.api_operation(api, api, kind, operation.method, operation.path, authorization, api_key, fns)


# --- Authorizers ------------------------------------------------------------------------------------

def _attached(template: Template, refs: References) -> set[str]:
    """The authorizers methods and routes reference (`AuthorizerId`), and those the host's events use."""
    found = set(refs.host.attached)
    for rid in template.of_type(REST_METHOD, V2_ROUTE):
        found |= set(refs.ids(template.properties(rid).get("AuthorizerId"), REST_AUTHORIZER, V2_AUTHORIZER))
    return found


def _authorizers(template: Template, builder: ViewBuilder, refs: References) -> None:
    attached = _attached(template, refs)
    for rid in template.of_type(REST_AUTHORIZER, V2_AUTHORIZER):
        props = template.properties(rid)
        name = template.known(props.get("Name"))
        rest = template.type_of(rid) == REST_AUTHORIZER
        written = props.get("Type" if rest else "AuthorizerType")
        kind = "TOKEN" if rest and written is None else template.known(written)
        if not isinstance(kind, str):
            builder.unknown(rid, "authorizers", "kind", written, [])
            kind = ""
        issuer, audiences = jwt_settings(template, props.get("JwtConfiguration"), "Issuer", "Audience")
        builder.authorizer(rid, name if isinstance(name, str) else rid, kind, rid in attached, issuer, audiences)


# --- Lambda permissions -----------------------------------------------------------------------------

def _principal(template: Template, value: Any) -> str | None:
    """The known principal; `{"AWS": "*"}` is `*`."""
    settled = template.known(value)
    if is_map(settled) and len(settled) == 1 and "AWS" in settled:
        settled = template.known(settled["AWS"])
    return settled if isinstance(settled, str) else None


def _presence(template: Template, props: dict[str, Any], key: str) -> bool | None:
    """Whether a property is set in every alternative (True), in none (False), or in some only (None)."""
    members = template.alternatives_at(props, key)
    absent = [m is NO_VALUE for m in members]
    return False if all(absent) else True if not any(absent) else None


def _constrained(template: Template, props: dict[str, Any]) -> bool | None:
    presence = [_presence(template, props, key) for key in _CONSTRAINTS]
    return True if True in presence else False if all(p is False for p in presence) else None


def _url_auth_type(template: Template, props: dict[str, Any]) -> str | None:
    """The FunctionUrlAuthType, upper-cased ("" when not a function-URL permission; None when unknown).
    `InvokedViaFunctionUrl: true` alone makes it one: it is what a public (NONE) URL needs."""
    auth_type = set_string(template, props.get("FunctionUrlAuthType"))
    if auth_type == SET_AT_DEPLOYMENT:
        return None
    if not auth_type and is_true(template.known(props.get("InvokedViaFunctionUrl"))):
        return "NONE"
    return auth_type.upper()


def _permissions(template: Template, builder: ViewBuilder, refs: References) -> None:
    for rid in template.of_type(PERMISSION):
        props = template.properties(rid)
        fns = refs.functions(props.get("FunctionName"))
        principal, constrained, url_auth = (_principal(template, props.get("Principal")),
                                            _constrained(template, props), _url_auth_type(template, props))
        sources = [_presence(template, props, key) for key in ("SourceArn", "SourceAccount")]
        if principal is None:
            builder.unknown(rid, "lambda_permissions", "principal", props.get("Principal"), fns)
        elif constrained is None or url_auth is None or None in sources:
            note_unknown(builder, rid, "lambda_permissions", "constrained",
                         "SourceArn, SourceAccount, PrincipalOrgID or FunctionUrlAuthType depend on a condition "
                         "only deployment settles", fns)
        else:
            builder.lambda_permission(rid, principal, constrained, url_auth, fns, *sources)


