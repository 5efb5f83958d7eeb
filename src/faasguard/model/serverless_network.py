"""Serverless Framework services → network_settings (docs/model.md, "Network settings"): the egress rules of
the security groups of `resources.Resources` the functions use, read as in a template
(cloudformation_network.resource_views). A function's `SecurityGroupIds` are, as the Framework compiles them,
`functions.<f>.vpc.securityGroupIds`, else `provider.vpc.securityGroupIds` (variables resolved). The twin is
rego/faasguard/adapters/serverless/network.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_network
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.values import is_map


def add_views(service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    if not is_map(resources):
        return
    provider = _group_ids(service, service.provider)
    vpc_configs = {}
    for key, function in service.functions.items():
        own = _group_ids(service, function)
        vpc_configs[key] = {"SecurityGroupIds": own if own is not None else provider}
    cloudformation_network.resource_views(Template(resources), builder, vpc_configs)


def _group_ids(service, owner: dict[str, Any]) -> Any:
    """`vpc.securityGroupIds` of the provider or a function, each entry resolved; None when unset."""
    vpc = service.resolve(owner.get("vpc"))
    ids = service.resolve(vpc.get("securityGroupIds")) if is_map(vpc) else None
    return [service.resolve(entry) for entry in ids] if isinstance(ids, list) else ids
