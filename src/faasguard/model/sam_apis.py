"""SAM APIs → api_operations and authorizers, as the SAM transform builds them
(docs/formats/cloudformation_apis.md): `AWS::Serverless::Api` / `HttpApi` with `Globals.Api` /
`Globals.HttpApi` merged, their `Auth` (Authorizers, DefaultAuthorizer, ApiKeyRequired,
EnableIamAuthorizer) and `DefinitionBody`, and the `Api` / `HttpApi` events of functions (the implicit
`ServerlessRestApi` / `ServerlessHttpApi` when they name no API). rego/faasguard/lib/cloudformation_apis/sam.rego
is the twin.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from faasguard.model import openapi
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE_REF, SAM_FUNCTION, Template, merge_globals
from faasguard.model.cloudformation_api_gateway import add_definition_operation, readable_definition
from faasguard.model.template_references import References, is_true, jwt_settings, note_unknown
from faasguard.model.values import UNKNOWN, get_path, is_map, known_string

SAM_API = "AWS::Serverless::Api"
SAM_HTTP_API = "AWS::Serverless::HttpApi"
API_TYPES = {"rest": SAM_API, "http": SAM_HTTP_API}
IMPLICIT = {"rest": "ServerlessRestApi", "http": "ServerlessHttpApi"}
_GLOBALS = {"rest": "Api", "http": "HttpApi"}
_EVENT_KINDS = {"Api": "rest", "HttpApi": "http"}
_API_PROPERTY = {"rest": "RestApiId", "http": "ApiId"}
IAM = "AWS_IAM"
NO_AUTHORIZER = "NONE"  # an event's `Auth: {Authorizer: NONE}`: no authorizer, whatever the default
API_KEY_SCHEME = "api_key"  # the scheme SAM adds for ApiKeyRequired


def _setting(value: Any) -> Any:
    """An Auth setting as SAM reads it, as written: a plain string, None when unset, else UNKNOWN."""
    if value is None or value == NO_VALUE_REF:
        return None
    return known_string(value) if known_string(value) is not None else UNKNOWN


@dataclass(frozen=True)
class Api:
    """A SAM API: `props` with the Globals merged; `declared` False for the implicit APIs."""

    id: str
    kind: str  # rest / http
    props: dict[str, Any]
    declared: bool

    @property
    def auth(self) -> dict[str, Any]:
        auth = self.props.get("Auth")
        return auth if is_map(auth) else {}

    @property
    def authorizers(self) -> dict[str, Any]:
        found = self.auth.get("Authorizers")
        return {name: c for name, c in found.items() if is_map(c)} if is_map(found) else {}

    @property
    def default(self) -> Any:
        return _setting(self.auth.get("DefaultAuthorizer"))

    def flag(self, name: str, default: bool) -> bool:
        """A boolean Auth setting (AddDefaultAuthorizerToCorsPreflight, …)."""
        value = self.auth.get(name)
        return default if value is None else is_true(value)

    def authorization(self, name: Any) -> Any:
        """The authorization an authorizer name gives: AWS_IAM, or by the authorizer's settings."""
        if name is None:
            return "NONE"
        if name is UNKNOWN:
            return UNKNOWN
        if name == IAM and (self.kind == "rest" or self.flag("EnableIamAuthorizer", False)):
            return "AWS_IAM"
        config = self.authorizers.get(name) if isinstance(name, str) else None
        if config is None:
            return UNKNOWN
        if config.get("UserPoolArn") is not None and self.kind == "rest":
            return "COGNITO_USER_POOLS"
        if config.get("JwtConfiguration") is not None and self.kind == "http":
            return "JWT"
        return "CUSTOM" if config.get("FunctionArn") is not None else UNKNOWN

    def schemes(self) -> dict[str, str]:
        """The security schemes SAM adds to the definition for this API's Auth."""
        added = {IAM: "AWS_IAM", API_KEY_SCHEME: openapi.API_KEY} if self.kind == "rest" else {}
        if self.flag("EnableIamAuthorizer", False):
            added[IAM] = "AWS_IAM"
        kinds = {name: self.authorization(name) for name in self.authorizers}
        return {**added, **{name: kind for name, kind in kinds.items() if kind is not UNKNOWN}}


@dataclass(frozen=True)
class Event:
    function: str
    name: str
    kind: str
    props: dict[str, Any]

    @property
    def auth(self) -> dict[str, Any]:
        auth = self.props.get("Auth")
        return auth if is_map(auth) else {}

    def call(self) -> tuple[str, str]:
        """(method, path); an HttpApi event without both is the `$default` route for any method."""
        method, path = self.props.get("Method"), self.props.get("Path")
        if self.kind == "http" and method is None and path is None:
            return "ANY", "$default"
        method = method if isinstance(method, str) else ""
        return openapi.method_name(method), path if isinstance(path, str) else ""


def add_views(template: Template, functions: dict, builder: ViewBuilder, refs: References) -> None:
    apis = _apis(template)
    events = list(sam_events(functions))
    for event in events:
        _event_operation(builder, event, _event_api(apis, refs, event, builder))
    for api in apis.values():
        if api.declared:
            _definition(template, builder, refs, api)
            _authorizers(template, builder, api, [e for e in events if _event_api(apis, refs, e) is api])


def _api_properties(template: Template, kind: str, rid: str | None) -> dict[str, Any]:
    """An API's properties with `Globals.Api` / `Globals.HttpApi` merged (IgnoreGlobals honoured)."""
    props = template.properties(rid) if rid else {}
    globals_ = get_path(template.data, "Globals", _GLOBALS[kind])
    ignore = template.resources[rid].get("IgnoreGlobals") if rid else None
    if not is_map(globals_) or ignore == "*":
        return props
    if isinstance(ignore, list):
        globals_ = {k: v for k, v in globals_.items() if k not in ignore}
    return merge_globals(globals_, props)


def _apis(template: Template) -> dict[str, Api]:
    """Every SAM API by id: the implicit ones, and the declared ones (which win on a shared id)."""
    apis = {api: Api(api, kind, _api_properties(template, kind, None), False) for kind, api in IMPLICIT.items()}
    for kind, type_ in API_TYPES.items():
        apis.update({rid: Api(rid, kind, _api_properties(template, kind, rid), True)
                     for rid in template.of_type(type_)})
    return apis


def sam_events(functions: dict) -> Iterator[Event]:
    for fid, (kind, props) in functions.items():
        events = props.get("Events") if kind == SAM_FUNCTION else None
        for name, event in (events.items() if is_map(events) else ()):
            api_kind = _EVENT_KINDS.get(event.get("Type")) if is_map(event) else None
            if api_kind:
                event_props = event.get("Properties")
                yield Event(fid, name, api_kind, event_props if is_map(event_props) else {})


def _event_api(apis: dict[str, Api], refs: References, event: Event, builder: ViewBuilder | None = None) -> Api | None:
    """The API an event adds to: the one its RestApiId / ApiId names, else the implicit one; None (noted
    as unknown when a builder is given) when it names no SAM API of this template."""
    written = event.props.get(_API_PROPERTY[event.kind])
    if written is None:
        return apis[IMPLICIT[event.kind]]
    api = refs.one(written, API_TYPES[event.kind])
    if api is None and builder is not None:
        builder.unknown(event.function, "api_operations", "authorization", written, [event.function])
    return apis.get(api) if api else None


def _event_operation(builder: ViewBuilder, event: Event, api: Api | None) -> None:
    if api is None:
        return
    method, path = event.call()
    authorization = api.authorization(_event_authorizer(api, event, method))
    if authorization is UNKNOWN:
        note_unknown(builder, event.function, "api_operations", "authorization",
                     f"the authorizer of event {event.name} is not one the API declares in Auth.Authorizers "
                     "(or not a plain string)", [event.function])
        return
    builder.api_operation(event.function, api.id, event.kind, method, path, authorization,
                          _event_api_key(api, event, method), [event.function])


def _event_authorizer(api: Api, event: Event, method: str) -> Any:
    """The authorizer name an event uses: its own (`Auth: {Authorizer: NONE}` is none, whatever the
    default), else the API's default where SAM applies it; None for none."""
    own = _setting(event.auth.get("Authorizer"))
    if own == NO_AUTHORIZER:
        return None
    if own is not None:
        return own
    return api.default if _default_applies(api, method, integrated=True) else None


def _default_applies(api: Api, method: str, integrated: bool) -> bool:
    """Whether SAM gives an operation the API's DefaultAuthorizer: REST APIs skip OPTIONS only when
    AddDefaultAuthorizerToCorsPreflight is false; HTTP APIs skip OPTIONS and operations without integration."""
    if api.default is None:
        return False
    if api.kind == "rest":
        return method != "OPTIONS" or api.flag("AddDefaultAuthorizerToCorsPreflight", True)
    return method != "OPTIONS" and integrated


def _api_key_applies(api: Api, method: str) -> bool:
    return api.kind == "rest" and api.flag("ApiKeyRequired", False) and (
        method != "OPTIONS" or api.flag("AddApiKeyRequiredToCorsPreflight", True))


def _event_api_key(api: Api, event: Event, method: str) -> bool:
    own = event.auth.get("ApiKeyRequired")
    if api.kind == "rest" and own is not None:
        return is_true(own)
    return _api_key_applies(api, method)


# --- DefinitionBody ---------------------------------------------------------------------------------

def _definition(template: Template, builder: ViewBuilder, refs: References, api: Api) -> None:
    definition = readable_definition(template, builder, api.id, api.props.get("DefinitionBody"),
                                     api.props.get("DefinitionUri"))
    if definition is None:
        return
    schemes = _schemes(api, definition)
    for operation in openapi.operations(definition):
        security = openapi.effective_security(_sam_security(api, operation), definition)
        add_definition_operation(builder, refs, api.id, api.kind, operation, security, schemes)


def _schemes(api: Api, definition: dict[str, Any]) -> dict[str, str]:
    """The definition's schemes, with SAM's: its authorizers replace a scheme of the same name, AWS_IAM
    and api_key are added only when the definition lacks them."""
    added = api.schemes()
    authorizers = {name: kind for name, kind in added.items() if name in api.authorizers}
    return {**added, **openapi.scheme_types(definition), **authorizers}


def _sam_security(api: Api, operation: openapi.Operation) -> Any:
    """An operation's own `security` after SAM applied the API's DefaultAuthorizer and ApiKeyRequired."""
    security = operation.security
    if security is UNKNOWN or (security is not None and openapi.security_names(security) is None):
        return UNKNOWN
    if _default_applies(api, operation.method, operation.integrated):
        if api.default is UNKNOWN:
            return UNKNOWN
        security = _with_default(api, security or [])
    keys = {API_KEY_SCHEME, "api_key_false"}  # api_key_false: SAM's marker of an operation opting out
    if _api_key_applies(api, operation.method) and not _names_any(security or [], keys):
        security = [*(security or []), {API_KEY_SCHEME: []}]
    return security


def _names_any(security: list, names: set[str]) -> bool:
    return any(name in names for entry in security for name in entry)


def _with_default(api: Api, security: list) -> list:
    """REST: the default is added unless an authorizer (AWS_IAM or one of Auth.Authorizers) is named;
    HTTP: the default is the security of an operation that has none."""
    if api.kind == "http":
        return security or [{api.default: []}]
    if _names_any(security, {IAM, *api.authorizers}):
        return security
    return [*security, {api.default: []}]


# --- Authorizers ------------------------------------------------------------------------------------

def _used_names(template: Template, api: Api, events: list[Event]) -> set[str]:
    """The authorizer names the API's default, its events and its definition's security use."""
    used = {api.default} | {_setting(e.auth.get("Authorizer")) for e in events}
    definition = template.branch(api.props.get("DefinitionBody"))
    if is_map(definition):
        securities = [definition.get("security")] + [o.security for o in openapi.operations(definition)]
        used |= {name for s in securities for name in (openapi.security_names(s) or [])}
    return {name for name in used if isinstance(name, str)}


def _authorizer_kind(api: Api, config: dict[str, Any]) -> str:
    """The kind of an authorizer of Auth.Authorizers ("" for one SAM would refuse)."""
    lambda_authorizer = config.get("FunctionArn") is not None
    if api.kind == "http":
        return "JWT" if config.get("JwtConfiguration") is not None else "REQUEST" if lambda_authorizer else ""
    if config.get("UserPoolArn") is not None:
        return "COGNITO_USER_POOLS"
    if not lambda_authorizer:
        return ""
    payload = _setting(config.get("FunctionPayloadType"))
    return payload.upper() if isinstance(payload, str) else "TOKEN"


def _authorizers(template: Template, builder: ViewBuilder, api: Api, events: list[Event]) -> None:
    used = _used_names(template, api, events)
    for name, config in api.authorizers.items():
        jwt = config.get("JwtConfiguration") if api.kind == "http" else None
        issuer, audiences = jwt_settings(template, jwt, "issuer", "audience")  # lower-case, as SAM reads them
        builder.authorizer(api.id, name, _authorizer_kind(api, config), name in used, issuer, audiences)


def api_properties(template: Template, kind: str, rid: str | None) -> dict[str, Any]:
    """A SAM API's properties with its Globals merged (`rid` None: the implicit API of `kind`)."""
    return _api_properties(template, kind, rid)


def declared_apis(template: Template) -> list[Api]:
    """The APIs the template declares (AWS::Serverless::Api / HttpApi), Globals merged."""
    return [api for api in _apis(template).values() if api.declared]
