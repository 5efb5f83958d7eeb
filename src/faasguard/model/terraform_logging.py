"""Terraform: the log group of each function and its retention (FG_05_02; docs/model.md, "Function logs").

A function logs to the aws_cloudwatch_log_group its `logging_config[0].log_group` names (by reference or
known name), else to `/aws/lambda/<function_name>`: a group whose known `name` is that text, whose name
as written is the same text (`"/aws/lambda/${var.name}"` beside `function_name = "${var.name}"`, a
variable without default), or whose `name` expression references the function (`"/aws/lambda/${…
function_name}"`; in a plan, whose name is known only after apply). Groups are indexed by name once.
The twin is rego/faasguard/lib/terraform/logging.rego.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_logging import LAMBDA_PREFIX, UNMATCHED
from faasguard.model.terraform import Index, TfResource
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

FUNCTION = "aws_lambda_function"
LOG_GROUP = "aws_cloudwatch_log_group"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    groups = index.of_type(LOG_GROUP)
    by_name: dict[str, list[TfResource]] = defaultdict(list)
    for group in groups:
        for text in _name_texts(group, "name"):
            by_name[text].append(group)
    functions = index.of_type(FUNCTION)
    naming = _naming_groups(index, groups)
    links = {f.address: _linked(index, f, by_name, naming) for f in functions}
    linked = {g for g in links.values() if isinstance(g, str)}
    unlinked = [g for g in groups if g.address not in linked]
    open_group = any(_may_be_lambda_group(g) for g in unlinked)
    lambda_group = open_group or any(isinstance(n := g.value("name"), str) and n.startswith(LAMBDA_PREFIX)
                                     for g in unlinked)
    users: dict[str, list[str]] = defaultdict(list)
    for function in functions:
        link = links[function.address]
        if link == ABSENT and (open_group or (lambda_group and not isinstance(function.value("function_name"), str))):
            link = UNKNOWN
        if link is UNKNOWN:
            builder.unknown_because(function.address, "function_settings", "log_group", UNMATCHED, [function.address])
        elif link is not None:
            builder.setting("function_settings", function.address, "function", "log_group", link, [function.address])
            users[link].append(function.address)
    for group in groups:
        if group.address in users:
            retention = group.value("retention_in_days")
            builder.setting("store_settings", group.address, "log_group", "retention_days",
                            ABSENT if retention is None else retention, users[group.address],
                            group.as_written("retention_in_days"))


def _name_texts(resource: TfResource, attribute: str) -> list[str]:
    """The texts a name is compared by: its known value, else (HCL) its expression as written; a block
    with a settled for_each (`name = "/aws/lambda/${each.value}"`) has one text per instance."""
    value = resource.value(attribute)
    if isinstance(value, str):
        return [value]
    written = resource.as_written(attribute)
    if not (isinstance(written, str) and "${" in written):
        return []
    instances = _for_each_instances(resource.value("for_each")) if "${each." in written else None
    if instances is None:
        return [written]
    return [written.replace("${each.key}", key).replace("${each.value}", value) for key, value in instances]


def _for_each_instances(for_each: Any) -> list[tuple[str, str]] | None:
    """(each.key, each.value) of a settled for_each of strings (a set's key is its value), else None."""
    if isinstance(for_each, list) and all(isinstance(v, str) for v in for_each):
        for_each = {v: v for v in for_each}
    if isinstance(for_each, dict) and all(isinstance(v, str) for v in for_each.values()):
        return [(str(k), v) for k, v in for_each.items()]
    return None


def _linked(index: Index, function: TfResource, by_name: dict[str, list[TfResource]],
            naming: dict[str, list[TfResource]]) -> Any:
    """The address of the function's group; ABSENT (none declared), UNKNOWN, or None (a group the
    document does not declare)."""
    referenced = index.referenced(function, "logging_config", LOG_GROUP)
    if referenced:
        return _first(referenced)
    named = function.value("logging_config", 0, "log_group")
    if isinstance(named, str):
        found = by_name.get(named, [])
        return _first(found) if found else None
    if function.written is not None and function.as_written("logging_config", 0, "log_group") is not None:
        return UNKNOWN  # HCL: a log_group only deployment settles (a plan's unknown one is computed: unset)
    texts = [LAMBDA_PREFIX + text for text in _name_texts(function, "function_name")]
    found = [g for text in texts for g in by_name.get(text, [])] + naming.get(function.address, [])
    return _first(found) if found else ABSENT


def _naming_groups(index: Index, groups: list[TfResource]) -> dict[str, list[TfResource]]:
    """Function address → the groups whose name expression references it: HCL
    `"/aws/lambda/${aws_lambda_function.f.function_name}"`; a plan's group whose name is known only
    after apply (same instance key, or one side without)."""
    found: dict[str, list[TfResource]] = defaultdict(list)
    for group in groups:
        written = group.as_written("name")
        for function in index.referenced(group, "name", FUNCTION):
            if group.written is not None and isinstance(written, str) and written.startswith(LAMBDA_PREFIX):
                found[function.address].append(group)
            elif group.written is None and group.value("name") is UNKNOWN \
                    and (group.index is None or function.index is None or group.index == function.index):
                found[function.address].append(group)
    return found


def _may_be_lambda_group(group: TfResource) -> bool:
    """A group whose name only deployment settles and may be /aws/lambda/<a function's name>."""
    if group.value("name") is not UNKNOWN:
        return False
    written = group.as_written("name")
    return not isinstance(written, str) or written.startswith((LAMBDA_PREFIX, "${"))


def _first(groups: list[TfResource]) -> str:
    return sorted(g.address for g in groups)[0]
