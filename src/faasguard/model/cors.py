"""CORS settings (the `cors_*` settings of the api_settings view, docs/model.md "CORS settings"): what every
format's reader shares. rego/faasguard/lib/cors is the twin.

Every reader hands values as the files settle them (known, UNKNOWN or Alternatives); `Cors` turns them into
Setting records of one resource: one record per allowed origin and per allowed method, the credentials flag,
the API the setting belongs to, and for S3 the origins of the rules that allow a write method.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, Alternatives, choice_of

VIEW = "api_settings"
REST, HTTP, URL, BUCKET = "rest_api", "http_api", "function_url", "s3_bucket"
ORIGIN = "cors_allow_origin"
CREDENTIALS = "cors_allow_credentials"
METHOD = "cors_allow_method"
WRITE_ORIGIN = "cors_write_origin"  # S3: an origin of a rule that allows PUT, POST or DELETE
API = "cors_api"  # the id of the API (as api_operations name it) a REST or HTTP API setting belongs to
WRITE_METHODS = frozenset({"PUT", "POST", "DELETE"})
# API Gateway response headers (REST integration and gateway responses)
ORIGIN_HEADER = "access-control-allow-origin"
CREDENTIALS_HEADER = "access-control-allow-credentials"
# why a header mapped from the request or the integration response (not a quoted literal) is unknown
MAPPED_HEADER = "the header is mapped from the request or the integration response at run time"


def members(value: Any, read) -> Any:
    """A value with each alternative read by `read` (which gives UNKNOWN for what it cannot read)."""
    if isinstance(value, Alternatives):
        return choice_of([read(v) for v in value.values])
    return value if value is UNKNOWN else read(value)


def header_literal(value: Any) -> Any:
    """A header value as API Gateway and SAM write it, a quoted literal (`'*'`) → its text; any other
    string is a mapping expression (`method.request.header.Origin`): UNKNOWN."""
    if isinstance(value, str):
        return value[1:-1] if len(value) >= 2 and value.startswith("'") and value.endswith("'") else UNKNOWN
    return UNKNOWN


def literal_header(value: Any) -> Any:
    """header_literal over the alternatives of a value."""
    return members(value, header_literal)


def upper(value: Any) -> Any:
    return members(value, lambda v: v.upper() if isinstance(v, str) else UNKNOWN)


def header(parameters: dict[str, Any], prefix: str, name: str) -> str | None:
    """The key of `<prefix><Name>` in response parameters (header names ignore case), or None."""
    return next((key for key in parameters if isinstance(key, str) and key.lower() == prefix + name), None)


class Cors:
    """The CORS records of one resource (`resource` where the setting is written, `kind`, `functions`)."""

    def __init__(self, builder: ViewBuilder, resource: str, kind: str, functions: Iterable[str] = ()):
        self.builder, self.resource, self.kind, self.functions = builder, resource, kind, tuple(functions)

    def add(self, setting: str, value: Any, written: Any = None) -> None:
        self.builder.setting(VIEW, self.resource, self.kind, setting, value, self.functions, written)

    def add_all(self, setting: str, entries: Iterable[tuple[Any, Any]]) -> None:
        """One record per (value, value as written) entry of a list."""
        for value, written in entries:
            self.add(setting, value, written)

    def unknown(self, setting: str, why: str) -> None:
        self.builder.unknown_because(self.resource, VIEW, setting, why, self.functions)

    def api(self, api: str) -> None:
        if api:
            self.add(API, api)

    def rule(self, origins: list[tuple[Any, Any]], methods: list[tuple[Any, Any]]) -> None:
        """An S3 CORS rule ((value, written) entries): its origins, its methods, and its origins again as
        write origins when one of its methods is known to be PUT, POST or DELETE."""
        self.add_all(ORIGIN, origins)
        self.add_all(METHOD, [(upper(m), w) for m, w in methods])
        if any(isinstance(m, str) and m.upper() in WRITE_METHODS for m, _ in methods):
            self.add_all(WRITE_ORIGIN, origins)
