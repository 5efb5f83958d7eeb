"""API throttling and gateway responses: what the format modules of this concern share (FG_08_04, FG_10_03).

api_settings records (docs/model.md, "API throttling and gateway responses"):
- `throttle_burst` / `throttle_rate` of kind `rest_stage`, `http_stage` or `websocket_stage`: one record per
  place that writes the stage's limit (its stage-wide settings, a usage plan of the stage), the limit as
  number text; `absent` when none writes it. A negative limit (-1, Terraform's unset) is no limit: `absent`.
  When one of those places only deployment settles, the limit is unknown (no record).
- `default_4xx_response` / `default_5xx_response` of kind `rest_api`: `true` when the API declares a
  gateway response of that type, else `false`.

The twin is rego/faasguard/lib/throttling.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

VIEW = "api_settings"
BURST = "throttle_burst"
RATE = "throttle_rate"
LIMITS = (BURST, RATE)
REST_STAGE = "rest_stage"
HTTP_STAGE = "http_stage"
WEBSOCKET_STAGE = "websocket_stage"
REST_API = "rest_api"
# stage kind -> how a finding names the stage's API
STAGE_KINDS = {REST_STAGE: "REST API", HTTP_STAGE: "HTTP API", WEBSOCKET_STAGE: "WebSocket API"}


def stage_label(resource: str, kind: str, functions: tuple[str, ...]) -> str:
    """How a finding names a stage: SAM's implicit APIs are reported on the function whose events create
    them (the records' only function is the resource itself)."""
    api = STAGE_KINDS.get(kind, "API")
    return f"the implicit {api} of {resource}" if functions == (resource,) else f"{api} stage {resource}"
# gateway response type → the setting saying the API declares it
RESPONSES = {"DEFAULT_4XX": "default_4xx_response", "DEFAULT_5XX": "default_5xx_response"}

# one place that writes a limit: (setting, value as settings read it, value as written)
Source = tuple[str, Any, Any]


def limit_text(value: Any) -> Any:
    """A throttling limit as number text ("5000", "12.5"); a negative one is no limit (ABSENT); UNKNOWN
    for what is not a finite number (booleans included)."""
    if isinstance(value, bool):
        return UNKNOWN
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return UNKNOWN
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return UNKNOWN
    if value < 0:
        return ABSENT
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def add_limits(builder: ViewBuilder, resource: str, kind: str, sources: Iterable[Source],
               functions: Iterable[str] = ()) -> None:
    """The `throttle_burst` / `throttle_rate` records of a stage from the places that write its limits:
    one per place whose value is not absent, `absent` when there is none; only the unknown when a place
    only deployment settles (another place's limit cannot settle the stage alone: the unknown one may be
    the only one to count)."""
    sources = list(sources)
    for setting in LIMITS:
        written = [(value, text) for name, value, text in sources if name == setting and value != ABSENT]
        unknown = [(value, text) for value, text in written if value is UNKNOWN]
        for value, text in unknown[:1] or written or [(ABSENT, None)]:
            builder.setting(VIEW, resource, kind, setting, value, functions, written=text)


def add_responses(builder: ViewBuilder, resource: str, types: Iterable[Any], functions: Iterable[str] = ()) -> None:
    """`default_4xx_response` / `default_5xx_response` of a REST API from the response types it declares
    (UNKNOWN for a type only deployment settles: it may be either)."""
    types = list(types)
    for response_type, setting in RESPONSES.items():
        value = "true" if response_type in types else UNKNOWN if UNKNOWN in types else "false"
        builder.setting(VIEW, resource, REST_API, setting, value, functions)
