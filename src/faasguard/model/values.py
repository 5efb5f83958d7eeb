"""Known, absent or unknown: helpers shared by every adapter."""
from __future__ import annotations

from typing import Any


class Marker:
    """A value that stands for something other than a value; compared by identity (`is`)."""

    __slots__ = ("_name",)

    def __init__(self, name: str):
        self._name = name

    def __repr__(self) -> str:
        return self._name


# A value only deployment settles (a reference, an unresolved variable, an intrinsic).
UNKNOWN = Marker("UNKNOWN")


class Alternatives:
    """A value the files settle to one of several alternatives (`Fn::If` on an unknown condition, a
    Terraform conditional, `Fn::FindInMap` with an unknown key). Members are known values or UNKNOWN.
    Build it with `choice_of`, which collapses what is not really a choice."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]):
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Alternatives) and other.values == self.values

    def __hash__(self) -> int:
        return hash(("Alternatives", self.values))

    def __repr__(self) -> str:
        return f"Alternatives{self.values!r}"


def choice_of(values: list[Any]) -> Any:
    """The value of a choice between `values`: nested choices flattened and duplicates merged; one
    distinct value is that value; a choice between unknowns only is UNKNOWN."""
    distinct: list[Any] = []
    for value in values:
        for member in value.values if isinstance(value, Alternatives) else (value,):
            if not any(member is d or (type(member) is type(d) and member == d) for d in distinct):
                distinct.append(member)
    if len(distinct) == 1:
        return distinct[0]
    if all(v is UNKNOWN for v in distinct):
        return UNKNOWN
    return Alternatives(tuple(distinct))


def alternatives_of(value: Any) -> tuple[tuple[Any, ...], int]:
    """(the members of a value, how many alternatives it has): a plain value is its only alternative."""
    if isinstance(value, Alternatives):
        return value.values, len(value.values)
    return (value,), 1


def known_string(value: Any) -> str | None:
    """The value when it is a string the files settle, else None. `${…}` is an unresolved expression
    or variable, `{{resolve:…}}` a CloudFormation dynamic reference: deployment settles both."""
    if isinstance(value, str) and "${" not in value and "{{resolve:" not in value:
        return value
    return None


def get_path(data: Any, *keys: Any) -> Any:
    """data[k1][k2]… or None; list indexes allowed."""
    for key in keys:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and -len(data) <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def first_object(value: Any) -> dict[str, Any] | None:
    """A nested block or map: conftest writes an object, or a one-element array of an object."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, dict) else None


def intrinsic(value: Any) -> tuple[str, Any] | None:
    """(function, argument) of a CloudFormation intrinsic function object: one key, `Ref`, `Condition`
    or `Fn::…` (the test SAM and cfn-lint use; rego/faasguard/lib/values has its twin)."""
    if isinstance(value, dict) and len(value) == 1:
        (key, argument), = value.items()
        if key in ("Ref", "Condition") or str(key).startswith("Fn::"):
            return key, argument
    return None


def is_intrinsic(value: Any) -> bool:
    return intrinsic(value) is not None


def is_map(value: Any) -> bool:
    """A plain map: a dict that is not an intrinsic function object."""
    return isinstance(value, dict) and not is_intrinsic(value)
