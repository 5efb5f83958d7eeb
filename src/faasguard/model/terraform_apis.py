"""Terraform modules and plans → the API views (api_operations, lambda_permissions, authorizers, cognito; docs/model.md).

Kept apart from terraform.py (the function and IAM views): SAS-2 reads APIs, authorizers, permissions
and Cognito; the twin is rego/faasguard/lib/terraform/apis.rego, fed by the adapters' apis.rego.
How each resource is read: docs/formats/terraform_apis.md.

Nested values need more than TfResource.value: the HCL reading drops an unknown nested value, which
would then look absent (a password policy's `minimum_length = var.min` read as AWS's default 8).
`is_unknown_at` and `is_unknown_inside` look at the block as written (HCL) or at after_unknown (plan).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource, hcl_value, reference_keys
from faasguard.model.values import UNKNOWN, Alternatives, get_path

FUNCTION = "aws_lambda_function"
# A value that is set but that only deployment settles, where a view needs to know that it is set
# (a JWT issuer naming a user pool's id): set, so the rule does not take it for missing.
SET_AT_DEPLOYMENT = "(set at deployment)"
_LAMBDA_ARN = re.compile(r"arn:[^:]+:lambda:[^:]*:[0-9]*:function:([A-Za-z0-9_-]+)")


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the API views of the document to the builder."""
    _rest_operations(index, builder)
    _route_operations(index, builder)
    _openapi_operations(index, builder)
    _authorizers(index, builder)
    _lambda_permissions(index, builder)
    _cognito(index, builder)


# ------------------------------------------------------------------------------------ values


def is_unknown_at(resource: TfResource, *path: Any) -> bool:
    """Whether the value at `path`, or a value holding it, is one only deployment settles."""
    if resource.value(*path) is UNKNOWN:
        return True
    return resource.written is not None and any(
        hcl_value(resource.as_written(*path[:i])) is UNKNOWN for i in range(1, len(path) + 1))


def is_unknown_inside(resource: TfResource, *path: Any) -> bool:
    """Whether some value inside the one at `path` (a list entry, a block attribute) is unknown."""
    if resource.written is not None:
        return any(hcl_value(leaf) is UNKNOWN for leaf in _leaves(resource.as_written(*path)))
    if resource.configured is not None and path[0] not in resource.configured:
        return False  # computed by the provider: the files leave it unset
    marks = get_path(resource.unknown, *path)
    return isinstance(marks, (dict, list)) and True in _leaves(marks)


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def is_set(resource: TfResource, attribute: str) -> bool:
    """Set to anything: a value, a choice or an unknown value (null and "" are unset)."""
    return resource.value(attribute) not in (None, "")


def _settled(value: Any) -> bool:
    """A value the setting can use: not unknown, not a choice (these views have no choice records)."""
    return value is not UNKNOWN and not isinstance(value, Alternatives)


def _strings(value: Any) -> list[str]:
    listed = value if isinstance(value, list) else [value]
    return [v for v in listed if isinstance(v, str)]


def _is_true(value: Any) -> bool:
    return value is True or value == "true"


def first_block(value: Any) -> dict[str, Any] | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else None


# --------------------------------------------------------------------------------- functions


def functions_named(index: Index, resource: TfResource, attribute: str) -> set[str]:
    """The functions an attribute names: by reference (to a function, or an alias of one), or by a
    known name or ARN."""
    found = _function_targets(index, [*index.referenced(resource, attribute, FUNCTION),
                                      *index.referenced(resource, attribute, "aws_lambda_alias")])
    for text in _strings(resource.value(attribute)):
        found |= functions_in(index, resource, text)
    return found


def functions_in(index: Index, resource: TfResource, text: str) -> set[str]:
    """The functions a string names: its whole value as a function name or ARN, the function ARNs
    inside it (an API integration URI), and its `${…}` references (a JSON body as the loader wrote it)."""
    ids = {text} | {f"function:{name}" for name in _LAMBDA_ARN.findall(text)}
    found = {t.address for i in ids for t in index.by_id.get((FUNCTION, i), [])}
    keys = reference_keys(text) if "${" in text else []
    targets = [t for key in keys for t in index.by_ref.get((resource.module, key), [])
               if t.type in (FUNCTION, "aws_lambda_alias")]
    return found | _function_targets(index, targets)


def _function_targets(index: Index, targets: list[TfResource]) -> set[str]:
    """Functions among `targets`, an alias standing for the function it names."""
    found = {t.address for t in targets if t.type == FUNCTION}
    for alias in (t for t in targets if t.type == "aws_lambda_alias"):
        found |= {f.address for f in index.referenced(alias, "function_name", FUNCTION)}
    return found


# ---------------------------------------------------------------------------------- REST APIs


def _rest_operations(index: Index, builder: ViewBuilder) -> None:
    integrations = RestIntegrations(index)
    for method in index.of_type("aws_api_gateway_method"):
        verb = method.value("http_method")
        if not isinstance(verb, str):
            if verb is not None:
                builder.unknown(method.address, "api_operations", "http_method", method.as_written("http_method"), [])
            continue
        authorization = method.value("authorization")
        builder.api_operation(method.address, _api_of(index, method, "rest_api_id", "aws_api_gateway_rest_api"),
                              "rest", verb, _rest_path(index, method),
                              "NONE" if authorization is None else authorization,
                              _is_true(method.value("api_key_required")), integrations.functions(method),
                              method.as_written("authorization"))


def _api_of(index: Index, resource: TfResource, attribute: str, rtype: str) -> str:
    """The API of the document an attribute references ("" when it is elsewhere)."""
    return min((api.address for api in index.referenced(resource, attribute, rtype)), default="")


def _rest_path(index: Index, method: TfResource) -> str:
    """The path of a method's resource, from the `path_part`s of its resource and its parents ("*" for
    an unknown part); "/" for the API's root resource; "" when the resource is elsewhere."""
    resource = _parent(index, method, "resource_id")
    if resource is None:
        return "/" if index.referenced(method, "resource_id", "aws_api_gateway_rest_api") else ""
    parts, seen = [], set()
    while resource is not None and resource.address not in seen:
        seen.add(resource.address)
        part = resource.value("path_part")
        parts.append(part if isinstance(part, str) else "*")
        resource = _parent(index, resource, "parent_id")
    return "/" + "/".join(reversed(parts))


def _parent(index: Index, resource: TfResource, attribute: str) -> TfResource | None:
    """The one aws_api_gateway_resource an attribute references, else None."""
    found = {t.address: t for t in index.referenced(resource, attribute, "aws_api_gateway_resource")}
    return next(iter(found.values())) if len(found) == 1 else None


class RestIntegrations:
    """The integrations of each REST method: an integration whose `http_method` references the method,
    or that names the same resource (the same references) and the same HTTP method."""

    def __init__(self, index: Index):
        self.index = index
        self.by_method: dict[str, list[TfResource]] = {}
        self.by_place: dict[tuple, list[TfResource]] = {}
        for integration in index.of_type("aws_api_gateway_integration"):
            for method in index.referenced(integration, "http_method", "aws_api_gateway_method"):
                self.by_method.setdefault(method.address, []).append(integration)
            place = _place(integration)
            if place:
                self.by_place.setdefault(place, []).append(integration)

    def functions(self, method: TfResource) -> set[str]:
        integrations = {i.address: i for i in [*self.by_method.get(method.address, []),
                                                *self.by_place.get(_place(method), [])]}
        return {f for i in integrations.values() for f in functions_named(self.index, i, "uri")}


def _place(resource: TfResource) -> tuple | None:
    """(module, resource_id references, HTTP method) of a method or integration, when both are known."""
    keys, verb = resource.refs.get("resource_id"), resource.value("http_method")
    if not keys or not isinstance(verb, str):
        return None
    return resource.module, frozenset(keys), verb.upper()


# ------------------------------------------------------------------------ HTTP and WebSocket APIs


def _route_operations(index: Index, builder: ViewBuilder) -> None:
    for route in index.of_type("aws_apigatewayv2_route"):
        key = route.value("route_key")
        if not isinstance(key, str):
            if key is not None:
                builder.unknown(route.address, "api_operations", "route_key", route.as_written("route_key"), [])
            continue
        apis = index.referenced(route, "api_id", "aws_apigatewayv2_api")
        kind = _route_kind(apis, key)
        if kind is None:
            continue  # "$default" of an API defined elsewhere: HTTP or WebSocket, no one can say
        method, path = _route_method_path(kind, key)
        authorization = route.value("authorization_type")
        builder.api_operation(route.address, _api_of(index, route, "api_id", "aws_apigatewayv2_api"), kind, method,
                              path, "NONE" if authorization is None else authorization,
                              _is_true(route.value("api_key_required")), _route_functions(index, route),
                              route.as_written("authorization_type"))
    for api in index.of_type("aws_apigatewayv2_api"):
        if is_set(api, "target") and _protocol(api) == "http":  # quick create: a `$default` route, no auth
            key = api.value("route_key")
            method, path = _route_method_path("http", key if isinstance(key, str) else "$default")
            builder.api_operation(api.address, api.address, "http", method, path, "NONE", False,
                                  functions_named(index, api, "target"))


def _protocol(api: TfResource) -> str | None:
    protocol = api.value("protocol_type")
    return protocol.lower() if isinstance(protocol, str) and protocol.upper() in ("HTTP", "WEBSOCKET") else None


def _route_kind(apis: list[TfResource], key: str) -> str | None:
    """The API's protocol; without a known one, the route key's form ("$connect", "GET /orders", …)."""
    protocols = {_protocol(api) for api in apis} - {None}
    if len(protocols) == 1:
        return protocols.pop()
    if key == "$default":
        return None
    return "http" if " " in key else "websocket"


def _route_method_path(kind: str, key: str) -> tuple[str, str]:
    """("GET", "/orders") of "GET /orders"; an HTTP `$default` matches every method ("ANY")."""
    if kind == "websocket":
        return "", key
    if key == "$default":
        return "ANY", key
    method, _, path = key.partition(" ")
    return (method, path) if path else ("", key)


def _route_functions(index: Index, route: TfResource) -> set[str]:
    """The functions of the integration a route's `target` ("integrations/<id>") references."""
    return {f for integration in index.referenced(route, "target", "aws_apigatewayv2_integration")
            for f in functions_named(index, integration, "integration_uri")}


# ---------------------------------------------------------------------------- OpenAPI bodies

_OPENAPI_METHODS = {m: m.upper() for m in ("get", "put", "post", "delete", "options", "head", "patch")} | {
    "x-amazon-apigateway-any-method": "ANY"}
_AUTHTYPES = {"cognito_user_pools": "COGNITO_USER_POOLS", "awssigv4": "AWS_IAM", "custom": "CUSTOM"}
_AUTHORIZER_TYPES = {"token": "CUSTOM", "request": "CUSTOM", "cognito_user_pools": "COGNITO_USER_POOLS",
                     "jwt": "JWT"}
_API_KEY, _UNSETTLED = "API_KEY", "?"  # scheme types beside the authorizations


def _openapi_operations(index: Index, builder: ViewBuilder) -> None:
    apis = [(api, "rest") for api in index.of_type("aws_api_gateway_rest_api")]
    apis += [(api, "http") for api in index.of_type("aws_apigatewayv2_api") if _protocol(api) == "http"]
    for api, kind in apis:
        body = api.value("body")
        if body is None:
            continue
        document = json_object(body) if isinstance(body, str) else None
        if document is None:
            _unreadable_body(api, body, builder)
            continue
        for path, method, operation in _operations(document):
            authorization, api_key, written = _security(document, operation)
            builder.api_operation(api.address, api.address, kind, method, path, authorization, api_key,
                                  _operation_functions(index, api, operation), written)


def json_object(text: str) -> dict[str, Any] | None:
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _unreadable_body(api: TfResource, body: Any, builder: ViewBuilder) -> None:
    """A body only deployment settles (a reference, `file(…)`), or one that is not JSON."""
    if not isinstance(body, str):
        builder.unknown(api.address, "api_operations", "authorization", api.as_written("body"), [])
        return
    why = "the OpenAPI body is not a JSON object: faasguard reads JSON bodies (jsonencode, a JSON heredoc)"
    builder.unknown_because(api.address, "api_operations", "authorization", why, ())


def _unsettled(value: Any) -> bool:
    """A part of a JSON body the loader left as an expression (jsonencode of a variable, a reference)."""
    return isinstance(value, str) and "${" in value


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(path, method, operation) of each operation under `paths` (an unsettled one included, to be
    reported unknown)."""
    paths = document.get("paths")
    for path, item in (paths.items() if isinstance(paths, dict) else ()):
        for key, operation in (item.items() if isinstance(item, dict) else ()):
            method = _OPENAPI_METHODS.get(str(key).lower())
            if method:
                yield path, method, operation


def _security(document: dict[str, Any], operation: Any) -> tuple[Any, bool, Any]:
    """(authorization, API key required, the unsettled text when unknown) of an operation: its
    `security` (an empty list: none), else the document's; each named scheme gives its type."""
    if _unsettled(operation):
        return UNKNOWN, False, operation
    security = operation["security"] if isinstance(operation, dict) and "security" in operation \
        else document.get("security")
    if _unsettled(security):
        return UNKNOWN, False, security
    requirements = security if isinstance(security, list) else []
    unsettled = [r for r in requirements if _unsettled(r)]
    if unsettled:
        return UNKNOWN, False, unsettled[0]
    types = {name: _scheme_type(document, name) for r in requirements if isinstance(r, dict) for name in r}
    if _UNSETTLED in types.values():
        return UNKNOWN, False, next(_scheme_texts(document, [n for n, t in types.items() if t == _UNSETTLED]))
    authorizations = sorted(set(types.values()) - {_API_KEY, ""})
    return (authorizations[0] if authorizations else "NONE"), _API_KEY in types.values(), None


def _schemes(document: dict[str, Any]) -> list[Any]:
    """The scheme containers: Swagger 2 `securityDefinitions`, OpenAPI 3 `components.securitySchemes`."""
    components = document.get("components")
    return [document.get("securityDefinitions"),
            components if _unsettled(components) else get_path(components, "securitySchemes")]


def _scheme(document: dict[str, Any], name: str) -> Any:
    """The definition of a scheme; an unsettled container it may be in stands for it."""
    for container in _schemes(document):
        if isinstance(container, dict) and name in container:
            return container[name]
    return next((c for c in _schemes(document) if _unsettled(c)), None)


def _scheme_fields(scheme: Any) -> list[Any]:
    """What a scheme's type is read from: the scheme, its authtype, its authorizer's type, its type."""
    authorizer = scheme.get("x-amazon-apigateway-authorizer") if isinstance(scheme, dict) else None
    fields = [scheme, authorizer]
    if isinstance(scheme, dict):
        fields += [scheme.get("x-amazon-apigateway-authtype"), scheme.get("type")]
    return fields + ([authorizer.get("type")] if isinstance(authorizer, dict) else [])


def _scheme_type(document: dict[str, Any], name: str) -> str:
    """The authorization a scheme stands for, API_KEY for a bare API key, "" for a scheme API Gateway
    does not enforce (or one not defined), "?" when the body leaves it to deployment."""
    scheme = _scheme(document, name)
    if any(_unsettled(f) for f in _scheme_fields(scheme)):
        return _UNSETTLED
    if not isinstance(scheme, dict):
        return ""
    authtype = scheme.get("x-amazon-apigateway-authtype")
    authorizer = scheme.get("x-amazon-apigateway-authorizer")
    authorizer_type = authorizer.get("type") if isinstance(authorizer, dict) else None
    if isinstance(authtype, str) and authtype.lower() in _AUTHTYPES:
        return _AUTHTYPES[authtype.lower()]
    if isinstance(authorizer_type, str) and authorizer_type.lower() in _AUTHORIZER_TYPES:
        return _AUTHORIZER_TYPES[authorizer_type.lower()]
    scheme_type = scheme.get("type")
    return _API_KEY if isinstance(scheme_type, str) and scheme_type.lower() == "apikey" else ""


def _scheme_texts(document: dict[str, Any], names: list[str]) -> Iterator[str]:
    """The unsettled texts that leave the named schemes to deployment."""
    for name in names:
        yield from (f for f in _scheme_fields(_scheme(document, name)) if _unsettled(f))


def _operation_functions(index: Index, api: TfResource, operation: Any) -> set[str]:
    uri = get_path(operation, "x-amazon-apigateway-integration", "uri") if isinstance(operation, dict) else None
    return functions_in(index, api, uri) if isinstance(uri, str) else set()


# -------------------------------------------------------------------------------- authorizers

_AUTHORIZER_USERS = {"aws_api_gateway_authorizer": "aws_api_gateway_method",
                     "aws_apigatewayv2_authorizer": "aws_apigatewayv2_route"}


def _authorizers(index: Index, builder: ViewBuilder) -> None:
    attached = {a.address for rtype, user in _AUTHORIZER_USERS.items() for r in index.of_type(user)
                for a in index.referenced(r, "authorizer_id", rtype)}
    for authorizer in index.of_type("aws_api_gateway_authorizer"):
        kind = _authorizer_kind(authorizer, "type", "TOKEN", builder)
        builder.authorizer(authorizer.address, _name(authorizer), kind, authorizer.address in attached)
    for authorizer in index.of_type("aws_apigatewayv2_authorizer"):
        kind = _authorizer_kind(authorizer, "authorizer_type", "", builder)
        builder.authorizer(authorizer.address, _name(authorizer), kind, authorizer.address in attached,
                           _jwt_issuer(authorizer), _jwt_audiences(authorizer))


def _name(resource: TfResource) -> str:
    name = resource.value("name")
    return name if isinstance(name, str) else resource.address


def _authorizer_kind(authorizer: TfResource, attribute: str, default: str, builder: ViewBuilder) -> str:
    """The known type, upper-cased; `default` when unset; "" (and an unknown) when deployment settles it."""
    kind = authorizer.value(attribute)
    if kind is None:
        return default
    if isinstance(kind, str):
        return kind.upper()
    builder.unknown(authorizer.address, "authorizers", "kind", authorizer.as_written(attribute), [])
    return ""


def _jwt_issuer(authorizer: TfResource) -> str:
    """The issuer; SET_AT_DEPLOYMENT when deployment settles it (or chooses among alternatives)."""
    issuer = authorizer.value("jwt_configuration", 0, "issuer")
    if is_unknown_at(authorizer, "jwt_configuration", 0, "issuer") or not _settled(issuer):
        return SET_AT_DEPLOYMENT
    return issuer if isinstance(issuer, str) else ""


def _jwt_audiences(authorizer: TfResource) -> list[str]:
    """The known audiences, and SET_AT_DEPLOYMENT for those deployment settles."""
    path = ("jwt_configuration", 0, "audience")
    audiences = authorizer.value(*path)
    if is_unknown_at(authorizer, *path) or not _settled(audiences):
        return [SET_AT_DEPLOYMENT]
    listed = audiences if isinstance(audiences, list) else [audiences]
    unsettled = is_unknown_inside(authorizer, *path) or any(not _settled(a) for a in listed)
    return _strings(audiences) + ([SET_AT_DEPLOYMENT] if unsettled else [])


# ------------------------------------------------------------------------- lambda permissions


def _lambda_permissions(index: Index, builder: ViewBuilder) -> None:
    for permission in index.of_type("aws_lambda_permission"):
        functions = functions_named(index, permission, "function_name")
        principal, url_auth = permission.value("principal"), permission.value("function_url_auth_type")
        unsettled = [a for a, v in (("principal", principal), ("function_url_auth_type", url_auth))
                     if v is not None and not isinstance(v, str)]
        for attribute in unsettled:
            builder.unknown(permission.address, "lambda_permissions", attribute, permission.as_written(attribute),
                            functions)
        if isinstance(principal, str) and not unsettled:
            constrained = any(is_set(permission, a) for a in ("source_arn", "source_account", "principal_org_id"))
            # provider 6.x: a public URL's second statement (lambda:InvokeFunction, principal *) carries
            # invoked_via_function_url alone; it belongs to the URL, which FG_02_03 judges
            if not url_auth and permission.value("invoked_via_function_url") is True:
                url_auth = "NONE"
            builder.lambda_permission(permission.address, principal, constrained, url_auth or "", functions,
                                      is_set(permission, "source_arn"), is_set(permission, "source_account"))


# ------------------------------------------------------------------------------------ Cognito

_CLASSES = ("lowercase", "uppercase", "numbers", "symbols")
# Attributes every user pool has; any other schema attribute is a custom one (custom:<name>).
STANDARD_ATTRIBUTES = frozenset((
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "identities",
    "locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
    "preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo"))


class _Settings:
    """Cognito settings of one resource: a record per known value, an unknown for each other."""

    def __init__(self, builder: ViewBuilder, resource: TfResource, kind: str):
        self.builder, self.resource, self.kind = builder, resource, kind
        self.seen: set[tuple[str, str]] = set()

    def add(self, setting: str, value: str) -> None:
        if (setting, value) not in self.seen:
            self.seen.add((setting, value))
            self.builder.cognito(self.resource.address, self.kind, setting, value)

    def unknown(self, setting: str, written: Any) -> None:
        """A setting only deployment settles; `written` the value as written, to say why."""
        self.builder.unknown(self.resource.address, "cognito", setting, written, [])


def _cognito(index: Index, builder: ViewBuilder) -> None:
    for pool in index.of_type("aws_cognito_user_pool"):
        settings = _Settings(builder, pool, "user_pool")
        _password_policy(settings)
        _mfa(settings)
    for client in index.of_type("aws_cognito_user_pool_client"):
        settings = _Settings(builder, client, "user_pool_client")
        _auth_flows(settings)
        _writable_custom_attributes(index, settings)
    for identity_pool in index.of_type("aws_cognito_identity_pool"):
        settings = _Settings(builder, identity_pool, "identity_pool")
        allowed = identity_pool.value("allow_unauthenticated_identities")
        if _settled(allowed):
            settings.add("allow_unauthenticated", "true" if _is_true(allowed) else "false")
        else:
            settings.unknown("allow_unauthenticated", identity_pool.as_written("allow_unauthenticated_identities"))


def _password_policy(settings: _Settings) -> None:
    """AWS's defaults without a password_policy block: 8 characters, every class required."""
    pool = settings.resource
    if is_unknown_at(pool, "password_policy"):
        settings.unknown("password_minimum_length", _block_as_written(pool, "password_policy"))
        settings.unknown("password_requires", _block_as_written(pool, "password_policy"))
        return
    present = first_block(pool.value("password_policy")) is not None
    length = pool.value("password_policy", 0, "minimum_length") if present else 8
    if is_unknown_at(pool, "password_policy", 0, "minimum_length") or not _settled(length):
        settings.unknown("password_minimum_length", pool.as_written("password_policy", 0, "minimum_length"))
    else:
        settings.add("password_minimum_length", _length(length))
    paths = [("password_policy", 0, f"require_{c}") for c in _CLASSES]
    unsettled = [p for p in paths if present and (is_unknown_at(pool, *p) or not _settled(pool.value(*p)))]
    if unsettled:
        settings.unknown("password_requires", pool.as_written(*unsettled[0]))
    else:
        missing = [c for c, p in zip(_CLASSES, paths) if present and not _is_true(pool.value(*p))]
        settings.add("password_requires", ", ".join(missing))


def _length(value: Any) -> str:
    """A minimum length as text; AWS's default 8 when unset."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return str(int(value))
    return "8"


def _mfa(settings: _Settings) -> None:
    mfa = settings.resource.value("mfa_configuration")
    if not _settled(mfa):
        settings.unknown("mfa", settings.resource.as_written("mfa_configuration"))
    else:
        settings.add("mfa", mfa.upper() if isinstance(mfa, str) else "OFF")


def _auth_flows(settings: _Settings) -> None:
    client = settings.resource
    flows = client.value("explicit_auth_flows")
    if not _settled(flows) or is_unknown_inside(client, "explicit_auth_flows"):
        settings.unknown("explicit_auth_flows", client.as_written("explicit_auth_flows"))
    for flow in _strings(flows if _settled(flows) else []):
        settings.add("explicit_auth_flows", flow.upper())


def _writable_custom_attributes(index: Index, settings: _Settings) -> None:
    """Mutable custom attributes of the client's pool that the client may write: all of them when
    `write_attributes` is not set, else those it lists as custom:<name>."""
    client = settings.resource
    written = client.value("write_attributes")
    listed = set(_strings(written)) if _settled(written) else set()
    open_list = not _settled(written) or is_unknown_inside(client, "write_attributes")
    for pool in index.referenced(client, "user_pool_id", "aws_cognito_user_pool"):
        attributes, unsettled = _mutable_custom_attributes(pool)
        if unsettled is not None:
            settings.unknown("writable_custom_attribute", unsettled)
        for name in attributes:
            if written is None or f"custom:{name}" in listed:
                settings.add("writable_custom_attribute", name)
            elif open_list:
                settings.unknown("writable_custom_attribute", client.as_written("write_attributes"))


def _mutable_custom_attributes(pool: TfResource) -> tuple[list[str], Any]:
    """(the custom attributes clients may change, the first schema value as written that only
    deployment settles, else None). The AWS provider sends `mutable = false` when it is not set;
    developer-only attributes only admins write."""
    if is_unknown_at(pool, "schema"):
        return [], _block_as_written(pool, "schema")
    found, unsettled = [], None
    blocks = pool.value("schema")
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        fields = [("schema", i, a) for a in ("name", "mutable", "developer_only_attribute")]
        unknown = [f for f in fields if is_unknown_at(pool, *f) or not _settled(pool.value(*f))]
        if unknown or not isinstance(block, dict):
            unsettled = unsettled if unsettled is not None else pool.as_written(*(unknown or fields)[0])
            continue
        name = block.get("name")
        name = name.removeprefix("custom:") if isinstance(name, str) else ""
        if name and name not in STANDARD_ATTRIBUTES and _is_true(block.get("mutable")) \
                and not _is_true(block.get("developer_only_attribute")):
            found.append(name)
    return found, unsettled


def _block_as_written(resource: TfResource, block: str) -> Any:
    """A nested block as written, or the `dynamic` blocks that generate it (HCL)."""
    written = resource.as_written(block)
    return resource.as_written("dynamic") if written is None else written
