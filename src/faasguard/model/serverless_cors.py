"""Serverless Framework services → the CORS settings of api_settings (docs/model.md "CORS settings"), as the
Framework compiles them: `functions.<f>.events[].http.cors` (`true` or an object without origins: origin
`*`), `provider.httpApi.cors` and `functions.<f>.url.cors` (`true` or an object without `allowedOrigins`:
`*`; `null` removes a default), and the CloudFormation resources of `resources.Resources`
(cloudformation_cors.resource_views). rego/faasguard/adapters/serverless/cors.rego is the twin.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_cors, cors
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cors import Cors
from faasguard.model.serverless_apis import HTTP_API, REST_API
from faasguard.model.values import UNKNOWN, is_map

PROVIDER = "provider"
# the keys of a `url.cors` / `httpApi.cors` object: (origins, credentials, methods)
_KEYS = ("allowedOrigins", "allowCredentials", "allowedMethods")


def add_views(service, builder: ViewBuilder) -> None:
    """Add the CORS records of the service to the builder."""
    for key, function in service.functions.items():
        records = Cors(builder, key, cors.REST, [key])
        for http in _http_events(service, function):
            if _rest_cors(service, records, http.get("cors")):
                records.api(REST_API)
        url = service.resolve(function.get("url"))
        if is_map(url):
            _cors_object(service, Cors(builder, key, cors.URL, [key]), url, "cors")
    http_api = service.resolve(service.provider.get("httpApi"))
    records = Cors(builder, PROVIDER, cors.HTTP)
    if is_map(http_api) and _cors_object(service, records, http_api, "cors"):
        records.api(HTTP_API)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        cloudformation_cors.resource_views(Template(resources), builder)


def _http_events(service, function: dict) -> list[dict]:
    """The `http` events of a function written as maps (the shorthand `GET /path` has no CORS)."""
    events = service.resolve(function.get("events"))
    entries = [service.resolve(e) for e in (events if isinstance(events, list) else [])]
    found = [service.resolve(e.get("http")) for e in entries if is_map(e)]
    return [http for http in found if is_map(http)]


def _entries(service, written: Any) -> list[tuple[Any, Any]]:
    """(value, as written) of each entry of a list (a single value is one entry)."""
    value = service.resolve(written)
    if isinstance(value, list):
        return [(service.resolve(entry), entry) for entry in value]
    return [] if value is None else [(value, written)]


def _rest_cors(service, records: Cors, written: Any) -> bool:
    """`cors: true`, or `{origin, origins, allowCredentials}` (no origin at all: `*`); whether CORS is on."""
    value = service.resolve(written)
    if value is UNKNOWN:
        records.add(cors.ORIGIN, UNKNOWN, written)
        return False
    if value is True:
        records.add(cors.ORIGIN, "*")
        return True
    if not is_map(value):
        return False
    origins = _entries(service, value.get("origins")) + _entries(service, value.get("origin"))
    records.add_all(cors.ORIGIN, origins or [("*", None)])
    if value.get("allowCredentials") is not None:
        records.add(cors.CREDENTIALS, service.resolve(value["allowCredentials"]), value["allowCredentials"])
    return True


def _cors_object(service, records: Cors, parent: dict, key: str) -> bool:
    """`cors: true`, or an object whose unset `allowedOrigins` is `*` (`null` removes it); whether CORS is on."""
    written = parent.get(key)
    value = service.resolve(written)
    if value is UNKNOWN:
        records.add(cors.ORIGIN, UNKNOWN, written)
        return False
    if value is True:
        records.add(cors.ORIGIN, "*")
        return True
    if not is_map(value):
        return False
    origins, credentials, methods = _KEYS
    records.add_all(cors.ORIGIN, _entries(service, value[origins]) if origins in value else [("*", None)])
    records.add_all(cors.METHOD, [(cors.upper(v), w) for v, w in _entries(service, value.get(methods))])
    if value.get(credentials) is not None:
        records.add(cors.CREDENTIALS, service.resolve(value[credentials]), value[credentials])
    return True
