"""Known, absent or unknown: helpers shared by every adapter."""
from __future__ import annotations

from typing import Any


class _Unknown:
    """A value only deployment settles (a reference, an unresolved variable, an intrinsic)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


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
