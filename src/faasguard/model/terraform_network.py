"""Terraform modules and plans → network_settings (docs/model.md, "Network settings"): the egress rules of
the security groups functions use (`aws_lambda_function.vpc_config[0].security_group_ids` references).

A group's own `egress` blocks are recorded on the group; `aws_vpc_security_group_egress_rule`
(`ip_protocol`, `cidr_ipv4`, `cidr_ipv6`) and `aws_security_group_rule` of `type = "egress"` (`protocol`,
`cidr_blocks`, `ipv6_cidr_blocks`) on themselves. Terraform removes the allow-all egress rule AWS gives a
new group, so a group without egress rules has no record. The twin is rego/faasguard/lib/terraform/network.rego.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from faasguard.model import network
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at, is_unknown_inside

GROUP = "aws_security_group"
# the egress rule resources: type → (protocol attribute, [CIDR attributes, each a list or a string])
RULES = {
    "aws_vpc_security_group_egress_rule": ("ip_protocol", ("cidr_ipv4", "cidr_ipv6")),
    "aws_security_group_rule": ("protocol", ("cidr_blocks", "ipv6_cidr_blocks")),
}
BLOCK_CIDRS = ("cidr_blocks", "ipv6_cidr_blocks")


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the network records of the document to the builder."""
    users = group_users(index)
    for group in index.of_type(GROUP):
        if group.address in users:
            _group(builder, group, sorted(users[group.address]))
    for rtype, (protocol, cidrs) in RULES.items():
        for rule in index.of_type(rtype):
            functions = {f for g in index.referenced(rule, "security_group_id", GROUP) for f in users.get(g.address, ())}
            if functions and _is_egress(builder, rule, sorted(functions)):
                _rule(builder, rule, (), protocol, cidrs, sorted(functions))


def group_users(index: Index) -> dict[str, set[str]]:
    """Security group address → the functions whose vpc_config references it."""
    users: dict[str, set[str]] = defaultdict(set)
    for function in index.of_type("aws_lambda_function"):
        for group in index.referenced(function, "vpc_config", GROUP):
            users[group.address].add(function.address)
    return users


def _is_egress(builder: ViewBuilder, rule: TfResource, functions: list[str]) -> bool:
    """An aws_security_group_rule counts when its `type` is egress (unknown: an unknown record)."""
    if rule.type != "aws_security_group_rule":
        return True
    kind = rule.value("type")
    if not isinstance(kind, str):
        network.unknown_rules(builder, rule.address, rule.as_written("type"), functions)
    return kind == "egress"


def _group(builder: ViewBuilder, group: TfResource, functions: list[str]) -> None:
    if is_unknown_at(group, "egress"):
        network.unknown_rules(builder, group.address, group.as_written("egress"), functions)
        return
    blocks = group.value("egress")
    for i, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict):
            _rule(builder, group, ("egress", i), "protocol", BLOCK_CIDRS, functions)


def _rule(builder: ViewBuilder, resource: TfResource, at: tuple, protocol: str, cidrs: Iterable[str],
          functions: list[str]) -> None:
    """The records of one egress rule: its protocol with each CIDR of its CIDR attributes (at `at`, the
    path of a group's egress block)."""
    written_protocol = resource.as_written(*at, protocol)
    known_protocol = None if is_unknown_at(resource, *at, protocol) else resource.value(*at, protocol)
    for attribute in cidrs:
        path = (*at, attribute)
        if is_unknown_at(resource, *path) or is_unknown_inside(resource, *path):
            builder.unknown(resource.address, network.VIEW, network.SETTING, resource.as_written(*path), functions)
        for cidr in _entries(None if is_unknown_at(resource, *path) else resource.value(*path)):
            network.egress(builder, resource.address, known_protocol, cidr, functions,
                           (written_protocol, resource.as_written(*path)))


def _entries(value: Any) -> list[Any]:
    """A CIDR attribute's known entries (a list, or one string)."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []
