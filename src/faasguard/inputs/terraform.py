"""Terraform HCL: a module directory as one document in the shape conftest's HCL2 parser produces.

bc-python-hcl2 (installed by Checkov) parses each file; this module merges the files of a directory as
Terraform does (override files last, block by block), unwraps attribute values, records each
resource's lines, and replaces what the files themselves settle (docs/formats/terraform.md):
`var.x` with the variable's default or the module call's argument, `local.x` with the local's value,
a conditional whose condition is settled with its branch, `jsonencode(…)`, `toset(…)`, `tolist(…)`
and `tomap(…)` of settled values with their result, and a `dynamic` block whose for_each is settled
with the blocks it generates. Everything else stays a `"${…}"` string, which both engines treat as
unknown; a conditional on an unsettled condition is rewritten `${<condition> ? <a> : <b>}` with its
settled branches as JSON literals, which both engines read as alternatives.
"""
from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hcl2

from faasguard.inputs import dependencies, limits
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


def parse_file(path: Path) -> dict[str, Any]:
    """One file's blocks; HclError names the file (the error is reported on its module directory)."""
    try:
        text = limits.read_text(path)
    except OSError as exc:
        raise HclError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    except limits.LimitError as exc:
        raise HclError(f"{path.name}: {exc}") from exc
    try:
        return hcl2.loads(text)
    except Exception as exc:  # the parser raises lark errors of many kinds, RecursionError on deep nesting
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, RecursionError):
            reason = "nested too deep for the parser (a few hundred levels)"
        raise HclError(f"cannot parse HCL in {path.name}: {reason}") from exc


def is_override_file(path: str | Path) -> bool:
    """`override.tf` and `*_override.tf`: Terraform merges them into the other files' blocks."""
    name = Path(path).name
    return name == "override.tf" or name.endswith("_override.tf")


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
    argument when given, else the declared default; none when the argument is unsettled. Written
    back into the document, so the Rego adapter resolves `${var.x}` exactly as the loader did."""
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


def load_module(directory: Path, module_address: str = "", recurse: bool = True,
                inputs: dict[str, Any] | None = None, _seen: tuple[Path, ...] = ()) -> list[Document]:
    """The documents of a module directory (called with `inputs`) and, with `recurse`, of the local
    modules it calls."""
    files = sorted(directory.glob("*.tf"))
    module = _read_module(files)
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
