"""Terraform modules and plans: lifecycle records (FG_11_02, FG_11_05, FG_11_06; docs/model.md, "Lifecycle
settings") in function_settings: `trigger_enabled` of event source mappings (`enabled`), EventBridge rules
(`state`, else the older `is_enabled`) and EventBridge Scheduler schedules (`state`); `old_versions` of each
function (`publish`, and whether an `aws_lambda_alias` points at it); `tag` keys of each function: its
`tags` and, in a module, the `default_tags` of the aws provider block it uses, in a plan its `tags_all`
(which holds both). The twin is rego/faasguard/lib/terraform/lifecycle.rego, fed by the adapters'
lifecycle.rego.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from faasguard.model import lifecycle, limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_exposure import flag
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at, functions_named
from faasguard.model.terraform_exposure import setting_value
from faasguard.model.values import UNKNOWN, first_object, get_path

FUNCTION = "aws_lambda_function"
# `provider = aws.<alias>` as the loader writes it
_PROVIDER_ALIAS = re.compile(r"^\$\{\s*aws\.([A-Za-z0-9_-]+)\s*\}$")


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the lifecycle records of the document to the builder."""
    _triggers(index, builder)
    aliased = {f for alias in index.of_type("aws_lambda_alias") for f in functions_named(index, alias, "function_name")}
    default_tags = _default_tags(getattr(index, "providers", None))
    for function in index.of_type(FUNCTION):
        _versions(builder, function, function.address in aliased)
        _tags(builder, function, default_tags)


def _triggers(index: Index, builder: ViewBuilder) -> None:
    for mapping in index.of_type("aws_lambda_event_source_mapping"):
        builder.setting(lifecycle.VIEW, mapping.address, lifecycle.TRIGGER, lifecycle.TRIGGER_ENABLED,
                        setting_value(mapping, "enabled", default="true", known=flag),
                        functions_named(index, mapping, "function_name"), mapping.as_written("enabled"))
    targeted: dict[str, set[str]] = defaultdict(set)
    for target in index.of_type("aws_cloudwatch_event_target"):
        for rule in index.referenced(target, "rule", "aws_cloudwatch_event_rule"):
            targeted[rule.address] |= functions_named(index, target, "arn")
    for rule in index.of_type("aws_cloudwatch_event_rule"):
        _state(builder, rule, targeted[rule.address])
    for schedule in index.of_type("aws_scheduler_schedule"):
        _state(builder, schedule, functions_named(index, schedule, "target"))


def _state(builder: ViewBuilder, trigger: TfResource, functions: set[str]) -> None:
    """`state` (ENABLED by default) when it is set; a rule's deprecated `is_enabled` otherwise."""
    if trigger.value("state") is not None or trigger.type == "aws_scheduler_schedule":
        value = setting_value(trigger, "state", default="true", known=lifecycle.state_enabled)
        written = trigger.as_written("state")
    else:
        value = setting_value(trigger, "is_enabled", default="true", known=flag)
        written = trigger.as_written("is_enabled")
    builder.setting(lifecycle.VIEW, trigger.address, lifecycle.TRIGGER, lifecycle.TRIGGER_ENABLED, value,
                    functions, written)


def _versions(builder: ViewBuilder, function: TfResource, aliased: bool) -> None:
    """`publish = true` keeps every version Terraform publishes; an alias is how they are meant to be used."""
    published = lifecycle.ALIASED if aliased else lifecycle.UNALIASED
    value = setting_value(function, "publish", default=lifecycle.UNPUBLISHED,
                   known=lambda v: {"true": published, "false": lifecycle.UNPUBLISHED}.get(flag(v), UNKNOWN))
    builder.setting(lifecycle.VIEW, function.address, "function", lifecycle.VERSIONS, value, [function.address],
                    function.as_written("publish"))


def _default_tags(providers: Any) -> dict[str, tuple[str, Any]]:
    """Provider alias ("" for the default aws provider) → (its address, its default_tags as written)."""
    blocks = providers.get("aws") if isinstance(providers, dict) else None
    found = {}
    for block in blocks if isinstance(blocks, list) else []:
        written = get_path(block, "default_tags", 0, "tags") if isinstance(block, dict) else None
        if written is not None:
            alias = block.get("alias") if isinstance(block.get("alias"), str) else ""
            found[alias] = (f"provider.aws.{alias}" if alias else "provider.aws", written)
    return found


def _provider_alias(function: TfResource) -> str | None:
    """The alias of the aws provider a module's function uses ("" for the default one); None for a
    provider the module does not name so."""
    written = function.as_written("provider")
    if written is None:
        return ""
    match = _PROVIDER_ALIAS.match(written) if isinstance(written, str) else None
    return match.group(1) if match else None


def _tags(builder: ViewBuilder, function: TfResource, default_tags: dict) -> None:
    """The keys faasguard.model.limits does not record: those whose value only deployment settles, the
    provider's default tags (a plan's tags_all holds them)."""
    address = function.address
    if function.written is None:
        attribute = "tags_all" if function.value("tags_all") is not None else "tags"
        _tag_records(builder, address, address, _planned(function, attribute), function.as_written(attribute))
        return
    _tag_records(builder, address, address, function.as_written("tags"), function.as_written("tags"))
    provider = default_tags.get(_provider_alias(function))
    if provider is not None:
        _tag_records(builder, provider[0], address, provider[1], provider[1])


def _planned(function: TfResource, attribute: str) -> Any:
    """A planned map with the keys after_unknown marks; UNKNOWN when the whole map is."""
    if is_unknown_at(function, attribute):
        return UNKNOWN
    known = function.value(attribute)
    unknown = get_path(function.unknown, attribute)
    return {**(unknown if isinstance(unknown, dict) else {}), **(known if isinstance(known, dict) else {})}


def _tag_records(builder: ViewBuilder, resource: str, function: str, tags: Any, written: Any) -> None:
    """Its keys (a `${…}` value still has its key), or `*` for a map only deployment settles; the loader
    writes a map as a one-element list (conftest's shape)."""
    tags = first_object(tags) if isinstance(tags, list) else tags
    if isinstance(tags, dict):
        limits.tags(builder, resource, tags, [function])
    elif tags is not None:
        lifecycle.unsettled_tags(builder, resource, written, [function])
