"""Serverless: the log levels of Lambda's advanced logging controls (FG_10_02; docs/model.md, "Function
log levels"): function_settings `log_format`, `application_log_level` and `system_log_level` from
`functions.<f>.logs` (`logFormat`, `applicationLogLevel`, `systemLogLevel`; on the function key, a key it
leaves out taken from the provider) and `provider.logs.lambda` (on `provider`, for the functions whose
`logs` set none of them). The twin is rego/faasguard/adapters/serverless/errors.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import errors
from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import get_path, is_map


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    provider = logging_settings(service, get_path(service.resolve(service.provider.get("logs")), "lambda"))
    inheriting = []
    for key, function in service.functions.items():
        own = logging_settings(service, function.get("logs"))
        if own:
            _add(service, builder, key, {**provider, **own}, [key])
        else:
            inheriting.append(key)
    if provider and inheriting:
        _add(service, builder, PROVIDER, provider, inheriting)


def logging_settings(service: Service, written: Any) -> dict[str, Any]:
    """Serverless key → value as written, of the logging keys a `logs` map sets."""
    logs = service.resolve(written)
    return {k: logs[k] for _, _, _, k, _ in errors.LOGGING if logs.get(k) is not None} if is_map(logs) else {}


def _add(service: Service, builder: ViewBuilder, resource: str, written: dict[str, Any], functions: list[str]) -> None:
    for name, _, _, key, default in errors.LOGGING:
        builder.setting(errors.FUNCTIONS, resource, "function", name,
                        errors.with_default(service.resolve(written.get(key)), default), functions,
                        written.get(key))
