"""CloudFormation and SAM templates → the limit records of each function (docs/model.md, "Function limits"):
`ReservedConcurrentExecutions`, `Timeout`, `MemorySize`, `EphemeralStorage.Size`, `RecursiveLoop`,
`VpcConfig.SubnetIds` and the keys of `Tags` (SAM: merged with `Globals.Function`), on the function. The twin
is rego/faasguard/lib/limits.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import SAM_FUNCTION, Template
from faasguard.model.cloudformation_exposure import setting
from faasguard.model.values import is_map
from faasguard.model.views import ABSENT

# setting → (property path, value when unset, how a known value reads)
_NUMBERS = {
    limits.RESERVED: (("ReservedConcurrentExecutions",), ABSENT, limits.whole_number),
    limits.TIMEOUT: (("Timeout",), str(limits.LAMBDA_TIMEOUT), limits.whole_number),
    limits.MEMORY: (("MemorySize",), str(limits.LAMBDA_MEMORY), limits.whole_number),
    limits.EPHEMERAL: (("EphemeralStorage", "Size"), str(limits.EPHEMERAL_STORAGE), limits.whole_number),
}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for rid, (kind, props) in functions.items():
        for name, (path, unset, known) in _NUMBERS.items():
            limits.record(builder, rid, name, setting(template, props, *path, default=unset, known=known), [rid],
                          props.get(path[0]))
        if props.get("RecursiveLoop") is not None:
            mode = setting(template, props, "RecursiveLoop", default=limits.RECURSIVE_LOOP_DEFAULT, known=limits.text)
            limits.record(builder, rid, limits.RECURSIVE_LOOP, mode, [rid], props.get("RecursiveLoop"))
        subnets = setting(template, props, "VpcConfig", "SubnetIds", default="0", known=limits.count_of)
        if limits.attached(subnets):
            limits.record(builder, rid, limits.SUBNETS, subnets, [rid], props.get("VpcConfig"))
        limits.tags(builder, rid, _tag_keys(template, kind, props.get("Tags")), [rid])


def _tag_keys(template: Template, kind: str, written: Any) -> list[Any]:
    """SAM writes Tags as a map, CloudFormation as a list of {Key, Value}."""
    tags = template.branch(written)
    if kind == SAM_FUNCTION:
        return list(tags) if is_map(tags) else []
    return [template.known(t.get("Key")) for t in tags if is_map(t)] if isinstance(tags, list) else []
