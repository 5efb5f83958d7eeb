"""Terraform modules and plans: code signing and layers of functions (FG_06_02, FG_06_03), the
function_settings records of docs/model.md "Code sources" (cloudformation_code_sources names them).
The twin is rego/faasguard/lib/terraform/code_sources.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_code_sources import (
    DEFAULT_POLICY,
    DOCUMENT,
    EXTERNAL,
    FUNCTION,
    OWN_ACCOUNT,
    VIEW,
    layer_value,
)
from faasguard.model.terraform import Index, TfResource, reference_keys
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

CONFIG_TYPE = "aws_lambda_code_signing_config"
LAYER_TYPE = "aws_lambda_layer_version"
PERMISSION_TYPE = "aws_lambda_layer_version_permission"


def add_views(index: Index, builder: ViewBuilder) -> None:
    linked: dict[str, list[str]] = {}
    for function in index.of_type("aws_lambda_function"):
        _code_signing(index, builder, function, linked)
        _layers(index, builder, function)
    for config in index.of_type(CONFIG_TYPE):
        builder.setting(VIEW, config.address, "code_signing_config", "untrusted_artifact_on_deployment",
                        _policy(config), linked.get(config.address, []))
    for permission in index.of_type(PERMISSION_TYPE):
        for attribute in ("principal", "organization_id"):
            value = permission.value(attribute)
            builder.setting(VIEW, permission.address, "layer_permission", f"layer_{attribute}",
                            ABSENT if value is None else value, [], permission.as_written(attribute))


def _code_signing(index: Index, builder: ViewBuilder, function: TfResource, linked: dict[str, list[str]]) -> None:
    """`code_signing_config` of a zip function: the config it references, else absent or external."""
    if function.value("package_type") == "Image":
        return
    configs = index.referenced(function, "code_signing_config_arn", CONFIG_TYPE)
    for config in configs:
        linked.setdefault(config.address, []).append(function.address)
    if configs:
        value: Any = min(c.address for c in configs)
    else:
        written = function.value("code_signing_config_arn")
        value = ABSENT if written is None else UNKNOWN if written is UNKNOWN else EXTERNAL
    builder.setting(VIEW, function.address, FUNCTION, "code_signing_config", value, [function.address],
                    function.as_written("code_signing_config_arn"))


def _policy(config: TfResource) -> Any:
    """policies.untrusted_artifact_on_deployment, Warn when the block is left out."""
    policies = config.value("policies")
    if policies is UNKNOWN:
        return UNKNOWN
    path = ("policies", 0) if isinstance(policies, list) and policies else ("policies",)  # a block or a list of them
    if not isinstance(config.value(*path), dict):
        return DEFAULT_POLICY
    value = config.value(*path, "untrusted_artifact_on_deployment")
    return DEFAULT_POLICY if value is None else value


def _layers(index: Index, builder: ViewBuilder, function: TfResource) -> None:
    address = function.address
    for value, written in _layer_entries(index, function):
        builder.setting(VIEW, address, FUNCTION, "layer", value, [address], written)


def _layer_entries(index: Index, function: TfResource) -> list[tuple[Any, Any]]:
    """(value, as written) of each entry of `layers`: HCL reads the entries as written, a plan their
    values (an unknown one is a layer of the configuration when the expression references one)."""
    if function.written is not None:
        written = function.as_written("layers")
        if isinstance(written, str):  # the HCL parser writes a one-entry list as its entry
            written = [written]
        # a known value of another shape (a number, a map: Terraform rejects it) lists no layer
        entries = written if isinstance(written, list) else []
        return [(_hcl_entry(index, function, e), e) for e in entries if isinstance(e, str)]
    # a plan marks the whole list unknown as soon as one entry is (its configuration keeps only the
    # references, not the literal entries): the layers are then unknown
    values = function.value("layers")
    if values is UNKNOWN:
        return [(UNKNOWN, UNKNOWN)]
    own = _caller_accounts(index)
    return [(OWN_ACCOUNT if _account(v) in own else layer_value(v), v) if isinstance(v, str) else (UNKNOWN, UNKNOWN)
            for v in values or []]


def _caller_accounts(index: Index) -> set[str]:
    """The deploying account a plan read (data.aws_caller_identity.account_id)."""
    return {a for d in index.of_type("data.aws_caller_identity") if isinstance(a := d.value("account_id"), str)}


def _account(arn: str) -> str | None:
    parts = arn.split(":")
    return parts[4] if len(parts) > 4 else None


def _hcl_entry(index: Index, function: TfResource, entry: str) -> Any:
    keys = reference_keys(entry) if "${" in entry else []
    if any(t.type == LAYER_TYPE for key in keys for t in index.by_ref.get((function.module, key), [])):
        return DOCUMENT
    return layer_value(entry)
