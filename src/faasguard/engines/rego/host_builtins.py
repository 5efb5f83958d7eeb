"""Builtins the compiled Wasm policy asks its host for (OPA implements them in Go, not in Wasm).

Each follows OPA's definition for the arguments the bundle passes; anything else raises, which
opa-py-wasm turns into an evaluation error (fail closed), never a silent result.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from typing import Any

_GO_GROUP = re.compile(r"\$(\d+)|\$\{(\d+)\}")


def time_now_ns() -> int:
    return time.time_ns()


def time_date(value: Any) -> list[int]:
    ns = value[0] if isinstance(value, list) else value
    moment = dt.datetime.fromtimestamp(ns / 1e9, tz=dt.timezone.utc)
    return [moment.year, moment.month, moment.day]


# the Go layouts the bundle parses with, as Python formats (anything else raises: fail closed)
_GO_LAYOUTS = {"2006-01-02": "%Y-%m-%d"}


def time_parse_ns(layout: str, value: str) -> int:
    """Nanoseconds since the epoch of `value` read with the Go `layout`, as UTC (OPA's time.parse_ns)."""
    moment = dt.datetime.strptime(value, _GO_LAYOUTS[layout]).replace(tzinfo=dt.timezone.utc)
    return int(moment.timestamp()) * 1_000_000_000


def regex_find_n(pattern: str, value: str, number: int) -> list[str]:
    matches = [m.group(0) for m in re.finditer(pattern, value)]
    return matches if number < 0 else matches[:number]


def regex_replace(value: str, pattern: str, replacement: str) -> str:
    python_template = _GO_GROUP.sub(lambda m: "\\g<" + (m.group(1) or m.group(2)) + ">", replacement.replace("\\", "\\\\"))
    return re.sub(pattern, python_template, value)


def _pointer(path: str | list) -> list:
    """OPA takes a JSON pointer string or an array of keys."""
    if isinstance(path, list):
        return [str(p) if not isinstance(p, str) else p for p in path]
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]] if path else []


def json_patch(document: Any, operations: list[dict]) -> Any:
    """RFC 6902 add / remove / replace, on a copy (what the bundle uses)."""
    result = json.loads(json.dumps(document))
    for operation in operations:
        *parents, last = _pointer(operation["path"]) or [None]
        target = result
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        op = operation["op"]
        if last is None:
            if op not in ("add", "replace"):
                raise ValueError(f"json.patch: cannot {op} the whole document")
            result = operation["value"]
        elif isinstance(target, list):
            index = len(target) if last == "-" else int(last)
            if op == "add":
                target.insert(index, operation["value"])
            elif op == "remove":
                del target[index]
            elif op == "replace":
                target[index] = operation["value"]
            else:
                raise ValueError(f"json.patch: unsupported op {op}")
        elif op in ("add", "replace"):
            target[last] = operation["value"]
        elif op == "remove":
            del target[last]
        else:
            raise ValueError(f"json.patch: unsupported op {op}")
    return result


HOST_BUILTINS = {
    "time.now_ns": time_now_ns,
    "time.date": time_date,
    "time.parse_ns": time_parse_ns,
    "regex.find_n": regex_find_n,
    "regex.replace": regex_replace,
    "json.patch": json_patch,
}
