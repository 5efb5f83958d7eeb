"""What every format's limit records share (docs/model.md, "Function limits"): function_settings records of
kind `function` for the concurrency, timeout, memory, /tmp size, recursive-loop detection, subnets and tag keys
of each function (FG_08_01, FG_08_02, FG_08_03, FG_08_05, FG_08_07). Numbers are whole-number text; where a
format leaves a setting unset the record holds that format's default, so every function has its effective
value. The Rego twin is rego/faasguard/lib/limits.
"""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.values import UNKNOWN, Alternatives, choice_of
from faasguard.model.views import ABSENT

VIEW = "function_settings"
KIND = "function"
RESERVED = "reserved_concurrency"
TIMEOUT = "timeout_seconds"
MEMORY = "memory_mb"
EPHEMERAL = "ephemeral_storage_mb"
RECURSIVE_LOOP = "recursive_loop"
SUBNETS = "subnet_count"
TAG = "tag"
# Lambda's defaults (CloudFormation, SAM, Terraform) and the Serverless Framework's (timeout, memory)
LAMBDA_TIMEOUT = 3
LAMBDA_MEMORY = 128
SERVERLESS_TIMEOUT = 6
SERVERLESS_MEMORY = 1024
EPHEMERAL_STORAGE = 512
# Lambda stops a detected recursive loop unless told otherwise
RECURSIVE_LOOP_DEFAULT = "Terminate"
# Terraform's reserved_concurrent_executions default: no concurrency reserved (as if unset)
UNRESERVED = -1
# the text of a whole number as CloudFormation accepts it ("30", " 30 ", "30.0"); rego: lib/limits
_WHOLE_TEXT = re.compile(r"\s*-?[0-9]+(\.0+)?\s*")


def whole_number(value: Any) -> Any:
    """A known whole number (or its text, CloudFormation takes "30") as text; else UNKNOWN."""
    if isinstance(value, str) and _WHOLE_TEXT.fullmatch(value):
        value = float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return UNKNOWN


def text(value: Any) -> Any:
    """A known scalar as text (booleans `true`/`false`); else UNKNOWN."""
    known = setting_text(value)
    return UNKNOWN if known is None else known


def concurrency(value: Any) -> Any:
    """Reserved concurrency as text: `absent` for Terraform's -1 (nothing reserved)."""
    text = whole_number(value)
    return ABSENT if text == str(UNRESERVED) else text


def count_of(value: Any) -> Any:
    """How many subnets a known list (or a CommaDelimitedList default, "a,b") names, as text."""
    if isinstance(value, list):
        return str(len(value))
    if isinstance(value, str) and "${" not in value:
        return str(len([part for part in value.split(",") if part.strip()]))
    return UNKNOWN


def members(value: Any, unset: Any, known) -> Any:
    """A value (known, None for unset, UNKNOWN, or Alternatives of those) as the view holds it: unset is
    `unset`, each known member mapped by `known`."""
    listed = value.values if isinstance(value, Alternatives) else (value,)
    return choice_of([unset if m is None else m if m is UNKNOWN else known(m) for m in listed])


def record(builder: ViewBuilder, resource: str, setting: str, value: Any, functions: list[str],
           written: Any = None) -> None:
    builder.setting(VIEW, resource, KIND, setting, value, functions, written)


def attached(count: Any) -> bool:
    """Whether a subnet count belongs to a VPC-attached function: an empty list attaches none."""
    return count != "0"


def tags(builder: ViewBuilder, resource: str, keys: Any, functions: list[str]) -> None:
    """One `tag` record per known key of a tag map or list of keys."""
    for key in keys if isinstance(keys, (list, dict)) else ():
        if isinstance(key, str) and "${" not in key:
            record(builder, resource, TAG, key, functions)
