"""Serverless: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04).

api_settings records of kind `stage` on `provider` (docs/model.md, "API stage monitoring"), for each API
the service has (some function has its events): `access_log` of `provider.logs.restApi` / `httpApi` /
`websocket` (`true` or a map; `accessLogging` defaults to true), and for the REST API `execution_logging`
(`logs.restApi` set: `executionLogging` defaults to true and `level` to INFO; unset: OFF), `metrics`
(`provider.apiGateway.metrics`) and `tracing` (`provider.tracing.apiGateway`). The stages of
`resources.Resources` are read as in a template. The twin is rego/faasguard/adapters/serverless/api_monitoring.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_api_monitoring
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_exposure import flag, upper_text
from faasguard.model.serverless import Service
from faasguard.model.serverless_exposure import resolved_choice, api_event_keys
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import ABSENT

PROVIDER = "provider"
VIEW = "api_settings"
KIND = "stage"
# event key → the provider.logs key of its API's logs
_LOGS = {"http": "restApi", "httpApi": "httpApi", "websocket": "websocket"}
_DEFAULT_LEVEL = "INFO"  # the Framework's level once logs.restApi is set


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    events = api_event_keys(service)
    for event_key, logs_key in _LOGS.items():
        if event_key in events:
            written = get_path(service.provider, "logs", logs_key)
            logs = service.resolve(written)
            builder.setting(VIEW, PROVIDER, KIND, "access_log", _access_log(service, logs), written=written)
            if event_key == "http":
                _rest_stage(service, builder, logs, written)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        cloudformation_api_monitoring.resource_views(Template(resources), builder)


def _access_log(service: Service, logs: Any) -> Any:
    """`set` when logs are on (`true`, or a map whose accessLogging is not false), else `absent`."""
    if logs is UNKNOWN:
        return UNKNOWN
    if logs is None or logs is False:
        return ABSENT
    if not is_map(logs):
        return "set" if logs is True else UNKNOWN
    enabled = resolved_choice(service, logs.get("accessLogging"), "true", flag)
    return enabled if enabled is UNKNOWN else "set" if enabled == "true" else ABSENT


def _rest_stage(service: Service, builder: ViewBuilder, logs: Any, written: Any) -> None:
    builder.setting(VIEW, PROVIDER, KIND, "execution_logging", _execution_level(service, logs), written=written)
    for name, path in (("metrics", ("apiGateway", "metrics")), ("tracing", ("tracing", "apiGateway"))):
        value = get_path(service.provider, *path)
        builder.setting(VIEW, PROVIDER, KIND, name, resolved_choice(service, value, "false", flag), written=value)


def _execution_level(service: Service, logs: Any) -> Any:
    """OFF without logs.restApi; with it, `level` (default INFO) unless executionLogging is false."""
    if logs is UNKNOWN:
        return UNKNOWN
    if logs is None or logs is False:
        return "OFF"
    if not is_map(logs):
        return _DEFAULT_LEVEL if logs is True else UNKNOWN
    enabled = resolved_choice(service, logs.get("executionLogging"), "true", flag)
    if enabled != "true":
        return enabled if enabled is UNKNOWN else "OFF"
    return resolved_choice(service, logs.get("level"), _DEFAULT_LEVEL, upper_text)
