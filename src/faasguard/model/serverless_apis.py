"""Serverless Framework services → the API views (api_operations, lambda_permissions, authorizers, cognito; docs/model.md).

Kept apart from serverless.py (the function and IAM views): SAS-2 reads APIs, authorizers, permissions
and Cognito; the twin is rego/faasguard/adapters/serverless/apis.rego. Events are read as the Framework
compiles them (docs/formats/serverless_apis.md): `http` (REST API), `httpApi` (HTTP API), `websocket`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from faasguard.model import cloudformation_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.template_references import SET_AT_DEPLOYMENT
from faasguard.model.values import UNKNOWN, Alternatives, is_intrinsic, is_map

PROVIDER = "provider"
# the logical ids the Framework gives the APIs it creates (lib/plugins/aws/lib/naming.js)
REST_API, HTTP_API, WEBSOCKET_API = "ApiGatewayRestApi", "HttpApi", "WebsocketsApi"
_API_EVENTS = ("http", "httpApi", "websocket")
_USER_POOL_ARN = re.compile(r"^arn:[a-zA-Z-]*:cognito-idp")  # the Framework's cognitoIdpArnExpr
_HTTP_API_METHODS = ("ANY", "GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE")
_HTTP_API_ROUTE = re.compile(rf"^({'|'.join(_HTTP_API_METHODS)}) (/\S*)$", re.IGNORECASE)
# an ARN we cannot read is a Lambda or a user pool: the Framework compiles CUSTOM or COGNITO_USER_POOLS
_LAMBDA_OR_USER_POOL = Alternatives(("CUSTOM", "COGNITO_USER_POOLS"))


@dataclass(frozen=True)
class _Event:
    function: str
    kind: str  # "http", "httpApi", "websocket"; "" for an entry only deployment settles
    value: Any  # resolved
    written: Any


def add_views(service, builder: ViewBuilder) -> None:
    """Add the API views of the document to the builder."""
    events = list(function_events(service, builder))
    declared = _declared_http_api_authorizers(service, builder)
    references: set[str] = set()
    unsettled = [e.written for e in events if not e.kind]  # an entry we cannot read may name an authorizer
    for event in events:
        if event.kind == "http":
            _rest_operation(service, builder, event)
        elif event.kind == "httpApi":
            reference, unsettled_reference = _http_api_operation(service, builder, event, declared)
            references.update([reference] if reference else [])
            unsettled.extend([unsettled_reference] if unsettled_reference is not None else [])
        elif event.kind == "websocket":
            _websocket_operation(service, builder, event)
    _http_api_authorizers(service, builder, declared, references, unsettled)
    _embedded_resources(service, builder, events)
    _deduplicate(builder)


def is_falsy(value: Any) -> bool:
    """Falsy in JavaScript, as the Framework tests these settings (`if (http.authorizer)`)."""
    return value is None or value is False or value == "" or (type(value) in (int, float) and value == 0)


def is_unsettled(value: Any) -> bool:
    return value is UNKNOWN or is_intrinsic(value)


def function_events(service, builder: ViewBuilder):
    """The API events of every function; an events list or entry only deployment settles is an event
    of kind "" (it may be any API event)."""
    for key, function in service.functions.items():
        written = function.get("events")
        events = service.resolve(written)
        if is_unsettled(events):
            builder.unknown(key, "api_operations", "events", written, [key])
            yield _Event(key, "", UNKNOWN, written)
        for raw in events if isinstance(events, list) else []:
            entry = service.resolve(raw)
            if is_unsettled(entry):
                builder.unknown(key, "api_operations", "events", raw, [key])
                yield _Event(key, "", UNKNOWN, raw)
            elif is_map(entry):
                yield from (_Event(key, kind, service.resolve(entry[kind]), entry[kind])
                            for kind in _API_EVENTS if not is_falsy(service.resolve(entry.get(kind))))


def api_setting(service, value: Any, key: str) -> Any:
    return service.resolve(value.get(key)) if is_map(value) else None


def _operation(builder: ViewBuilder, event: _Event, api: str, kind: str, route: Any, authorization: Any,
               written: Any, api_key_required: bool = False) -> None:
    """One record, or the unknown route / authorization recorded when the files do not settle them."""
    if route is None:
        builder.unknown(event.function, "api_operations", "authorization", event.written, [event.function])
        return
    method, path = route
    builder.api_operation(event.function, api, kind, method, path, authorization, api_key_required,
                          [event.function], written)


# ---- http: REST API ---------------------------------------------------------------------------

def _rest_operation(service, builder: ViewBuilder, event: _Event) -> None:
    http = event.value
    authorizer = api_setting(service, http, "authorizer")
    authorization, kind = _rest_authorization(service, authorizer)
    _operation(builder, event, REST_API, "rest", rest_route(service, http), authorization,
               _written(http, "authorizer"), api_setting(service, http, "private") is True)
    if kind:  # the event declares its own authorizer: used by definition
        builder.authorizer(event.function, _authorizer_name(service, authorizer), kind, True)


def _written(value: Any, key: str) -> Any:
    return value.get(key) if is_map(value) else None


def rest_route(service, http: Any) -> tuple[str, str] | None:
    """(method, resource path) of a `GET /users` shorthand or a map; None when unsettled. The Framework
    splits the shorthand on spaces and strips one leading and one trailing slash from the path."""
    if isinstance(http, str):
        method, path, *_ = http.split(" ") + [None]
    else:
        method, path = api_setting(service, http, "method"), api_setting(service, http, "path")
    if not (isinstance(method, str) and isinstance(path, str)):
        return None
    return method, "/" + path.removeprefix("/").removesuffix("/")


def _rest_authorization(service, authorizer: Any) -> tuple[Any, str]:
    """(the method's authorization, the kind of the authorizer the event declares, "" when it declares
    none), as the Framework compiles `http.authorizer` (api-gateway/lib/validate.js getAuthorizer and
    method/authorization.js)."""
    if is_falsy(authorizer):
        return "NONE", ""
    if isinstance(authorizer, str):  # aws_iam, a function name or an ARN
        if authorizer.upper() == "AWS_IAM":
            return "AWS_IAM", ""
        return ("COGNITO_USER_POOLS", "COGNITO_USER_POOLS") if _USER_POOL_ARN.match(authorizer) else ("CUSTOM", "TOKEN")
    if not is_map(authorizer):
        return UNKNOWN, ""
    declared_type = service.resolve(authorizer.get("type"))
    if is_unsettled(declared_type):
        return UNKNOWN, ""
    kind = declared_type.upper() if isinstance(declared_type, str) else ""
    if kind and not is_falsy(service.resolve(authorizer.get("authorizerId"))):  # an authorizer managed elsewhere
        return ("CUSTOM" if kind in ("TOKEN", "REQUEST") else kind), ""
    if kind == "AWS_IAM":
        return "AWS_IAM", ""
    arn = service.resolve(authorizer.get("arn"))
    if is_falsy(arn) and is_falsy(service.resolve(authorizer.get("name"))):
        return UNKNOWN, ""  # the Framework refuses an authorizer with neither name nor arn
    if kind == "COGNITO_USER_POOLS" or (isinstance(arn, str) and _USER_POOL_ARN.match(arn)):
        return "COGNITO_USER_POOLS", "COGNITO_USER_POOLS"
    if arn is UNKNOWN:
        return _LAMBDA_OR_USER_POOL, ""
    return "CUSTOM", kind if kind in ("TOKEN", "REQUEST") else "TOKEN"


def _authorizer_name(service, authorizer: Any) -> str:
    """The name an event gives its authorizer: the string itself, else `name`, else a string `arn`."""
    if isinstance(authorizer, str):
        return authorizer
    for key in ("name", "arn"):
        value = api_setting(service, authorizer, key)
        if isinstance(value, str):
            return value
    return ""


# ---- httpApi: HTTP API ------------------------------------------------------------------------

def _http_api_operation(service, builder: ViewBuilder, event: _Event, declared: Any) -> tuple[Any, Any]:
    """Record the route; return (the name of the `provider.httpApi.authorizers` entry it uses or None,
    the reference as written when the files do not settle which one it uses, else None)."""
    written = _written(event.value, "authorizer")
    authorization, reference = _http_api_authorization(service, service.resolve(written), declared)
    _operation(builder, event, HTTP_API, "http", _http_api_route(service, event.value), authorization, written)
    if event.value is UNKNOWN:
        return None, event.written
    return (None, written) if reference is UNKNOWN else (reference, None)


def _http_api_route(service, value: Any) -> tuple[str, str] | None:
    """(method, path) of `'*'`, `GET /path` or a map (http-api.js resolveConfiguration); `*` is the
    `$default` route."""
    if isinstance(value, str):
        match = _HTTP_API_ROUTE.match(value)
        return ("ANY", "$default") if value == "*" else (match[1], match[2]) if match else None
    method, path = api_setting(service, value, "method"), api_setting(service, value, "path")
    if path == "*":
        return ("ANY", "$default") if method in (None, "*") else None
    if not (isinstance(method, str) and isinstance(path, str)):
        return None
    method = "ANY" if method == "*" else method.upper()
    return (method, path) if method in _HTTP_API_METHODS else None


def _http_api_authorization(service, authorizer: Any, declared: Any) -> tuple[Any, Any]:
    """(the route's authorization, the declared authorizer it names: a name, None, or UNKNOWN), as
    http-api.js compiles `httpApi.authorizer` (a string is `{name: …}`)."""
    if is_falsy(authorizer):
        return "NONE", None
    if isinstance(authorizer, str):
        authorizer = {"name": authorizer}
    if not is_map(authorizer):
        return UNKNOWN, UNKNOWN
    name, given_id, authorizer_type = (service.resolve(authorizer.get(key)) for key in ("name", "id", "type"))
    external = not is_falsy(given_id)  # an authorizer of an HTTP API managed elsewhere
    reference = None if external or is_falsy(name) else name if isinstance(name, str) else UNKNOWN
    if is_unsettled(authorizer_type):
        return UNKNOWN, reference
    authorizer_type = authorizer_type.lower() if isinstance(authorizer_type, str) else ""
    if external:
        return {"request": "CUSTOM", "aws_iam": "AWS_IAM"}.get(authorizer_type, "JWT"), None
    if authorizer_type == "aws_iam":
        return "AWS_IAM", None
    if not isinstance(reference, str):  # the Framework refuses a route naming no authorizer
        return UNKNOWN, reference
    return _declared_authorization(service, declared, reference), reference


def _declared_authorization(service, declared: Any, name: str) -> Any:
    """A named authorizer's route authorization: CUSTOM for `type: request`, else JWT. Unknown when
    the name is not declared (the Framework refuses the service) or its type is unsettled."""
    config = service.resolve(declared.get(name)) if isinstance(declared, dict) else None
    if not is_map(config):
        return UNKNOWN
    authorizer_type = service.resolve(config.get("type"))
    if is_unsettled(authorizer_type):
        return UNKNOWN
    return "CUSTOM" if isinstance(authorizer_type, str) and authorizer_type.lower() == "request" else "JWT"


def _declared_http_api_authorizers(service, builder: ViewBuilder) -> Any:
    """`provider.httpApi.authorizers` resolved: a dict, or UNKNOWN (recorded)."""
    http_api = service.resolve(service.provider.get("httpApi"))
    written = service.provider.get("httpApi") if is_unsettled(http_api) else _written(http_api, "authorizers")
    authorizers = service.resolve(written)
    if is_unsettled(authorizers):
        builder.unknown(PROVIDER, "authorizers", "httpApi.authorizers", written, [])
        return UNKNOWN
    return authorizers if is_map(authorizers) else {}


def _http_api_authorizers(service, builder: ViewBuilder, declared: Any, references: set[str],
                          unsettled: list[Any]) -> None:
    """One record per `provider.httpApi.authorizers.<name>` (resource `provider`), attached when an
    httpApi event names it."""
    for name, written in declared.items() if isinstance(declared, dict) else ():
        config = service.resolve(written)
        if is_unsettled(config):
            builder.unknown(PROVIDER, "authorizers", f"httpApi.authorizers.{name}", written, [])
            continue
        if not is_map(config):
            continue
        name = str(name)
        attached = name in references
        if not attached and unsettled:
            builder.unknown(PROVIDER, "authorizers", f"httpApi.authorizers.{name}.attached", unsettled[0], [])
            continue
        authorizer_type = service.resolve(config.get("type"))
        if is_unsettled(authorizer_type):
            builder.unknown(PROVIDER, "authorizers", f"httpApi.authorizers.{name}.type", config.get("type"), [])
        elif isinstance(authorizer_type, str) and authorizer_type.lower() == "request":
            builder.authorizer(PROVIDER, name, "REQUEST", attached)
        else:
            _jwt_authorizer(service, builder, name, config, attached)


def _jwt_authorizer(service, builder: ViewBuilder, name: str, config: dict, attached: bool) -> None:
    """A JWT authorizer's record; an issuer or audience set to a value only deployment settles is set
    (SET_AT_DEPLOYMENT, as CloudFormation templates read it), never empty."""
    builder.authorizer(PROVIDER, name, "JWT", attached, _set_string(service.resolve(config.get("issuerUrl"))),
                       _set_strings(service, config.get("audience")))


def _set_string(value: Any) -> str:
    """A string setting: the known string, "" when unset, SET_AT_DEPLOYMENT when only deployment settles it."""
    if is_unsettled(value):
        return SET_AT_DEPLOYMENT
    return value if isinstance(value, str) else ""


def _set_strings(service, written: Any) -> list[str]:
    """The non-empty entries of a string or list setting as `_set_string` reads them."""
    value = service.resolve(written)
    entries = value if isinstance(value, list) else [] if is_falsy(value) else [value]
    return [found for entry in entries if (found := _set_string(service.resolve(entry)))]


# ---- websocket --------------------------------------------------------------------------------

def _websocket_operation(service, builder: ViewBuilder, event: _Event) -> None:
    """A route (`$connect`, …); any authorizer is a Lambda REQUEST authorizer (websockets/lib/validate.js,
    routes.js), which only `$connect` may carry."""
    websocket = event.value
    route = websocket if isinstance(websocket, str) else api_setting(service, websocket, "route")
    written = _written(websocket, "authorizer")
    authorizer = service.resolve(written)
    authorization = "NONE" if is_falsy(authorizer) else "CUSTOM" if isinstance(authorizer, (str, dict)) else UNKNOWN
    _operation(builder, event, WEBSOCKET_API, "websocket", ("", route) if isinstance(route, str) else None,
               authorization, written)
    if authorization == "CUSTOM" and not is_intrinsic(authorizer):
        builder.authorizer(event.function, _authorizer_name(service, authorizer), "REQUEST", True)


# ---- resources.Resources ----------------------------------------------------------------------

def _embedded_resources(service, builder: ViewBuilder, events: list[_Event]) -> None:
    """The CloudFormation resources of `resources.Resources` (Lambda permissions, Cognito, API Gateway),
    read as in a template; the functions' generated logical ids name the service's functions, and an
    authorizer the events name by `authorizerId` / `id` is attached."""
    resources = service.merged(service.data.get("resources"))  # a list of maps is merged, as `functions`
    if not is_map(resources):
        return
    host = cloudformation_apis.Host(
        functions={lambda_logical_id(key): key for key in service.functions},
        attached=frozenset(name for e in events for name in _authorizer_ids(service, e)),
    )
    cloudformation_apis.resource_views(Template(resources), builder, host)


def lambda_logical_id(function: str) -> str:
    """The logical id the Framework gives a function (naming.js getLambdaLogicalId)."""
    normalized = function.replace("-", "Dash").replace("_", "Underscore")
    return f"{normalized[:1].upper()}{normalized[1:]}LambdaFunction"


def _authorizer_ids(service, event: _Event) -> list[str]:
    """The resource an event's `authorizerId` (REST) or `id` (HTTP API) names: `!Ref X`, `!GetAtt X.Arn`
    or a plain string."""
    key = {"http": "authorizerId", "httpApi": "id"}.get(event.kind)
    given = api_setting(service, api_setting(service, event.value, "authorizer"), key) if key else None
    target = given.get("Ref", given.get("Fn::GetAtt")) if is_intrinsic(given) else given
    target = target[0] if isinstance(target, list) and target else target
    return [target.split(".")[0]] if isinstance(target, str) else []


def _deduplicate(builder: ViewBuilder) -> None:
    """Two events of a function can give the same record (the Rego engine's views are sets)."""
    views = builder.views
    views.api_operations[:] = list(dict.fromkeys(views.api_operations))
    views.authorizers[:] = list(dict.fromkeys(views.authorizers))
