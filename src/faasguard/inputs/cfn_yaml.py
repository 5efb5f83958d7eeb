"""Safe YAML for CloudFormation-style templates: short tags become their long JSON form.

Only the standard library constructors of yaml.SafeLoader are used, plus the CloudFormation
intrinsic tags and other tools' `!` tags (read as unknown values), so no YAML input can construct
arbitrary Python objects. The limits of inputs/limits.py are applied while composing.
"""
from __future__ import annotations

from typing import Any

import yaml

from faasguard.inputs.limits import MAX_ALIAS_NODES_VARIABLE, LimitError, Limits, active

_TAGS = (
    "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
    "Transform", "And", "Equals", "If", "Not", "Or", "Contains", "EachMemberEquals",
    "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll", "Implies", "ToJsonString", "Length", "ForEach",
)


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Guarded:
    """Composing that refuses what would make the document unsafe to use (limits.py): nesting deeper
    than the limit, aliases expanding to more nodes than the limit or to themselves, and a mapping
    key written twice (Checkov and cfn-lint refuse it; PyYAML would keep the last value)."""

    def _guard(self, limits: Limits | None) -> None:
        self.limits = limits or active()
        self._depth = 0
        self._expanded: dict[int, int] = {}  # id(node) -> the nodes it stands for, aliases expanded
        self._alias_nodes = 0
        self._merged: dict[int, dict] = {}  # id(mapping) -> the keys its merges bring in (_merged_keys)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            self._count_alias(node, event.start_mark)
            return node
        nested = isinstance(event, yaml.CollectionStartEvent)
        if nested:
            self._enter(event.start_mark)
        node = super().compose_node(parent, index)
        self._depth -= nested
        self._expanded[id(node)] = 1 + sum(self._expanded[id(child)] for child in _children(node))
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicate_keys(node, self._merged)
        return node

    def _enter(self, mark: yaml.Mark) -> None:
        self._depth += 1
        if self._depth > self.limits.max_depth:
            raise LimitError(f"line {mark.line + 1}: nested more than {self.limits.max_depth} levels deep")

    def _count_alias(self, node: yaml.Node, mark: yaml.Mark) -> None:
        if id(node) not in self._expanded:  # its anchor is still being composed: the alias is inside it
            raise LimitError(f"line {mark.line + 1}: an alias refers to a collection that contains it")
        self._alias_nodes += self._expanded[id(node)]
        if self._alias_nodes > self.limits.max_alias_nodes:
            raise LimitError(
                f"line {mark.line + 1}: aliases expand to more than {self.limits.max_alias_nodes} YAML nodes; "
                f"this file was not checked (raise the limit with --max-yaml-alias-nodes or "
                f"{MAX_ALIAS_NODES_VARIABLE})")


class CfnSafeLoader(_Guarded, yaml.SafeLoader):
    """SafeLoader that understands !Ref, !GetAtt, !Sub, !If, … and keeps keys as plain strings, composing
    with the guards of _Guarded (pure Python: used where libyaml is missing)."""

    def __init__(self, stream: str, limits: Limits | None = None):
        super().__init__(stream)
        self._guard(limits)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class CfnFastLoader(_Guarded, CParser, Composer, SafeConstructor, Resolver):
        """The same loader with libyaml scanning and parsing (most of the time of a large template) and
        the same composing in Python, so the guards, the marks and the nodes are those of CfnSafeLoader:
        the C parser's own composer is bypassed."""

        get_single_node = Composer.get_single_node
        check_node = Composer.check_node
        get_node = Composer.get_node

        def __init__(self, stream: str, limits: Limits | None = None):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._guard(limits)

    _LOADER: type = CfnFastLoader
else:
    _LOADER = CfnSafeLoader


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _refuse_duplicate_keys(node: yaml.MappingNode, merged_cache: dict[int, dict]) -> None:
    """A key written twice in one mapping, reported as cfn-lint does. A key that overrides one a
    merge (`<<: *base`) brings in is a duplicate too: cfn-lint and Checkov flatten the merge first and
    refuse the file, so reading it would let one engine judge what the other cannot."""
    lines: dict[tuple[str, str], int] = {}
    merged = _merged_keys(node, merged_cache)
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
            continue
        key, line = (key_node.tag, key_node.value), key_node.start_mark.line + 1
        if key in lines:
            raise yaml.composer.ComposerError(
                problem=f"Duplicate found {key_node.value!r} (first at line {lines[key]})",
                problem_mark=key_node.start_mark)
        if key in merged:
            first, merge_line = merged[key]
            raise yaml.composer.ComposerError(
                problem=f"Duplicate found {key_node.value!r} (first at line {first}, brought in by the merge "
                        f"`<<` at line {merge_line}; Checkov and cfn-lint refuse a key that overrides a merge)",
                problem_mark=key_node.start_mark)
        lines[key] = line


def _merged_keys(node: yaml.MappingNode, cache: dict[int, dict]) -> dict[tuple[str, str], tuple[int, int]]:
    """(tag, key) -> (the line of the key, the line of the `<<` bringing it in) for every key the
    merges of this mapping bring in, through merges of the merged mappings too. A key two merged
    mappings both bring in is refused: PyYAML keeps the last, the YAML spec and Checkov's first read
    the first, and Checkov refuses it once the anchor is merged twice. Each mapping is composed before
    any alias to it, so its entry is in `cache` (a chain of merges stays linear)."""
    if id(node) in cache:
        return cache[id(node)]
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for key_node, value_node in node.value:
        if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE_TAG):
            continue
        merge_line = key_node.start_mark.line + 1
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                continue  # PyYAML refuses a merge of anything else when it constructs the mapping
            for key, line in _own_and_merged_keys(source, cache).items():
                if key in found:
                    raise yaml.composer.ComposerError(
                        problem=f"Duplicate found {key[1]!r} (at lines {found[key][0]} and {line}, both brought in "
                                f"by merges; Checkov and cfn-lint refuse a key merged twice)",
                        problem_mark=key_node.start_mark)
                found[key] = (line, merge_line)
    cache[id(node)] = found
    return found


def _own_and_merged_keys(node: yaml.MappingNode, cache: dict[int, dict]) -> dict[tuple[str, str], int]:
    keys = {key: line for key, (line, _) in _merged_keys(node, cache).items()}
    keys.update({(key.tag, key.value): key.start_mark.line + 1 for key, _ in node.value
                 if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE_TAG})
    return keys


def _scalar_or_seq(loader: CfnSafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _construct_ref(loader: CfnSafeLoader, node: yaml.Node) -> dict[str, Any]:
    return {"Ref": _scalar_or_seq(loader, node)}


def _construct_condition(loader: CfnSafeLoader, node: yaml.Node) -> dict[str, Any]:
    return {"Condition": _scalar_or_seq(loader, node)}


def _construct_getatt(loader: CfnSafeLoader, node: yaml.Node) -> dict[str, Any]:
    value = _scalar_or_seq(loader, node)
    if isinstance(value, str):
        # !GetAtt Resource.Attribute.With.Dots -> [Resource, "Attribute.With.Dots"]
        resource, _, attribute = value.partition(".")
        value = [resource, attribute]
    return {"Fn::GetAtt": value}


def _fn(name: str):
    def construct(loader: CfnSafeLoader, node: yaml.Node) -> dict[str, Any]:
        return {f"Fn::{name}": _scalar_or_seq(loader, node)}

    return construct


def _construct_unknown_tag(loader: CfnSafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    """Another tool's tag (`!Rain::Embed file.py`): an intrinsic-like object, so the value is unknown
    to both engines, exactly as Checkov reads it. Never a Python tag: those are not `!`-prefixed."""
    return {f"Fn::{suffix}": _scalar_or_seq(loader, node)}


def _teach(loader: type) -> None:
    loader.add_constructor("!Ref", _construct_ref)
    loader.add_constructor("!Condition", _construct_condition)
    loader.add_constructor("!GetAtt", _construct_getatt)
    for name in _TAGS:
        loader.add_constructor(f"!{name}", _fn(name))
    loader.add_multi_constructor("!", _construct_unknown_tag)
    # YAML timestamps stay strings: CloudFormation and Serverless treat them as text (e.g. Version dates).
    loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


for _loader in {CfnSafeLoader, _LOADER}:
    _teach(_loader)


def load(text: str, limits: Limits | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text; return the value and the composed node tree (for line numbers). Raises
    yaml.YAMLError or LimitError (limits.py; default: the active limits)."""
    try:
        return _load(_LOADER, text, limits)
    except yaml.YAMLError:
        if _LOADER is CfnSafeLoader:
            raise
    # libyaml words some errors differently (and stops deep nesting at its own limit): a text it refuses
    # is read again by the Python parser, so a refusal reads the same with or without libyaml
    return _load(CfnSafeLoader, text, limits)


def _load(loader_class: type, text: str, limits: Limits | None) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text, limits)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node), node) if node is not None else (None, None)
    finally:
        loader.dispose()


def error_reason(exc: yaml.YAMLError) -> str:
    """What went wrong and where, on one line (PyYAML's own text spans several, quoting the source)."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    mark = exc.problem_mark or exc.context_mark
    what = ", ".join(part for part in (exc.context, exc.problem) if part)
    return f"line {mark.line + 1}, column {mark.column + 1}: {what}" if mark else what


def mapping_child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def key_lines(node: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """For a mapping node: key -> (first line of the key, last line of its value), 1-based."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key_node.value): (key_node.start_mark.line + 1, max(_last_line(value_node), key_node.start_mark.line) + 1)
        for key_node, value_node in node.value
    }


def _last_line(node: yaml.Node) -> int:
    """0-based line of the last character of a node (collections end where their last child ends)."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value:
        return _last_line(node.value[-1])
    return node.end_mark.line - (1 if node.end_mark.column == 0 and node.end_mark.line > node.start_mark.line else 0)
