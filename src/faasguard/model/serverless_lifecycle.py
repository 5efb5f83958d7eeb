"""Serverless: lifecycle records (FG_11_02, FG_11_05, FG_11_06; docs/model.md, "Lifecycle settings") in
function_settings: `trigger_enabled` of each trigger event that can be written disabled (`enabled`, true by
default), kind `event events[<i>].<type>`; `old_versions` of the versions the Framework publishes
(`provider.versionFunctions`, true by default, on `provider`; a function's own `versionFunction` on the
function), pruned only by serverless-prune-plugin with `custom.prune.automatic: true`; `tag` keys of
`provider.stackTags` (on `provider`, for every function; faasguard.model.limits reads `provider.tags` and
`functions.<f>.tags`), `*` for tags only deployment settles.
The CloudFormation resources of `resources.Resources` are read as in a template. The twin is
rego/faasguard/adapters/serverless/lifecycle.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_lifecycle, lifecycle, limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_exposure import flag
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import Host
from faasguard.model.values import UNKNOWN, is_map

# events whose map form takes `enabled` (each compiles to an event source mapping, rule or schedule)
TRIGGER_EVENTS = ("sqs", "stream", "msk", "kafka", "activemq", "rabbitmq", "schedule", "eventBridge",
                  "cloudwatchEvent")
PRUNE_PLUGIN = "serverless-prune-plugin"


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for key, function in service.functions.items():
        _triggers(service, builder, key, function)
        _tags(service, builder, key, function.get("tags"), [key])
    everyone = list(service.functions)
    if everyone:
        _tags(service, builder, PROVIDER, service.provider.get("tags"), everyone)
        _tags(service, builder, PROVIDER, service.provider.get("stackTags"), everyone, stack=True)
    _versions(service, builder)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        host = Host(functions={lambda_logical_id(key): key for key in service.functions})
        cloudformation_lifecycle.resource_views(Template(resources), builder, host)


def _triggers(service: Service, builder: ViewBuilder, key: str, function: dict[str, Any]) -> None:
    events = service.resolve(function.get("events"))
    for i, raw in enumerate(events if isinstance(events, list) else []):
        entry = service.resolve(raw)
        for event in (e for e in TRIGGER_EVENTS if is_map(entry) and entry.get(e) is not None):
            value = service.resolve(entry[event])
            if value is UNKNOWN:
                continue
            written = value.get("enabled") if is_map(value) else None
            builder.setting(lifecycle.VIEW, key, lifecycle.event_kind(f"events[{i}].{event}"),
                            lifecycle.TRIGGER_ENABLED,
                            "true" if written is None else flag(service.resolve(written)),
                            [key], written)


def _tags(service: Service, builder: ViewBuilder, resource: str, written: Any, functions: list[str],
          stack: bool = False) -> None:
    """Tags only deployment settles; the keys of stack tags, which CloudFormation gives every resource
    (faasguard.model.limits records those of `tags`)."""
    if written is None:
        return
    resolved = service.resolve(written)
    if not is_map(resolved):
        lifecycle.unsettled_tags(builder, resource, written, functions)
    elif stack:
        limits.tags(builder, resource, resolved, functions)


def _versions(service: Service, builder: ViewBuilder) -> None:
    """Each deployment publishes a version of every versioned function and keeps the old ones."""
    cleanup = _cleanup(service)
    inheriting = []
    for key, function in service.functions.items():
        if function.get("versionFunction") is None:
            inheriting.append(key)
        else:
            builder.setting(lifecycle.VIEW, key, "function", lifecycle.VERSIONS,
                            _published(service.resolve(function["versionFunction"]), cleanup), [key],
                            function["versionFunction"])
    if inheriting:
        written = service.provider.get("versionFunctions")
        builder.setting(lifecycle.VIEW, PROVIDER, "function", lifecycle.VERSIONS,
                        _published(True if written is None else service.resolve(written), cleanup), inheriting,
                        written if written is not None else _prune_setting(service))


def _published(versioned: Any, cleanup: Any) -> Any:
    return {"true": cleanup, "false": lifecycle.UNPUBLISHED}.get(flag(versioned), UNKNOWN)


def _plugins(service: Service) -> list[Any]:
    """`plugins` as a list, or its `modules` list."""
    plugins = service.resolve(service.data.get("plugins"))
    if is_map(plugins):
        plugins = service.resolve(plugins.get("modules"))
    return [service.resolve(p) for p in plugins] if isinstance(plugins, list) else []


def _prune_setting(service: Service) -> Any:
    prune = service.resolve(service.data.get("custom"))
    prune = service.resolve(prune.get("prune")) if is_map(prune) else None
    return prune.get("automatic") if is_map(prune) else None


def _cleanup(service: Service) -> Any:
    """PRUNED when serverless-prune-plugin prunes after each deployment, else RETAINED."""
    if PRUNE_PLUGIN not in _plugins(service):
        return lifecycle.RETAINED
    automatic = _prune_setting(service)
    automatic = "false" if automatic is None else flag(service.resolve(automatic))
    return {"true": lifecycle.PRUNED, "false": lifecycle.RETAINED}.get(automatic, UNKNOWN)
