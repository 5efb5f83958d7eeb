"""Terraform HCL: a module directory as one document in the shape conftest's HCL2 parser produces.

bc-python-hcl2 (installed by Checkov) parses each file; this module merges the files of a directory,
unwraps its one-element attribute lists, records each resource's lines, and replaces what the files
themselves settle: `var.x` with the variable's default, `local.x` with the local's value, and
`jsonencode(…)` with the JSON string Terraform would produce. Everything else stays a `"${…}"` string,
which both engines treat as unknown.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import hcl2

from faasguard.inputs.document import Document, Location
from faasguard.model.values import first_object

_META = ("__start_line__", "__end_line__")
_WHOLE = re.compile(r"^\$\{([^{}]*)\}$")
_INTERPOLATION = re.compile(r"\$\{(var|local)\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\}")
_JSONENCODE = re.compile(r"^\$\{jsonencode\((.*)\)\}$", re.DOTALL)
_MAX_DEPTH = 8


class HclError(ValueError):
    pass


def parse_file(path: Path) -> dict[str, Any]:
    try:
        return hcl2.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:  # the parser raises lark errors of many kinds
        raise HclError(f"cannot parse HCL: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc


def _unwrap(value: Any) -> Any:
    """bc-python-hcl2 wraps every attribute in a one-element list; blocks are lists of dicts."""
    if isinstance(value, dict):
        return {k: _unwrap(v) for k, v in value.items() if k not in _META}
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return [_unwrap(v) for v in value]
        if len(value) == 1:
            return _unwrap(value[0])
        return [_unwrap(v) for v in value]
    return value


class _Evaluator:
    def __init__(self, variables: dict[str, Any], locals_: dict[str, Any]):
        self.variables = variables
        self.locals = locals_

    def value(self, value: Any, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            return value
        if isinstance(value, dict):
            return {k: self.value(v, depth) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, depth) for v in value]
        if isinstance(value, str) and "${" in value:
            return self._string(value, depth)
        return value

    def _reference(self, kind: str, path: str, depth: int) -> tuple[bool, Any]:
        """`var.x` / `local.x`, or an attribute path into an object (`local.smtp.password`)."""
        name, *attributes = path.split(".")
        table = self.variables if kind == "var" else self.locals
        if name not in table:
            return False, None
        value = self.value(table[name], depth + 1)
        for attribute in attributes:
            value = first_object(value)
            if value is None or attribute not in value:
                return False, None
            value = value[attribute]
        return True, value

    def _string(self, text: str, depth: int) -> Any:
        encoded = _JSONENCODE.match(text)
        if encoded:
            try:
                literal = ast.literal_eval(encoded.group(1))
            except (ValueError, SyntaxError):
                return text
            return json.dumps(self.value(literal, depth + 1), separators=(",", ":"))
        whole = _WHOLE.match(text)
        if whole:
            kind, _, path = whole.group(1).strip().partition(".")
            if kind in ("var", "local") and re.fullmatch(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*", path):
                found, resolved = self._reference(kind, path, depth)
                return resolved if found else text
            return text

        def substitute(match: re.Match[str]) -> str:
            found, resolved = self._reference(match.group(1), match.group(2), depth)
            if found and isinstance(resolved, (str, int, float)) and not isinstance(resolved, bool):
                return str(resolved)
            return match.group(0)

        return _INTERPOLATION.sub(substitute, text)


def _merge(parsed_files: list[tuple[Path, dict[str, Any]]]) -> tuple[dict[str, Any], dict[str, Location]]:
    merged: dict[str, Any] = {}
    lines: dict[str, Location] = {}
    for path, parsed in parsed_files:
        for block_kind in ("resource", "data"):
            for entry in parsed.get(block_kind, []):
                for rtype, by_name in entry.items():
                    for name, body in by_name.items():
                        merged.setdefault(block_kind, {}).setdefault(rtype, {}).setdefault(name, []).append(_unwrap(body))
                        if block_kind == "resource":
                            lines[f"{rtype}.{name}"] = Location(
                                str(path), body.get("__start_line__", 0), body.get("__end_line__", 0)
                            )
        for block_kind in ("variable", "module", "output"):
            for entry in parsed.get(block_kind, []):
                for name, body in entry.items():
                    merged.setdefault(block_kind, {}).setdefault(name, []).append(_unwrap(body))
        for entry in parsed.get("locals", []):
            merged.setdefault("locals", []).append(_unwrap(entry))
    return merged, lines


def _evaluate(merged: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    variables = {
        name: blocks[0]["default"]
        for name, blocks in merged.get("variable", {}).items()
        if blocks and "default" in blocks[0]
    }
    variables.update(inputs)
    locals_ = {k: v for block in merged.get("locals", []) for k, v in block.items()}
    evaluator = _Evaluator(variables, locals_)
    result = dict(merged)
    for block_kind in ("resource", "data", "module"):
        if block_kind in merged:
            result[block_kind] = evaluator.value(merged[block_kind])
    return result


_MODULE_META = {"source", "version", "providers", "depends_on", "count", "for_each"}


def _settled(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_settled(v) for v in value.values())
    if isinstance(value, list):
        return all(_settled(v) for v in value)
    return not (isinstance(value, str) and "${" in value)


def module_inputs(call: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a module call that the caller's files settle: they override the module's
    variable defaults. An argument that depends on anything unknown leaves the variable unknown."""
    return {k: v for k, v in call.items() if k not in _MODULE_META and _settled(v)}


def local_module_sources(data: dict[str, Any]) -> dict[str, str]:
    """Module name -> relative source directory, for modules whose source is a local path."""
    sources = {}
    for name, blocks in data.get("module", {}).items():
        source = blocks[0].get("source") if blocks else None
        if isinstance(source, str) and source.startswith(("./", "../")):
            sources[name] = source
    return sources


def load_module(directory: Path, module_address: str = "", recurse: bool = True,
                inputs: dict[str, Any] | None = None, _seen: tuple[Path, ...] = ()) -> list[Document]:
    """The documents of a module directory (called with `inputs`) and, with `recurse`, of the local
    modules it calls."""
    files = sorted(directory.glob("*.tf"))
    merged, lines = _merge([(path, parse_file(path)) for path in files])
    data = _evaluate(merged, inputs or {})
    prefix = f"{module_address}." if module_address else ""
    if module_address:
        data["faasguard_module"] = module_address
    document = Document(
        format="terraform",
        path=str(directory),
        data=data,
        locations={f"{prefix}{rid}": loc for rid, loc in lines.items()},
        files=tuple(str(p) for p in files),
    )
    documents = [document]
    for name, source in sorted(local_module_sources(data).items()) if recurse else []:
        child = (directory / source).resolve()
        if child in _seen or not child.is_dir():
            continue  # a cycle or a missing module: nothing more to read
        call = data["module"][name][0]
        documents += load_module(child, f"{prefix}module.{name}", True, module_inputs(call),
                                 (*_seen, directory.resolve()))
    return documents
