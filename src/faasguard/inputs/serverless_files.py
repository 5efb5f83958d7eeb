"""A serverless.yml as the Serverless Framework reads it before deploying: `${file(...)}` includes
replaced by what they hold, `functions`/`resources` lists merged, `provider: aws` as an object
(docs/formats/serverless.md). Both engines then read the same resolved document.

An include is a value that is exactly `${file(<path>)}` or `${file(<path>):<a.b>}`, optionally with a
fallback (`${file(./x.yml):a, 'default'}`). The path is relative to the service directory, also
inside included files (the Framework resolves variables on the whole configuration). faasguard reads
YAML and JSON includes only from the service directory tree; anything else (`.js`, a path built from
another variable, an include inside a longer string) stays an unresolved variable: unknown.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from faasguard.inputs import cfn_yaml, json_lines, limits
from faasguard.model.serverless import merge_maps

MAX_INCLUDE_DEPTH = 10
_READABLE = {".yml", ".yaml", ".json"}
_INCLUDE = re.compile(
    r"""^\$\{\s*file\(\s*(?P<path>[^(){}$,]+?)\s*\)\s*(?::\s*(?P<address>[^,{}$\s]+))?\s*(?:,\s*(?P<fallback>.+?))?\s*\}$""")
_QUOTED = re.compile(r"""^(?:'([^']*)'|"([^"]*)")$""")
_MERGED_LISTS = ("functions", "resources")  # the Framework's Service.mergeArrays


@dataclass
class Configuration:
    data: dict[str, Any]
    files: list[str] = field(default_factory=list)  # the included files read, absolute
    problems: list[str] = field(default_factory=list)  # includes that could not be read
    cyclic: bool = False  # some includes include each other


class _Unreadable(Exception):
    """An include that is an error (outside the tree, does not parse, cycle, too deep)."""


class _NoValue(Exception):
    """An include that holds no value (missing file, empty file, address not set): its fallback, if any."""


def is_service(data: Any) -> bool:
    """A Serverless Framework configuration, whatever form its `provider` takes."""
    return isinstance(data, dict) and "service" in data and "provider" in data


def is_include(value: Any) -> bool:
    """A value that is exactly one `${file(...)}` variable."""
    return isinstance(value, str) and _INCLUDE.match(value) is not None


def read(data: dict[str, Any], path: Path) -> Configuration:
    """The configuration of the serverless file at `path` as the Framework reads it."""
    reader = _Reader(path)
    resolved = reader.value(data, (reader.service_file,))
    return Configuration(_normalized(resolved), list(reader.parsed), reader.problems, reader.cyclic)


class _Reader:
    def __init__(self, path: Path):
        self.service_file = path.resolve()
        self.root = self.service_file.parent
        self.parsed: dict[str, Any] = {}  # included file -> its content, each file parsed once
        self.problems: list[str] = []
        self.cyclic = False

    def value(self, value: Any, chain: tuple[Path, ...]) -> Any:
        """`value` with its includes replaced; `chain`: the files being included, outermost first."""
        if isinstance(value, dict):
            return {key: self.value(item, chain) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item, chain) for item in value]
        match = _INCLUDE.match(value) if isinstance(value, str) else None
        if match is None or Path(match["path"]).suffix not in _READABLE:
            return value
        try:
            target = self._target(match["path"], chain)
            return self.value(_at(self._content(target), match["address"]), (*chain, target))
        except _NoValue as reason:
            if match["fallback"] is not None:
                return _fallback(match["fallback"])
            self._problem(value, chain, str(reason))  # the Framework fails on it too
            return value
        except _Unreadable as reason:
            self._problem(value, chain, str(reason))
            return value

    def _target(self, written: str, chain: tuple[Path, ...]) -> Path:
        try:
            target = (self.root / written).resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop
            raise _Unreadable(f"cannot follow {written}: {exc}") from exc
        if not _within(Path(os.path.normpath(self.root / written)), self.root):
            raise _Unreadable(f"{written} is outside the directory of {self.service_file.name}")
        if not _within(target, self.root):
            raise _Unreadable(f"{written} is a link to {target}, outside the directory of {self.service_file.name}")
        if target in chain:
            self.cyclic = True
            cycle = " -> ".join(self._name(f) for f in (*chain[chain.index(target):], target))
            raise _Unreadable(f"includes form a cycle: {cycle}")
        if len(chain) > MAX_INCLUDE_DEPTH:
            raise _Unreadable(f"more than {MAX_INCLUDE_DEPTH} nested includes")
        return target

    def _content(self, target: Path) -> Any:
        key = str(target)
        if key not in self.parsed:
            self.parsed[key] = _parse(target)
        return self.parsed[key]

    def _name(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if _within(path, self.root) else str(path)

    def _problem(self, variable: str, chain: tuple[Path, ...], reason: str) -> None:
        self.problems.append(f"{variable} in {self._name(chain[-1])}: {reason}")


def _parse(target: Path) -> Any:
    if not target.exists():
        raise _NoValue(f"{target.name} does not exist")
    if not target.is_file():
        raise _Unreadable(f"{target.name} is not a file")
    try:
        # an include is read like any scanned file: size limit, depth and duplicate keys checked
        text = limits.read_text(target)
        if target.suffix == ".json":
            return json_lines.loads(text, limits.active().max_depth)
        return cfn_yaml.load(text)[0]
    except (OSError, UnicodeDecodeError) as exc:
        raise _Unreadable(f"cannot read {target.name}: {exc}") from exc
    except (ValueError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _Unreadable(f"cannot parse {target.name}: {reason}") from exc


def _at(content: Any, address: str | None) -> Any:
    """The value at a dotted address of an included file (list items by index), as the Framework
    reads it; no value is an error unless the include has a fallback."""
    value = content
    for key in address.split(".") if address else ():
        if isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            raise _NoValue(f"{address} is not set in the file")
    if value is None:
        raise _NoValue(f"{address} is not set in the file" if address else "the file is empty")
    return value


def _fallback(fallback: str) -> str:
    """A quoted fallback is its text; another one (a variable such as `self:custom.x`) is left to the
    model's variable resolution: known when it is a `${self:…}` that resolves, else unknown."""
    quoted = _QUOTED.match(fallback)
    if quoted:
        return quoted[1] if quoted[1] is not None else quoted[2]
    return fallback if fallback.startswith("${") else f"${{{fallback}}}"


def _normalized(data: dict[str, Any]) -> dict[str, Any]:
    """The Framework's own normalization: `provider: aws` is `{name: aws}`; lists of `functions` or
    `resources` maps (one per included file) are merged in order, later keys merged into earlier."""
    result = dict(data)
    if isinstance(result.get("provider"), str) and "${" not in result["provider"]:
        result["provider"] = {"name": result["provider"]}
    for key in _MERGED_LISTS:
        parts = result.get(key)
        if isinstance(parts, list) and all(isinstance(p, dict) or p is None for p in parts):
            merged: dict[str, Any] = {}
            for part in parts:
                merge_maps(merged, part or {})
            result[key] = merged
    return result


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
