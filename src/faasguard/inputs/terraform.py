"""Terraform HCL: a module directory as one document in the shape conftest's HCL2 parser produces.

bc-python-hcl2 (installed by Checkov) parses each `.tf` file, and each `.tf.json` file (Terraform's JSON
syntax) is converted to the same shape; this module merges the files of a directory as Terraform does
(override files last, block by block), unwraps attribute values, records each resource's lines, and
replaces what the files themselves settle (docs/formats/terraform.md): `var.x` with the value the
root module's variables files give it, the module call's argument or the variable's default, `local.x`
with the local's value, a conditional whose condition is settled with its branch, `jsonencode(…)`,
`toset(…)`, `tolist(…)` and `tomap(…)` of settled values with their result, and a `dynamic` block whose
for_each is settled with the blocks it generates. Everything else stays a `"${…}"` string, which both engines treat as
unknown; a conditional on an unsettled condition is rewritten `${<condition> ? <a> : <b>}` with its
settled branches as JSON literals, which both engines read as alternatives.
"""
from __future__ import annotations

import ast
import copy
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import hcl2

from faasguard.inputs import dependencies, json_lines, limits
from faasguard.inputs.document import Document, Location
from faasguard.model.terraform import VARIABLE_REFERENCES, variable_names
from faasguard.model.values import first_object

_META = ("__start_line__", "__end_line__")
# Arguments whose one value bc-python-hcl2 wraps in a list even when it is a map: unwrapped exactly,
# so `for_each = {}` stays a map and is not mistaken for a nested block.
_ARGUMENTS = ("count", "for_each", "iterator")
_LABELS = {"resource": 2, "data": 2, "variable": 1, "module": 1, "output": 1, "provider": 1}
_REFERENCE = re.compile(r"(var|local)\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)")
_INTERPOLATION = re.compile(r"\$\{(var|local)\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\}")
_CALL = re.compile(r"(jsonencode|toset|tolist|tomap)\((.*)\)", re.DOTALL)
_MAX_DEPTH = 8


class HclError(ValueError):
    pass


class _NotSettled:
    """An expression only deployment settles (internal to the evaluator)."""


NOT_SETTLED = _NotSettled()


def _read(path: Path) -> str:
    try:
        return limits.read_text(path)
    except OSError as exc:
        raise HclError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    except limits.LimitError as exc:
        raise HclError(f"{path.name}: {exc}") from exc


def _hcl(text: str, name: str) -> dict[str, Any]:
    try:
        return hcl2.loads(text)
    except Exception as exc:  # the parser raises lark errors of many kinds, RecursionError on deep nesting
        raise HclError(f"cannot parse HCL in {name}: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deep for the parser (a few hundred levels)"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _json(text: str, name: str) -> Any:
    try:
        return json_lines.loads(text, limits.active().max_depth)
    except (ValueError, RecursionError, limits.LimitError) as exc:
        raise HclError(f"cannot parse JSON in {name}: {_reason(exc)}") from exc


def parse_file(path: Path) -> dict[str, Any]:
    """One file's blocks, in bc-python-hcl2's shape also for a `.tf.json` file; HclError names the file
    (the error is reported on its module directory)."""
    text = _read(path)
    if path.name.endswith(".json"):
        return _JsonSyntax(path.name, text).file(_json(text, path.name))
    return _hcl(text, path.name)


def is_module_file(path: str | Path) -> bool:
    """A file Terraform reads as part of its module directory: `*.tf` and `*.tf.json`."""
    return Path(path).name.endswith((".tf", ".tf.json"))


def is_variables_file(path: str | Path) -> bool:
    """A variables file Terraform reads with the root module beside it: `*.tfvars`, `*.tfvars.json`."""
    return Path(path).name.endswith((".tfvars", ".tfvars.json"))


def module_files(directory: Path) -> list[Path]:
    """The files of a module directory, in name order (as Terraform reads them)."""
    return sorted([*directory.glob("*.tf"), *directory.glob("*.tf.json")])


def is_override_file(path: str | Path) -> bool:
    """`override.tf` and `*_override.tf` (`.tf.json` too): Terraform merges them into the other files' blocks."""
    name = Path(path).name
    stem = name.removesuffix(".json").removesuffix(".tf") if is_module_file(name) else ""
    return stem == "override" or stem.endswith("_override")


def _unwrap(value: Any, arguments: tuple[str, ...] = _ARGUMENTS) -> Any:
    """bc-python-hcl2 wraps every attribute in a one-element list; blocks are lists of dicts."""
    if isinstance(value, dict):
        return {k: _argument(v) if k in arguments else _unwrap(v) for k, v in value.items() if k not in _META}
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return [_unwrap(v) for v in value]
        if len(value) == 1:
            return _unwrap(value[0])
        return [_unwrap(v) for v in value]
    return value


def _argument(value: Any) -> Any:
    return value[0] if isinstance(value, list) and len(value) == 1 else _unwrap(value)


# ------------------------------------------------------------------------------- expression text


def _unquoted(expression: str) -> Iterator[tuple[int, int]]:
    """(index, bracket depth after it) of each character outside quoted strings; a closing bracket
    never opened, or a string never closed, yields depth -1 and ends the scan."""
    depth, quote, escaped = 0, "", False
    for index, char in enumerate(expression):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
            continue
        depth += (char in "([{") - (char in ")]}")
        yield index, depth
        if depth < 0:
            return
    if quote:
        yield len(expression), -1


def _top_level(expression: str) -> Iterator[int]:
    """Indexes of the characters of an expression outside brackets and quoted strings."""
    return (index for index, depth in _unquoted(expression) if depth == 0)


def _balanced(expression: str) -> bool:
    depths = [depth for _, depth in _unquoted(expression)]
    return not depths or (min(depths) >= 0 and depths[-1] == 0)


def _whole_expression(text: str) -> str | None:
    """The expression of a string that is one `${…}` interpolation, else None."""
    if text.startswith("${") and text.endswith("}") and _balanced(text[2:-1]):
        return text[2:-1].strip()
    return None


def _split_conditional(expression: str) -> tuple[str, str, str] | None:
    """(condition, true branch, false branch) of `c ? a : b` (nested conditionals stay in a branch)."""
    question, nested = None, 0
    for index in _top_level(expression):
        char = expression[index]
        if char == "?":
            if question is None:
                question = index
            else:
                nested += 1
        elif char == ":" and question is not None:
            if nested == 0:
                parts = expression[:question], expression[question + 1:index], expression[index + 1:]
                return tuple(part.strip() for part in parts)
            nested -= 1
    return None


def _split_operator(expression: str, operator: str) -> tuple[str, str] | None:
    for index in _top_level(expression):
        if expression.startswith(operator, index):
            return expression[:index].strip(), expression[index + len(operator):].strip()
    return None


def _literal(expression: str) -> Any:
    """A literal as bc-python-hcl2 writes it inside an expression (Python syntax), else NOT_SETTLED."""
    words = {"true": True, "false": False, "null": None}
    if expression in words:
        return words[expression]
    try:
        return ast.literal_eval(expression)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return NOT_SETTLED


def _settled(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_settled(v) for v in value.values())
    if isinstance(value, list):
        return all(_settled(v) for v in value)
    return not (isinstance(value, str) and "${" in value) and value is not NOT_SETTLED


def _text(value: Any, expression: str) -> str:
    """A value interpolated into a longer string: a string or a number; anything else leaves the
    `${…}` expression as it is."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return expression


def _json_scalar(value: Any) -> str | None:
    """A settled branch as the JSON literal both engines decode (model/terraform.py); else None."""
    if isinstance(value, (bool, int, float)) or value is None:
        return json.dumps(value)
    if isinstance(value, str) and "${" not in value:
        return json.dumps(value)
    return None


# ----------------------------------------------------------------------------------- evaluation


class _Evaluator:
    def __init__(self, variables: dict[str, Any], locals_: dict[str, Any]):
        self.variables = variables
        self.locals = locals_

    def value(self, value: Any, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            return value
        if isinstance(value, dict):
            return {k: self.value(v, depth) for k, v in self._expanded(value, depth).items()}
        if isinstance(value, list):
            return [self.value(v, depth) for v in value]
        if isinstance(value, str) and "${" in value:
            return self._string(value, depth)
        return value

    def _string(self, text: str, depth: int) -> Any:
        whole = _whole_expression(text)
        if whole is not None:
            found = self.expression(whole, depth)
            return text if found is NOT_SETTLED else found

        return _INTERPOLATION.sub(lambda m: _text(self._reference(m.group(1), m.group(2), depth), m.group(0)), text)

    def expression(self, expression: str, depth: int) -> Any:
        """The value of an expression (without `${}`), an expression string, or NOT_SETTLED."""
        if depth > _MAX_DEPTH:
            return NOT_SETTLED
        expression = expression.strip()
        conditional = _split_conditional(expression)
        if conditional:
            return self._conditional(*conditional, depth)
        for operator in ("==", "!="):
            sides = _split_operator(expression, operator)
            if sides:
                return self._comparison(operator, *sides, depth)
        if expression.startswith("!") and not expression.startswith("!="):
            operand = self.expression(expression[1:], depth)
            return not operand if isinstance(operand, bool) else NOT_SETTLED
        call = _CALL.fullmatch(expression)
        if call and _balanced(call.group(2)):
            return self._call(call.group(1), call.group(2), depth)
        reference = _REFERENCE.fullmatch(expression)
        if reference:
            return self._reference(reference.group(1), reference.group(2), depth)
        literal = _literal(expression)
        return NOT_SETTLED if literal is NOT_SETTLED else self.value(literal, depth + 1)

    def _reference(self, kind: str, path: str, depth: int) -> Any:
        """`var.x` / `local.x`, or an attribute path into an object (`local.smtp.password`)."""
        name, *attributes = path.split(".")
        table = self.variables if kind == "var" else self.locals
        if name not in table:
            return NOT_SETTLED
        value = self.value(table[name], depth + 1)
        for attribute in attributes:
            value = first_object(value)
            if value is None or attribute not in value:
                return NOT_SETTLED
            value = value[attribute]
        return value

    def _comparison(self, operator: str, left: str, right: str, depth: int) -> Any:
        values = [self.expression(side, depth) for side in (left, right)]
        if not all(_settled(v) for v in values):
            return NOT_SETTLED
        # values of different types are never equal in Terraform (`true == 1` is false)
        equal = isinstance(values[0], bool) == isinstance(values[1], bool) and values[0] == values[1]
        return equal == (operator == "==")

    def _conditional(self, condition: str, first: str, second: str, depth: int) -> Any:
        settled = self.expression(condition, depth)
        if isinstance(settled, bool):
            branch = first if settled else second
            found = self.expression(branch, depth)
            return "${" + branch + "}" if found is NOT_SETTLED else found
        branches = [self.expression(b, depth) for b in (first, second)]
        texts = [_json_scalar(v) or b for v, b in zip(branches, (first, second))]
        return "${" + f"{condition} ? {texts[0]} : {texts[1]}" + "}"

    def _call(self, function: str, argument: str, depth: int) -> Any:
        value = self.expression(argument, depth)
        if value is NOT_SETTLED:
            return NOT_SETTLED
        if function == "jsonencode":
            # unknown parts stay "${…}" strings inside the JSON: both engines read the known parts
            try:
                return json.dumps(value, separators=(",", ":"), allow_nan=False)
            except (TypeError, ValueError):
                return NOT_SETTLED
        if function == "tomap":
            return value if isinstance(value, dict) else NOT_SETTLED
        if not isinstance(value, list):
            return NOT_SETTLED
        return list(dict.fromkeys(value)) if function == "toset" and all(map(_hashable, value)) else value

    # ------------------------------------------------------------------------- dynamic blocks

    def _expanded(self, block: dict[str, Any], depth: int) -> dict[str, Any]:
        """A block with each `dynamic "x"` whose for_each is settled replaced by the x blocks it
        generates (appended to static x blocks); the others stay under `dynamic` (unknown)."""
        if not isinstance(block.get("dynamic"), list):
            return block
        result = {k: v for k, v in block.items() if k != "dynamic"}
        kept = []
        for entry in block["dynamic"]:
            for name, spec in (entry.items() if isinstance(entry, dict) else ()):
                items = self._for_each_items(spec.get("for_each") if isinstance(spec, dict) else None, depth)
                if items is None:
                    kept.append({name: spec})
                    continue
                static = result.get(name)
                generated = [_content(spec, name, key, item) for key, item in items]
                result[name] = [*(static if isinstance(static, list) else []), *generated]
        if kept:
            result["dynamic"] = kept
        return result

    def _for_each_items(self, for_each: Any, depth: int) -> list[tuple[Any, Any]] | None:
        """(key, value) of each element of a settled for_each; a set's key is its value."""
        whole = _whole_expression(for_each) if isinstance(for_each, str) else None
        call = _CALL.fullmatch(whole) if whole else None
        value = self.value(for_each, depth + 1)
        if isinstance(value, dict):
            return list(value.items())
        if isinstance(value, list):
            return [(v, v) for v in value] if call and call.group(1) == "toset" else list(enumerate(value))
        return None


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _content(spec: dict[str, Any], name: str, key: Any, value: Any) -> dict[str, Any]:
    """The block one element of a dynamic block generates: its content with `<iterator>.key` and
    `<iterator>.value` (or attribute paths into the value) substituted."""
    iterator = spec.get("iterator")
    iterator = (_whole_expression(iterator) if isinstance(iterator, str) else None) or name
    pattern = re.compile(r"\$\{" + re.escape(iterator) + r"\.(key|value)((?:\.[A-Za-z0-9_-]+|\[\"[^\"]*\"\])*)\}")

    def element(match: re.Match[str]) -> Any:
        found = key if match.group(1) == "key" else value
        for step in re.findall(r"\.([A-Za-z0-9_-]+)|\[\"([^\"]*)\"\]", match.group(2)):
            found = first_object(found)
            if found is None or (step[0] or step[1]) not in found:
                return NOT_SETTLED
            found = found[step[0] or step[1]]
        return found

    def substitute(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: substitute(v) for k, v in node.items()}
        if isinstance(node, list):
            return [substitute(v) for v in node]
        if not isinstance(node, str) or "${" not in node:
            return node
        whole = pattern.fullmatch(node)
        if whole:
            found = element(whole)
            return node if found is NOT_SETTLED else found

        return pattern.sub(lambda match: _text(element(match), match.group(0)), node)

    return substitute(first_object(spec.get("content")) or {})


# ------------------------------------------------------------------------ JSON syntax (.tf.json)

# The top-level blocks read from a `.tf.json` file and their number of labels (`moved`, `import`,
# `check` and `removed` blocks declare nothing the rules read)
_JSON_BLOCKS = {**_LABELS, "locals": 0, "terraform": 0}
_COMMENT = "//"  # a property Terraform ignores in a block, or among the labels above it
# Arguments written as a bare reference or type, without `${}` (`"depends_on": ["aws_iam_role.r"]`)
_BARE = {"depends_on", "provider", "providers", "ignore_changes", "replace_triggered_by", "iterator"}
# Arguments whose object or array is a value, never nested blocks
_VALUES = {*_ARGUMENTS, "tags", "value", "default"}


class _JsonSyntax:
    """A `.tf.json` file in the shape bc-python-hcl2 gives a `.tf` file: blocks as lists of bodies,
    arguments as one-element lists, a `"${…}"` expression as hcl2 writes that expression in a `.tf` file
    (hcl2 parses it), and each top-level block's lines. Without the providers' schemas an object or an
    array of objects in a block is a nested block (as Checkov reads it); a map argument read so has the
    same value once unwrapped."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text
        self._lines: dict[tuple, dict[str, tuple[int, int]]] = {}

    def file(self, data: Any) -> dict[str, list[Any]]:
        if not isinstance(data, dict):
            raise HclError(f"{self.name}: not a JSON object of blocks")
        return {kind: [_nested(labels, body) for labels, body in self._blocks(value, (kind,), _JSON_BLOCKS[kind],
                                                                              self._top_level(kind))]
                for kind, value in data.items() if kind in _JSON_BLOCKS}

    def _blocks(self, value: Any, path: tuple, labels: int, body) -> Iterator[tuple[tuple[str, ...], Any]]:
        """(labels, body) of each block under `value`: an object per label, and at any level an array
        of such objects (several blocks)."""
        for index, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
            at = path if index is None else (*path, index)
            if not isinstance(item, dict):
                where = " ".join(str(p) for p in path if not isinstance(p, int))
                raise HclError(f"{self.name}: {where} is not a block (a JSON object)")
            if labels == 0:
                yield (), body(item, at)
                continue
            for label, inner in item.items():
                if label != _COMMENT:
                    for rest, found in self._blocks(inner, (*at, label), labels - 1, body):
                        yield (label, *rest), found

    def _top_level(self, kind: str):
        def body(item: dict[str, Any], path: tuple) -> dict[str, Any]:
            if kind in ("module", "locals"):  # arguments only (a module call's maps are not blocks)
                found = {k: [self._value(v, k in _BARE)] for k, v in item.items() if k != _COMMENT}
            elif kind == "variable":  # its default is a literal value, not a template; its type a bare type
                found = self._block({k: v for k, v in item.items() if k not in ("default", "type")}, path)
                found.update({k: [item[k] if k == "default" else self._value(item[k], True)]
                              for k in ("default", "type") if k in item})
            else:
                found = self._block(item, path)
            start, end = self._lines_of(path)
            return {**found, "__start_line__": start, "__end_line__": end}
        return body

    def _block(self, item: dict[str, Any], path: tuple) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for key, value in item.items():
            if key == _COMMENT:
                continue
            if key in ("dynamic", "provisioner"):  # nested blocks with one label
                blocks = self._blocks(value, (*path, key), 1, self._block)
                body[key] = [_nested(labels, found) for labels, found in blocks]
            elif key not in _VALUES and (isinstance(value, dict) or _objects(value)):
                body[key] = [found for _, found in self._blocks(value, (*path, key), 0, self._block)]
            else:
                body[key] = [self._value(value, key in _BARE)]
        return body

    def _value(self, value: Any, bare: bool = False) -> Any:
        if isinstance(value, dict):
            return {k: self._value(v, bare) for k, v in value.items()}
        if isinstance(value, list):
            return [self._value(v, bare) for v in value]
        if not isinstance(value, str):
            return value
        expression = value if bare else _whole_expression(value)
        if expression is None:
            return value  # literal text, or text around interpolations: kept as written
        try:
            return copy.deepcopy(_native(expression))
        except Exception as exc:  # as _hcl
            raise HclError(f"{self.name}: cannot parse the expression {value!r}: {_reason(exc)}") from None

    def _lines_of(self, path: tuple) -> tuple[int, int]:
        """The lines of the member holding a block: its last label's, or its block type's."""
        while isinstance(path[-1], int):
            path = path[:-1]
        parent = path[:-1]
        if parent not in self._lines:  # (an array in the path is named by its entries' indexes)
            self._lines[parent] = json_lines.member_lines(self.text, *parent)
        return self._lines[parent].get(path[-1], (0, 0))


def _objects(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _nested(labels: tuple[str, ...], body: Any) -> Any:
    for label in reversed(labels):
        body = {label: body}
    return body


@lru_cache(maxsize=4096)
def _native(expression: str) -> Any:
    """An expression as bc-python-hcl2 writes it when it is an argument's value in a `.tf` file."""
    parsed = hcl2.loads(f"x = {expression}\n")
    if list(parsed) != ["x"] or len(parsed["x"]) != 1:
        raise ValueError("not one expression")
    return parsed["x"][0]


# ------------------------------------------------------------------------------- module files


def _labelled(kind: str, entry: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """((labels), body) of the blocks of one kind in a parsed file's entry."""
    for first, inner in entry.items():
        if kind == "provider":  # one block per configuration of a provider: its name and alias
            alias = inner.get("alias") if isinstance(inner, dict) else None
            alias = alias[0] if isinstance(alias, list) and len(alias) == 1 else alias  # hcl2 wraps values
            yield (first, alias if isinstance(alias, str) else ""), inner
        elif _LABELS[kind] == 1:
            yield (first,), inner
        else:
            for second, body in inner.items():
                yield (first, second), body


def _override(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Terraform's merge of an override block: each argument replaces the original's, and nested
    blocks of a type (static or `dynamic`) replace all the original's blocks of that type."""
    dynamic = [d for d in override.get("dynamic") or [] if isinstance(d, dict)]
    replaced = {k for k in override if k != "dynamic"} | {name for d in dynamic for name in d}
    merged = {k: v for k, v in base.items() if k not in replaced and k != "dynamic"}
    merged.update({k: v for k, v in override.items() if k != "dynamic"})
    kept = [d for d in base.get("dynamic") or [] if isinstance(d, dict) and not replaced & set(d)]
    if kept or dynamic:
        merged["dynamic"] = kept + dynamic
    return merged


def _body(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    if kind == "module":  # a module call has arguments only (its maps are not blocks)
        return {k: _argument(v) for k, v in raw.items() if k not in _META}
    return _unwrap(raw, (*_ARGUMENTS, "default") if kind == "variable" else _ARGUMENTS)


class _Module:
    """The top-level blocks of a module's files, merged as Terraform merges them."""

    def __init__(self) -> None:
        self.blocks: dict[str, dict[tuple[str, ...], dict[str, Any]]] = {kind: {} for kind in _LABELS}
        self.locals: dict[str, Any] = {}
        self.lines: dict[str, Location] = {}

    def add(self, path: Path, parsed: dict[str, Any]) -> None:
        for kind, labels, body in self._entries(parsed):
            if labels in self.blocks[kind]:
                raise HclError(f"{path.name}: duplicate {kind} {'.'.join(labels)}")
            self.blocks[kind][labels] = _body(kind, body)
            if kind == "resource":
                self.lines[".".join(labels)] = Location(str(path), body.get("__start_line__", 0),
                                                        body.get("__end_line__", 0))
        self.locals.update(self._locals(parsed))

    def override(self, path: Path, parsed: dict[str, Any]) -> None:
        """Merge an override file: the finding on a resource stays on its original block's lines."""
        for kind, labels, body in self._entries(parsed):
            if labels not in self.blocks[kind]:
                raise HclError(f"{path.name}: {kind} {'.'.join(labels)} overrides nothing "
                               "(no other file of the module declares it)")
            self.blocks[kind][labels] = _override(self.blocks[kind][labels], _body(kind, body))
        self.locals.update(self._locals(parsed))

    @staticmethod
    def _entries(parsed: dict[str, Any]) -> Iterator[tuple[str, tuple[str, ...], dict[str, Any]]]:
        for kind in _LABELS:
            for entry in parsed.get(kind, []):
                for labels, body in _labelled(kind, entry):
                    yield kind, labels, body

    @staticmethod
    def _locals(parsed: dict[str, Any]) -> dict[str, Any]:
        return {name: _argument(value) for entry in parsed.get("locals", [])
                for name, value in entry.items() if name not in _META}

    def document(self) -> dict[str, Any]:
        """The merged module in conftest's shape (blocks as one-element lists)."""
        data: dict[str, Any] = {}
        for kind, blocks in self.blocks.items():
            for labels, body in blocks.items():
                if kind == "provider":  # conftest's shape: the configurations of a provider in one list
                    data.setdefault(kind, {}).setdefault(labels[0], []).append(body)
                    continue
                place = data.setdefault(kind, {})
                for label in labels[:-1]:
                    place = place.setdefault(label, {})
                place[labels[-1]] = [body]
        if self.locals:
            data["locals"] = [self.locals]
        return data


def _read_module(files: list[Path]) -> _Module:
    """Override files are merged after all the others, in name order (as Terraform does)."""
    parsed, problems = {}, []
    for path in files:  # every file is tried, so the error names each one Terraform would refuse
        try:
            parsed[path] = parse_file(path)
        except HclError as exc:
            problems.append(str(exc))
    if problems:
        raise HclError("; ".join(problems))
    module = _Module()
    for path in [p for p in files if not is_override_file(p)]:
        module.add(path, parsed[path])
    for path in [p for p in files if is_override_file(p)]:
        module.override(path, parsed[path])
    return module


class _Unsettled:
    """A module argument that depends on something unknown: the variable is unknown."""


UNSETTLED_ARGUMENT = _Unsettled()


def _variables(declared: dict[str, Any], inputs: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The module's variable blocks with the value the loader settles as their default: the caller's
    argument (for the root module, the variables files' value) when given, else the declared default;
    none when the argument is unsettled. Written back into the document, so the Rego adapter resolves
    `${var.x}` exactly as the loader did."""
    result = {}
    for name, blocks in declared.items():
        body = {k: v for k, v in blocks[0].items() if k != "default"}
        value = inputs[name] if name in inputs else blocks[0].get("default", UNSETTLED_ARGUMENT)
        result[name] = [body if value is UNSETTLED_ARGUMENT else {**body, "default": value}]
    return result


def _evaluate(merged: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    result = dict(merged)
    if "variable" in merged:
        result["variable"] = _variables(merged["variable"], inputs)
    variables = {name: blocks[0]["default"] for name, blocks in result.get("variable", {}).items()
                 if "default" in blocks[0]}
    locals_ = {k: v for block in merged.get("locals", []) for k, v in block.items()}
    evaluator = _Evaluator(variables, locals_)
    for block_kind in ("resource", "data", "module", "provider"):
        if block_kind in merged:
            result[block_kind] = evaluator.value(merged[block_kind])
    # which variables each resource referenced, before their values replace them (FG_07_07 reads it)
    replaced = {f"{rtype}.{name}": sorted(found) for rtype, by_name in (merged.get("resource") or {}).items()
                for name, blocks in by_name.items()
                if (found := variable_names(first_object(blocks) or {}, merged.get("locals")))}
    if replaced:
        result[VARIABLE_REFERENCES] = replaced
    return result


_MODULE_META = {"source", "version", "providers", "depends_on", "count", "for_each"}


def module_inputs(call: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a module call: they override the module's variable defaults. An argument
    that depends on anything unknown is UNSETTLED_ARGUMENT: it leaves the variable unknown."""
    return {k: v if _settled(v) else UNSETTLED_ARGUMENT for k, v in call.items() if k not in _MODULE_META}


def local_module_sources(data: dict[str, Any]) -> dict[str, str]:
    """Module name -> relative source directory, for modules whose source is a local path."""
    sources = {}
    for name, blocks in data.get("module", {}).items():
        source = blocks[0].get("source") if blocks else None
        if isinstance(source, str) and source.startswith(("./", "../")):
            sources[name] = source
    return sources


def _variables_files(directory: Path, var_files: tuple[str, ...]) -> list[Path]:
    """The variables files `terraform plan` reads for a root module, each overriding the ones before:
    terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in name order, then each -var-file."""
    named = [p for p in (directory / "terraform.tfvars", directory / "terraform.tfvars.json") if p.exists()]
    auto = [p for p in directory.glob("*.auto.tfvars*") if p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))]
    return [*named, *sorted(auto, key=lambda p: p.name), *map(Path, var_files)]


def _values_file(path: Path) -> dict[str, Any]:
    """The values of one variables file, which Terraform allows to hold literal values only."""
    text = _read(path)
    if path.name.endswith(".json"):  # its strings are literal text (one holding `${` stays unknown)
        values = _json(text, path.name)
        if not isinstance(values, dict):
            raise HclError(f"{path.name}: not a JSON object of variable values")
        return values
    values = {k: _argument(v) for k, v in _hcl(text, path.name).items() if k not in _META}
    expressions = sorted(k for k, v in values.items() if not _settled(v))
    if expressions:
        raise HclError(f"{path.name}: {', '.join(expressions)}: not a literal value (a variables file allows "
                       "no reference, function call or interpolation)")
    return values


def _variable_values(directory: Path, var_files: tuple[str, ...] = ()) -> dict[str, Any]:
    """The values the variables files give a root module's variables (a value for a variable the
    module does not declare is left unused, as Terraform leaves it)."""
    values: dict[str, Any] = {}
    problems = []
    for path in _variables_files(directory, var_files):  # every file is tried, so the error names each
        try:
            values.update(_values_file(path))
        except HclError as exc:
            problems.append(str(exc))
    if problems:
        raise HclError("; ".join(problems))
    return values


def load_module(directory: Path, module_address: str = "", recurse: bool = True,
                inputs: dict[str, Any] | None = None, _seen: tuple[Path, ...] = (),
                var_files: tuple[str, ...] = ()) -> list[Document]:
    """The documents of a module directory and, with `recurse`, of the local modules it calls. A called
    module's variables take the call's arguments (`inputs`); the root module's (no `module_address`)
    the values of its variables files and `var_files` (`-var-file`), as `terraform plan` gives them."""
    files = module_files(directory)
    module = _read_module(files)
    if not module_address:
        inputs = _variable_values(directory, var_files)
    data = _evaluate(module.document(), inputs or {})
    prefix = f"{module_address}." if module_address else ""
    if module_address:
        data["faasguard_module"] = module_address
    dependencies.attach("terraform", str(directory), data)  # the manifests of the code it deploys
    document = Document(
        format="terraform",
        path=str(directory),
        data=data,
        locations={f"{prefix}{rid}": loc for rid, loc in module.lines.items()},
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
