"""Safe YAML for CloudFormation-style templates: short tags become their long JSON form.

Only the standard library constructors of yaml.SafeLoader are used, plus the CloudFormation
intrinsic tags, so no YAML input can construct arbitrary Python objects.
"""
from __future__ import annotations

from typing import Any

import yaml

_TAGS = (
    "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
    "Transform", "And", "Equals", "If", "Not", "Or", "Contains", "EachMemberEquals",
    "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll", "Implies", "ToJsonString", "Length", "ForEach",
)


class CfnSafeLoader(yaml.SafeLoader):
    """SafeLoader that understands !Ref, !GetAtt, !Sub, !If, … and keeps keys as plain strings."""


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


CfnSafeLoader.add_constructor("!Ref", _construct_ref)
CfnSafeLoader.add_constructor("!Condition", _construct_condition)
CfnSafeLoader.add_constructor("!GetAtt", _construct_getatt)
for _name in _TAGS:
    CfnSafeLoader.add_constructor(f"!{_name}", _fn(_name))
# YAML timestamps stay strings: CloudFormation and Serverless treat them as text (e.g. Version dates).
CfnSafeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text; return the value and the composed node tree (for line numbers)."""
    node = yaml.compose(text, Loader=CfnSafeLoader)
    if node is None:
        return None, None
    loader = CfnSafeLoader(text)
    try:
        value = loader.construct_document(node)
    finally:
        loader.dispose()
    return value, node


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
