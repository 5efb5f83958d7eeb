"""OpenAPI definitions of API Gateway APIs (Swagger 2 and OpenAPI 3) → operations and their authorization.

Format-neutral: the caller hands over the definition as a map (a CloudFormation `Body` / SAM
`DefinitionBody`, a Terraform `body` decoded from JSON) and maps each integration URI to functions in
its own format. rego/faasguard/lib/apis/openapi.rego is the twin.

How API Gateway reads a definition: an operation's own `security`, else the document's; an empty list
is no security. The schemes named there are looked up in `securityDefinitions` (Swagger 2) and
`components.securitySchemes` (OpenAPI 3): an API key scheme only makes a key required, any other scheme
is the operation's authorization, by its API Gateway extensions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faasguard.model.values import UNKNOWN, get_path, is_map

API_KEY = "API_KEY"  # a scheme that only requires an API key (not authentication)
NONE = "NONE"
ANY_METHOD = "x-amazon-apigateway-any-method"
_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", ANY_METHOD})


@dataclass(frozen=True)
class Operation:
    """An operation of a definition: `security` is its own `security` as written (None when it has
    none, UNKNOWN when the path item or operation is not a plain map), `integration_uri` the
    `x-amazon-apigateway-integration.uri` as written (None when absent), `integrated` whether it has
    an `x-amazon-apigateway-integration`."""

    method: str  # upper-cased; "ANY" for x-amazon-apigateway-any-method
    path: str
    security: Any
    integration_uri: Any = None
    integrated: bool = False


def method_name(key: str) -> str:
    return "ANY" if key.lower() == ANY_METHOD else key.upper()


def operations(body: dict[str, Any]) -> list[Operation]:
    """The operations of `paths`; a `paths` or path item that is not a plain map is one unreadable operation."""
    paths = body.get("paths")
    if paths is None:
        return []
    if not is_map(paths):
        return [Operation("", "", UNKNOWN)]
    found = []
    for path, item in paths.items():
        if not is_map(item):
            found.append(Operation("", str(path), UNKNOWN))
            continue
        for key, definition in item.items():
            if isinstance(key, str) and key.lower() in _METHODS:
                found.append(_operation(method_name(key), str(path), definition))
    return found


def _operation(method: str, path: str, definition: Any) -> Operation:
    if not is_map(definition):
        return Operation(method, path, UNKNOWN)
    integration = definition.get("x-amazon-apigateway-integration")
    return Operation(method, path, definition.get("security"), get_path(integration, "uri"), integration is not None)


def effective_security(own: Any, body: dict[str, Any]) -> Any:
    """An operation's own `security` (as written, or as SAM rewrites it), else the document's; [] when
    neither is set."""
    if own is not None:
        return own
    document = body.get("security")
    return [] if document is None else document


def scheme_types(body: dict[str, Any]) -> dict[str, str]:
    """Scheme name → AWS_IAM / COGNITO_USER_POOLS / CUSTOM / JWT / API_KEY, for the schemes API Gateway
    enforces (a name declared twice with different types is left out: unknown)."""
    pairs = set()
    for section in (body.get("securityDefinitions"), get_path(body, "components", "securitySchemes")):
        if is_map(section):
            pairs |= {(name, kind) for name, scheme in section.items() if (kind := scheme_type(scheme))}
    names = [name for name, _ in pairs]
    return {name: kind for name, kind in pairs if names.count(name) == 1}


def _lower(value: Any) -> str:
    return value.lower() if isinstance(value, str) else ""


def scheme_type(scheme: Any) -> str | None:
    """What API Gateway makes of a security scheme, by its extensions; None when it enforces nothing we know."""
    if not is_map(scheme):
        return None
    authtype = _lower(scheme.get("x-amazon-apigateway-authtype"))
    authorizer = scheme.get("x-amazon-apigateway-authorizer")
    authorizer_type = _lower(authorizer.get("type")) if is_map(authorizer) else ""
    if authtype == "awssigv4":
        return "AWS_IAM"
    if "cognito_user_pools" in (authtype, authorizer_type):
        return "COGNITO_USER_POOLS"
    if authorizer_type == "jwt":
        return "JWT"
    if authtype == "custom" or authorizer_type in ("token", "request"):
        return "CUSTOM"
    plain = "x-amazon-apigateway-authtype" not in scheme and "x-amazon-apigateway-authorizer" not in scheme
    return API_KEY if plain and _lower(scheme.get("type")) == "apikey" else None


def security_names(security: Any) -> list[str] | None:
    """The scheme names of a `security` list of requirement maps; None when it is not one."""
    if not isinstance(security, list) or not all(is_map(entry) for entry in security):
        return None
    return [name for entry in security for name in entry]


def authorization(security: Any, schemes: dict[str, str]) -> tuple[Any, bool]:
    """(authorization, api_key_required) of an effective `security`: NONE when it names no authorizing
    scheme; UNKNOWN when it is unreadable, names a scheme `schemes` lacks, or mixes two kinds."""
    names = security_names(security)
    if names is None or any(name not in schemes for name in names):
        return UNKNOWN, False
    kinds = {schemes[name] for name in names}
    api_key = API_KEY in kinds
    kinds.discard(API_KEY)
    if len(kinds) > 1:
        return UNKNOWN, api_key
    return (kinds.pop() if kinds else NONE), api_key
