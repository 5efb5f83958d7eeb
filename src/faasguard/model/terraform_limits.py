"""Terraform modules and plans → the limit records (docs/model.md, "Function limits"): of each
aws_lambda_function its `reserved_concurrent_executions` (-1, the default, reserves nothing), `timeout`,
`memory_size`, `ephemeral_storage[0].size`, the number of `vpc_config[0].subnet_ids` and its `tags` keys (on
the function); `recursive_loop` of each aws_lambda_function_recursion_config (on that resource, for the
functions its `function_name` names). The twin is rego/faasguard/lib/terraform/limits.rego.
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model import limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at, functions_named
from faasguard.model.values import UNKNOWN, first_object, get_path
from faasguard.model.views import ABSENT

# a whole reference to a managed resource's id (`${aws_subnet.a.id}`): one value, never a list
_ONE_ID = re.compile(r"\$\{(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*\.id\}")
# setting → (attribute path, value when unset, how a known value reads)
_NUMBERS = {
    limits.RESERVED: (("reserved_concurrent_executions",), ABSENT, limits.concurrency),
    limits.TIMEOUT: (("timeout",), str(limits.LAMBDA_TIMEOUT), limits.whole_number),
    limits.MEMORY: (("memory_size",), str(limits.LAMBDA_MEMORY), limits.whole_number),
    limits.EPHEMERAL: (("ephemeral_storage", 0, "size"), str(limits.EPHEMERAL_STORAGE), limits.whole_number),
}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for function in index.of_type("aws_lambda_function"):
        address = function.address
        for name, (path, unset, known) in _NUMBERS.items():
            value = UNKNOWN if is_unknown_at(function, *path) else function.value(*path)
            limits.record(builder, address, name, limits.members(value, unset, known), [address],
                          function.as_written(*path))
        subnets = _subnet_count(function)
        if limits.attached(subnets):
            limits.record(builder, address, limits.SUBNETS, subnets, [address],
                          function.as_written("vpc_config", 0, "subnet_ids"))
        # conftest's HCL shape writes a map attribute as a one-element list of it
        limits.tags(builder, address, first_object(function.value("tags")), [address])
    for config in index.of_type("aws_lambda_function_recursion_config"):
        value = UNKNOWN if is_unknown_at(config, "recursive_loop") else config.value("recursive_loop")
        mode = limits.members(value, limits.RECURSIVE_LOOP_DEFAULT, limits.text)
        limits.record(builder, config.address, limits.RECURSIVE_LOOP, mode,
                      sorted(functions_named(index, config, "function_name")), config.as_written("recursive_loop"))


def _subnet_count(function: TfResource) -> Any:
    """The length of vpc_config[0].subnet_ids: HCL counts the entries as written (a reference is one
    subnet), a plan its planned entries (or the entries after_unknown marks); "0" without a vpc_config."""
    path = ("vpc_config", 0, "subnet_ids")
    if function.written is not None:
        written = function.as_written(*path)
        if written is None:
            return UNKNOWN if is_unknown_at(function, "vpc_config") else "0"
        # the loader writes a one-entry list `[aws_subnet.a.id]` as that entry: one resource's id is one subnet
        return "1" if isinstance(written, str) and _ONE_ID.fullmatch(written) else limits.count_of(written)
    if is_unknown_at(function, "vpc_config"):
        return UNKNOWN
    marks = get_path(function.unknown, *path)
    if marks is True:
        return UNKNOWN
    planned = function.value(*path)
    # a set of references the provider settles after apply: after_unknown marks each entry
    entries = marks if isinstance(marks, list) and len(marks) > len(planned or []) else planned
    return limits.count_of(entries) if isinstance(entries, list) else "0"
