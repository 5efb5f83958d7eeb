"""Terraform modules and plans → the log levels of Lambda's advanced logging controls (FG_10_02;
docs/model.md, "Function log levels"): function_settings `log_format`, `application_log_level` and
`system_log_level` of each aws_lambda_function with a `logging_config` block. The twin is
rego/faasguard/lib/terraform/errors.rego, fed by the adapters' errors.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import errors
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.values import UNKNOWN, get_path


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for function in index.of_type("aws_lambda_function"):
        written = function.as_written("logging_config")
        if not block_present(function, "logging_config"):
            continue  # no logging_config: Text logs, which have no levels
        for name, _, attribute, _, default in errors.LOGGING:
            builder.setting(errors.FUNCTIONS, function.address, "function", name,
                            errors.with_default(block_value(function, "logging_config", attribute), default),
                            [function.address], written)


def block_present(resource: TfResource, block: str) -> bool:
    """Whether the resource writes (or plans) the nested block; a whole block only deployment settles
    (a `dynamic` block, a plan's configured block known after apply) counts, its values unknown."""
    value = resource.value(block)
    return value is UNKNOWN or (isinstance(value, list) and any(isinstance(b, dict) for b in value))


def block_value(resource: TfResource, block: str, attribute: str) -> Any:
    """An attribute of the first nested block: its known value or Alternatives, None when unset, UNKNOWN
    when the block or the attribute is only settled by deployment (HCL: written but not known; a plan:
    after_unknown)."""
    if resource.value(block) is UNKNOWN:
        return UNKNOWN
    value = resource.value(block, 0, attribute)
    if value is None and resource.written is not None \
            and get_path(resource.written, block, 0, attribute) is not None:
        return UNKNOWN
    return value
