"""Terraform HCL and plan: usage records (FG_11_03, FG_11_04; docs/model.md, "Usage"): what invokes each
`aws_lambda_function` (`invoked_by`), which resources use each `aws_iam_role` (`referenced_by`), and functions
whose `reserved_concurrent_executions` is 0 (`concurrency_disabled`). The references are those of the managed
resources' expressions (HCL `${…}`, a plan's configuration `references`), of `output` blocks and of `module`
calls (a plan: its configuration's outputs and module calls, child modules' outputs included), resolved in
the module they are written in. Data sources do not count. The twin is rego/faasguard/lib/terraform/usage.rego.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from faasguard.model import usage
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import INSTANCE_KEY, Index, reference_keys
from faasguard.model.values import UNKNOWN, Alternatives, choice_of, get_path

FUNCTION = "aws_lambda_function"
ROLE = "aws_iam_role"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    types = {r.address: r.type for r in index.resources}
    functions = index.of_type(FUNCTION)
    usage.add_records(builder, types, _triples(index), [f.address for f in functions],
                      [r.address for r in index.of_type(ROLE)], {}, _unsettled(index))
    for function in functions:
        value = function.value("reserved_concurrent_executions")
        if value is not None:
            builder.setting(usage.FUNCTIONS, function.address, "function", usage.CONCURRENCY_DISABLED,
                            _disabled(value), [function.address], function.as_written("reserved_concurrent_executions"))


def _disabled(value: Any) -> Any:
    """Whether a known reserved concurrency (each alternative of a conditional) disables the function."""
    if isinstance(value, Alternatives):
        return choice_of([_disabled(v) for v in value.values])
    return UNKNOWN if value is UNKNOWN else usage.concurrency_disabled(value)


def _triples(index: Index) -> Iterator[usage.Triple]:
    """(referrer, attribute, target address) of every reference a managed resource, output or module call
    makes to a managed resource of its module. A resource's reference names a resource of its own module
    instance (`module.app["a"]` reaches only its own role); an output or a module call is written once for
    every instance of its module, so its reference names the resource in each of them."""
    in_instance: dict[tuple[str, str], list[str]] = defaultdict(list)  # (module instance, key) -> addresses
    in_module: dict[tuple[str, str], list[str]] = defaultdict(list)  # (module path, key) -> addresses
    for resource in index.resources:
        in_instance[(resource.module, resource.config_name)].append(resource.address)
        in_module[(_module_path(resource.module), resource.config_name)].append(resource.address)
    for resource in index.resources:
        for attribute, keys in resource.refs.items():
            for key in keys:
                for target in in_instance.get((resource.module, key), []):
                    yield resource.address, attribute, target
    for referrer, module, keys in _outside_references(index):
        for key in keys:
            for target in in_module.get((module, key), []):
                yield referrer, "", target


def _module_path(address: str) -> str:
    """module.a["x"].module.b[0] -> module.a.module.b (the configuration module of an instance)."""
    return INSTANCE_KEY.sub("", address)


def _outside_references(index: Index) -> Iterator[tuple[str, str, list[str]]]:
    """(referrer, module path, reference keys) of each output and module call."""
    document = getattr(index, "document", None) or {}
    if "configuration" in document or "resource_changes" in document:
        yield from _plan_outside(get_path(document, "configuration", "root_module") or {}, "")
        return
    module = document.get("faasguard_module") or ""
    prefix = f"{module}." if module else ""
    for kind in ("output", "module"):
        for name, blocks in (document.get(kind) or {}).items():
            yield f"{prefix}{kind}.{name}", module, [k for text in _strings(blocks) if "${" in text
                                                     for k in reference_keys(text)]


def _plan_outside(module: dict[str, Any], path: str) -> Iterator[tuple[str, str, list[str]]]:
    prefix = f"{path}." if path else ""
    for name, output in (module.get("outputs") or {}).items():
        yield f"{prefix}output.{name}", path, _plan_keys(output)
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict):
            yield f"{prefix}module.{name}", path, _plan_keys(call.get("expressions"))
            yield from _plan_outside(call.get("module") or {}, f"{prefix}module.{name}")


def _plan_keys(expression: Any) -> list[str]:
    """The resource keys of every `references` list in a configuration expression."""
    found = []
    if isinstance(expression, dict):
        for key, item in expression.items():
            found += ([k for name in item if isinstance(name, str) for k in reference_keys(name)]
                      if key == "references" and isinstance(item, list) else _plan_keys(item))
    elif isinstance(expression, list):
        found = [k for item in expression for k in _plan_keys(item)]
    return found


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _unsettled(index: Index) -> dict[str, str]:
    """{"*": why} when an invoker's `function_name` is neither known nor a reference to a managed resource
    (a variable without default, a module output): it may invoke any function of the document."""
    managed = {(r.module, r.config_name) for r in index.resources}
    for rtype, attribute in usage.INVOKERS.items():
        for resource in index.of_type(rtype):
            if isinstance(resource.value(attribute), str) or resource.value(attribute) is None:
                continue
            if not any((resource.module, k) in managed for k in resource.refs.get(attribute, [])):
                return {"*": usage.UNSETTLED_INVOKER.format(resource.address, attribute)}
    return {}

