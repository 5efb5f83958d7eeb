"""CloudFormation and SAM: usage records (FG_11_03, FG_11_04; docs/model.md, "Usage"): what invokes each
function (`invoked_by`), which resources use each role (`referenced_by`), functions whose reserved
concurrency is 0 (`concurrency_disabled`) and their `DeletionPolicy` / `UpdateReplacePolicy`. The references
are every name a resource's Properties or an Output's value hold (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`,
conftest's plain names), through every `Fn::If` branch. `triples` reads any Resources object, so the
Serverless adapter reads its `resources.Resources` with it. The twin is rego/faasguard/lib/usage.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from faasguard.model import usage
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import ROLE, SAM_FUNCTION, Template
from faasguard.model.cloudformation_exposure import setting, upper_text
from faasguard.model.template_references import referenced_names as names_in
from faasguard.model.values import is_map


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    own_paths = {rid: sam_paths(props) for rid, (kind, props) in functions.items() if kind == SAM_FUNCTION}
    usage.add_records(builder, types(template), triples(template), functions, template.of_type(ROLE), own_paths,
                      unsettled(template))
    for rid, (_, props) in functions.items():
        function_records(template, rid, props, template.resources[rid], builder)


def types(template: Template) -> dict[str, str]:
    return {rid: resource.get("Type") for rid, resource in template.resources.items()}


def triples(template: Template, aliases: Mapping[str, str] | None = None) -> Iterator[usage.Triple]:
    """(referrer, property, target) for every created resource a resource's Properties or an Output names;
    `aliases` maps other names a host document gives its own resources (a Serverless function's logical id)
    to their ids, for targets and referrers alike."""
    aliases = aliases or {}

    def target_of(name: str) -> str | None:
        return aliases.get(name) or (name if name in template.resources else None)

    for rid, resource in template.resources.items():
        props = resource.get("Properties")
        for attribute, value in (props.items() if is_map(props) else ()):
            for name in names_in(value):
                if (target := target_of(name)) is not None:
                    yield aliases.get(rid, rid), attribute, target
    outputs = template.data.get("Outputs")
    for output, value in (outputs.items() if is_map(outputs) else ()):
        for name in names_in(value):
            if (target := target_of(name)) is not None:
                yield f"Outputs.{output}", "", target


def sam_paths(props: dict[str, Any]) -> list[str]:
    """A SAM function's own invocation paths: its `Events` (SAM creates the trigger) and `FunctionUrlConfig`."""
    events = props.get("Events")
    found = {"Events": events not in (None, {}), "FunctionUrlConfig": props.get("FunctionUrlConfig") is not None}
    return [key for key, present in found.items() if present]


def unsettled(template: Template) -> dict[str, str]:
    """{"*": why} when an invoker (a permission, event source mapping, URL) names a function only deployment
    settles (no resource of the template, no known name or ARN): it may invoke any function."""
    for rid, resource in template.resources.items():
        attribute = usage.INVOKERS.get(resource.get("Type"))
        value = template.properties(rid).get(attribute) if attribute else None
        if value is None or any(name in template.resources for name in names_in(value)):
            continue
        if not isinstance(template.known(value), str):
            return {"*": usage.UNSETTLED_INVOKER.format(rid, attribute)}
    return {}


def function_records(template: Template, function: str, props: dict[str, Any], resource: dict[str, Any],
                     builder: ViewBuilder) -> None:
    """`concurrency_disabled` when ReservedConcurrentExecutions is written; the retention policies written."""
    if props.get("ReservedConcurrentExecutions") is not None:
        builder.setting(usage.FUNCTIONS, function, "function", usage.CONCURRENCY_DISABLED,
                        setting(template, props, "ReservedConcurrentExecutions", default="false",
                                known=usage.concurrency_disabled),
                        [function], props["ReservedConcurrentExecutions"])
    for attribute, name in usage.RETENTION_ATTRIBUTES.items():
        if resource.get(attribute) is not None:
            builder.setting(usage.FUNCTIONS, function, "function", name,
                            setting(template, resource, attribute, default=usage.DEFAULT_POLICY, known=upper_text),
                            [function], resource[attribute])
