"""Serverless Framework services → the limit records (docs/model.md, "Function limits"). As the Framework
compiles a function: `timeout` and `memorySize` are the function's own (on the function key), else the
provider's (on `provider`, for the functions without their own), else the Framework's defaults 6 s and 1024 MB
(on the function key); `reservedConcurrency`, `ephemeralStorageSize` (default 512) and `recursiveLoop` are
function keys only; the subnets are `functions.<f>.vpc.subnetIds`, else `provider.vpc.subnetIds` (a function is
attached only when security groups are set too); tags are `provider.tags` merged with `functions.<f>.tags`.
The twin is rego/faasguard/adapters/serverless/limits.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.values import UNKNOWN, is_map
from faasguard.model.views import ABSENT

# setting → (key of the function and the provider, the Framework's default)
_INHERITED = {
    limits.TIMEOUT: ("timeout", limits.SERVERLESS_TIMEOUT),
    limits.MEMORY: ("memorySize", limits.SERVERLESS_MEMORY),
}
# setting → (function key, value when unset)
_OWN = {
    limits.RESERVED: ("reservedConcurrency", ABSENT),
    limits.EPHEMERAL: ("ephemeralStorageSize", str(limits.EPHEMERAL_STORAGE)),
}


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for name, (key, default) in _INHERITED.items():
        _inherited(service, builder, name, key, str(default))
    for fkey, function in service.functions.items():
        for name, (key, unset) in _OWN.items():
            _number(service, builder, fkey, name, function.get(key), [fkey], unset)
        if function.get("recursiveLoop") is not None:
            mode = limits.members(service.resolve(function["recursiveLoop"]), limits.RECURSIVE_LOOP_DEFAULT,
                                  limits.text)
            limits.record(builder, fkey, limits.RECURSIVE_LOOP, mode, [fkey], function["recursiveLoop"])
        limits.tags(builder, fkey, service.resolve(function.get("tags")), [fkey])
    limits.tags(builder, PROVIDER, service.resolve(service.provider.get("tags")), list(service.functions))
    _subnet_records(service, builder)


def _subnet_records(service: Service, builder: ViewBuilder) -> None:
    """A function's own subnets, else the provider's (for the functions whose VPC configuration has none)."""
    provider_vpc = _vpc(service, service.provider)
    inheriting = []
    for fkey, function in service.functions.items():
        own_vpc = _vpc(service, function)
        attached = _has_groups(own_vpc, provider_vpc)
        if service.resolve(function.get("vpc")) is UNKNOWN:
            builder.unknown(fkey, limits.VIEW, limits.SUBNETS, function["vpc"], [fkey])
        elif attached and own_vpc.get("subnetIds") is None:
            inheriting.append(fkey)
        elif attached:
            _subnets(service, builder, fkey, own_vpc["subnetIds"], [fkey])
    if service.resolve(service.provider.get("vpc")) is UNKNOWN:
        builder.unknown(PROVIDER, limits.VIEW, limits.SUBNETS, service.provider["vpc"], list(service.functions))
    elif inheriting and provider_vpc.get("subnetIds") is not None:
        _subnets(service, builder, PROVIDER, provider_vpc["subnetIds"], inheriting)


def _inherited(service: Service, builder: ViewBuilder, name: str, key: str, default: str) -> None:
    """A setting a function takes from the provider when it has none of its own."""
    inheriting = []
    for fkey, function in service.functions.items():
        if function.get(key) is not None:
            _number(service, builder, fkey, name, function[key], [fkey], default)
        else:
            inheriting.append(fkey)
    provider_value = service.provider.get(key)
    if provider_value is not None and inheriting:
        _number(service, builder, PROVIDER, name, provider_value, inheriting, default)
    elif inheriting:
        for fkey in inheriting:
            limits.record(builder, fkey, name, default, [fkey])


def _number(service: Service, builder: ViewBuilder, resource: str, name: str, written: Any, functions: list[str],
            unset: str) -> None:
    limits.record(builder, resource, name, limits.members(service.resolve(written), unset, limits.whole_number),
                  functions, written)


def _vpc(service: Service, owner: dict[str, Any]) -> dict[str, Any]:
    vpc = service.resolve(owner.get("vpc"))
    return vpc if is_map(vpc) else {}


def _has_groups(own_vpc: dict[str, Any], provider_vpc: dict[str, Any]) -> bool:
    """The Framework sets a VpcConfig only when both security groups and subnets are set."""
    return own_vpc.get("securityGroupIds") is not None or provider_vpc.get("securityGroupIds") is not None


def _subnets(service: Service, builder: ViewBuilder, resource: str, written: Any, functions: list[str]) -> None:
    listed = service.resolve(written)
    count = limits.count_of(listed) if isinstance(listed, list) else UNKNOWN
    if limits.attached(count):
        limits.record(builder, resource, limits.SUBNETS, count, functions, written)
