"""CloudFormation and SAM templates → network_settings (docs/model.md, "Network settings"): the egress rules
of the security groups functions use (`VpcConfig.SecurityGroupIds`; SAM: merged with `Globals.Function`).

`resource_views` reads the plain CloudFormation resources of any Template (a Serverless service reads its
`resources.Resources` with it, naming its own functions as the users): a group's `SecurityGroupEgress`
entries (omitted, empty or `AWS::NoValue`: AWS's default allow-all egress, `-1 0.0.0.0/0`) and the
`AWS::EC2::SecurityGroupEgress` resources whose `GroupId` names it (records on that resource; they never
remove the default). rego/faasguard/lib/network/cloudformation.rego is the twin.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from faasguard.model import network
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, NO_VALUE_REF, Template, Undecided
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, Alternatives, is_map

GROUP = "AWS::EC2::SecurityGroup"
EGRESS = "AWS::EC2::SecurityGroupEgress"
# an egress rule's destinations (DestinationSecurityGroupId / DestinationPrefixListId name no CIDR)
CIDR_KEYS = ("CidrIp", "CidrIpv6")


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the network records of the template (`functions`: logical id → (type, effective properties))."""
    resource_views(template, builder, {rid: props.get("VpcConfig") for rid, (_, props) in functions.items()})


def resource_views(template: Template, builder: ViewBuilder, vpc_configs: dict[str, Any]) -> None:
    """The egress records of the security groups the functions use; `vpc_configs`: function id → its
    VpcConfig as written (a map with `SecurityGroupIds`)."""
    users = group_users(template, vpc_configs)
    refs = References(template, Host())
    for rid in template.of_type(GROUP):
        if rid in users:
            _inline_rules(template, builder, rid, sorted(users[rid]))
    for rid in template.of_type(EGRESS):
        props = template.properties(rid)
        functions = {f for group in refs.ids(props.get("GroupId"), GROUP) for f in users.get(group, ())}
        if functions:
            _rule(template, builder, rid, props, sorted(functions))


def group_users(template: Template, vpc_configs: dict[str, Any]) -> dict[str, set[str]]:
    """Security group logical id → the functions whose VpcConfig (through the Fn::If the template settles)
    names it."""
    refs = References(template, Host())
    users: dict[str, set[str]] = defaultdict(set)
    for function, written in vpc_configs.items():
        vpc = template.branch(written)
        if is_map(vpc):
            for group in refs.ids(vpc.get("SecurityGroupIds"), GROUP):
                users[group].add(function)
    return users


def _inline_rules(template: Template, builder: ViewBuilder, rid: str, functions: Iterable[str]) -> None:
    written = template.properties(rid).get("SecurityGroupEgress")
    rules = template.branch(written)
    if rules is None or rules == NO_VALUE_REF or rules == []:
        builder.setting(network.VIEW, rid, network.KIND, network.SETTING, " ".join(network.DEFAULT_EGRESS),
                        functions)
        return
    if rules is UNKNOWN or not isinstance(rules, list):
        network.unknown_rules(builder, rid, Undecided(written) if rules is UNKNOWN else written, functions)
        return
    for entry in rules:
        rule = template.branch(entry)
        if is_map(rule):
            _rule(template, builder, rid, rule, functions)
        elif rule != NO_VALUE_REF:
            network.unknown_rules(builder, rid, Undecided(entry) if rule is UNKNOWN else entry, functions)


def _rule(template: Template, builder: ViewBuilder, rid: str, rule: dict[str, Any], functions: Iterable[str]) -> None:
    """An egress rule (an inline entry or an AWS::EC2::SecurityGroupEgress's properties): a record per CIDR
    it sets."""
    protocol = template.value(rule.get("IpProtocol"))
    for key in CIDR_KEYS:
        cidr = template.value(rule[key]) if rule.get(key) is not None else NO_VALUE
        if cidr is not NO_VALUE:
            network.egress(builder, rid, protocol, cidr, functions,
                           (_written(rule.get("IpProtocol"), protocol), _written(rule[key], cidr)))


def _written(written: Any, value: Any) -> Any:
    """A value as written, to say why it is unknown (a choice between known values: an undecided Fn::If)."""
    return Undecided(written) if isinstance(value, Alternatives) else written
