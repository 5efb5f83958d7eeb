"""Line ranges of the members of an object in a JSON text (where a finding in a JSON file points).

`json.loads` keeps no positions, so the text is read once more: one pass over its tokens, linear in
its size. A string is one token, escapes included, so braces, brackets and quotes inside strings
never count as structure. The text is expected to be valid JSON (it was parsed first).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from faasguard.inputs.limits import LimitError

# a string (with its escapes), a structural character, or any other scalar (number, true, null)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass
class _Container:
    is_object: bool
    on_path: bool  # the keys leading to this container are a prefix of the wanted path
    depth: int  # how many keys lead to it
    slot: str | int | None = None  # the member key (object) or entry index (array) being read
    key_line: int = 0
    expects_key: bool = True


def _tokens(text: str):
    """(line, token) of each structural token and string of a JSON text, in one linear pass."""
    line, position = 1, 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        yield line, match.group()


def member_lines(text: str, *path: str) -> dict[str, tuple[int, int]]:
    """For the object at `path` (keys from the top-level object; none for the top level itself): each
    member's key → (line of the key, line where its value ends), 1-based. {} when there is none."""
    found: dict[str, tuple[int, int]] = {}
    stack: list[_Container] = []
    for line, token in _tokens(text):
        if token in ("{", "["):
            stack.append(_child(stack, token == "{", path))
        elif token in ("}", "]"):
            stack.pop()
            _value_ended(stack, path, line, found)
        elif token == ",":
            _next_slot(stack[-1])
        elif token != ":":
            top = stack[-1] if stack else None
            if top is not None and top.is_object and top.expects_key:
                top.slot, top.key_line, top.expects_key = json.loads(token), line, False
            else:
                _value_ended(stack, path, line + token.count("\n"), found)
    return found


def _child(stack: list[_Container], is_object: bool, path: tuple[str, ...]) -> _Container:
    if not stack:
        return _Container(is_object, True, 0, slot=None if is_object else 0)
    parent = stack[-1]
    on_path = parent.on_path and parent.depth < len(path) and parent.slot == path[parent.depth]
    return _Container(is_object, on_path, parent.depth + 1, slot=None if is_object else 0)


def _next_slot(container: _Container) -> None:
    if container.is_object:
        container.expects_key = True
    elif isinstance(container.slot, int):
        container.slot += 1


def _value_ended(stack: list[_Container], path: tuple[str, ...], line: int, found: dict) -> None:
    """A member's value ended on `line`: record it when its container is the wanted object."""
    container = stack[-1] if stack else None
    if container is not None and container.is_object and container.on_path and container.depth == len(path):
        found[str(container.slot)] = (container.key_line, line)


def loads(text: str, max_depth: int) -> object:
    """`json.loads` within the limits of `refuse_unsafe`. The C parser reads the text; only a text it
    flags (a duplicate key, nesting past the limit, broken JSON) gets the slower token pass that names
    the line, so a plan of many megabytes is not walked token by token in Python."""
    duplicate = False

    def keep_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal duplicate
        members = dict(pairs)
        duplicate = duplicate or len(members) != len(pairs)
        return members

    try:
        data = json.loads(text, object_pairs_hook=keep_pairs)
    except (RecursionError, ValueError):
        refuse_unsafe(text, max_depth)  # a limit, with its line, before the parser's own reason
        raise
    if duplicate or _deeper_than(data, max_depth):
        refuse_unsafe(text, max_depth)
    return data


def _deeper_than(value: object, max_depth: int) -> bool:
    """Whether containers nest more than `max_depth` levels (iteratively: no recursion on hostile depth)."""
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        container, depth = stack.pop()
        if depth > max_depth:
            return True
        children = container.values() if isinstance(container, dict) else container
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def refuse_unsafe(text: str, max_depth: int) -> None:
    """Raise LimitError for JSON nested deeper than `max_depth` (json.loads would exhaust the stack)
    or an object with a key written twice (json.loads keeps the last; cfn-lint and Checkov refuse
    it). Runs before parsing, so it tolerates broken JSON and leaves reporting it to json.loads."""
    objects: list[dict[str, int] | None] = []  # per open container: an object's keys and their lines; None for an array
    expects_key = False
    for line, token in _tokens(text):
        if token in ("{", "["):
            if len(objects) >= max_depth:
                raise LimitError(f"line {line}: nested more than {max_depth} levels deep")
            objects.append({} if token == "{" else None)
        elif token in ("}", "]") and objects:
            objects.pop()
        elif expects_key and token.startswith('"'):
            _add_key(objects[-1], token, line)
        expects_key = token in ("{", ",") and bool(objects) and objects[-1] is not None


def _add_key(keys: dict[str, int], token: str, line: int) -> None:
    if token in keys:
        raise LimitError(f"line {line}: Duplicate found {token[1:-1]!r} (first at line {keys[token]})")
    keys[token] = line
