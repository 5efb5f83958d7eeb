"""Serverless: the log group of each function and its retention (FG_05_02; docs/model.md, "Function logs").

The Framework creates one log group per function, `<Function>LogGroup` (naming.js getLogGroupLogicalId),
with `RetentionInDays: functions.<f>.logRetentionInDays || provider.logRetentionInDays` (none: never
expire), and none for a function with `disableLogs: true` or a custom `logs.logGroup` (v4, on the
function or `provider.logs.lambda`), which logs to that group. `resources.Resources` is merged over the
compiled template: a `<Function>LogGroup` there (`Type: AWS::Logs::LogGroup`, so that Checkov sees it too)
with `RetentionInDays` sets the group's retention, and a
custom group it declares (by `LogGroupName`) is read as in a template. The Rego twin is
rego/faasguard/adapters/serverless/logging.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_logging
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import ABSENT

FUNCTIONS = "function_settings"
STORES = "store_settings"


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    template = Template(resources if is_map(resources) else {})
    inheriting: list[str] = []
    users: dict[str, list[str]] = {}
    for key, function in service.functions.items():
        disabled = _truthy(service.resolve(function.get("disableLogs")))
        builder.setting(FUNCTIONS, key, "function", "logs_disabled", disabled, [key], function.get("disableLogs"))
        if disabled != "false":
            continue
        custom = _custom_group(service, function)
        override = log_group_logical_id(key)
        if custom is not None:
            _custom_group_users(service, template, builder, key, custom, users)
        elif template.type_of(override) == cloudformation_logging.LOG_GROUP \
                and template.properties(override).get("RetentionInDays") is not None:
            users.setdefault(override, []).append(key)
        elif not _own_retention(service, builder, key, function):
            inheriting.append(key)
    cloudformation_logging.retention_views(template, builder, users)
    _provider_retention(service, builder, inheriting)


def log_group_logical_id(key: str) -> str:
    """The logical id of a function's log group (naming.js getNormalizedFunctionName + LogGroup)."""
    normalized = key.replace("-", "Dash").replace("_", "Underscore")
    return f"{normalized[:1].upper()}{normalized[1:]}LogGroup"


def _truthy(value: Any) -> Any:
    """A flag as JavaScript reads it: "true" / "false", UNKNOWN as is."""
    if value is UNKNOWN:
        return UNKNOWN
    return "true" if value not in (None, False, "", 0) else "false"


def _custom_group(service: Service, function: dict[str, Any]) -> Any:
    """The v4 custom log group a function logs to (`logs.logGroup` of the function, else of
    `provider.logs.lambda`), None when unset."""
    own = get_path(service.resolve(function.get("logs")), "logGroup")
    if own is not None:
        return service.resolve(own)
    provider = get_path(service.resolve(get_path(service.resolve(service.provider.get("logs")), "lambda")), "logGroup")
    return service.resolve(provider) if provider is not None else None


def _custom_group_users(service: Service, template: Template, builder: ViewBuilder, key: str, name: Any,
                        users: dict[str, list[str]]) -> None:
    """A custom group: the one of `resources.Resources` whose name is its known name (none: it is not
    declared here, nothing to judge); an unknown name is an unknown link."""
    if not isinstance(name, str) or "${" in name:
        builder.unknown(key, FUNCTIONS, "log_group", name, [key])
        return
    groups = cloudformation_logging.groups_named(template, name)
    if groups:
        users.setdefault(groups[0], []).append(key)


def _own_retention(service: Service, builder: ViewBuilder, key: str, function: dict[str, Any]) -> bool:
    """A function's own logRetentionInDays (a falsy one inherits the provider's)."""
    own = service.resolve(function.get("logRetentionInDays"))
    if own in (None, False, "", 0):
        return False
    builder.setting(STORES, key, "log_group", "retention_days", own, [key], function.get("logRetentionInDays"))
    return True


def _provider_retention(service: Service, builder: ViewBuilder, inheriting: list[str]) -> None:
    """provider.logRetentionInDays for the functions without their own; unset: absent on each."""
    if not inheriting:
        return
    written = service.provider.get("logRetentionInDays")
    value = service.resolve(written)
    if value in (None, False, "", 0):
        for key in inheriting:
            builder.setting(STORES, key, "log_group", "retention_days", ABSENT, [key])
    else:
        builder.setting(STORES, PROVIDER, "log_group", "retention_days", value, inheriting, written)
