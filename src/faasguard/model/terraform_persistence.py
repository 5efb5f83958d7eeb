"""Terraform modules and plans → function state and tenancy (FG_12_03, FG_12_04, FG_12_05; docs/model.md,
"Function state and tenancy"): function_settings `snap_start` (`snap_start.apply_on`),
`tenant_isolation` (`tenancy_config.tenant_isolation_mode`, as AWS provider 6 writes it) and `tag:<key>`
(`tags`) of each aws_lambda_function. The AWS provider has no KMS key for durable functions: no
`durable_kms_key`. The twin is
rego/faasguard/lib/terraform/persistence.rego, fed by the adapters' persistence.rego.
"""
from __future__ import annotations

from faasguard.model import errors, persistence
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index
from faasguard.model.terraform_errors import block_present, block_value
from faasguard.model.values import UNKNOWN, first_object
from faasguard.model.views import ABSENT


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for function in index.of_type("aws_lambda_function"):
        address = function.address

        def add(name: str, value, written) -> None:
            builder.setting(persistence.FUNCTIONS, address, "function", name, value, [address], written)

        if block_present(function, "snap_start"):
            add(persistence.SNAP_START, errors.with_default(block_value(function, "snap_start", "apply_on"), "NONE"),
                function.as_written("snap_start"))
        add(persistence.TENANT_ISOLATION,
            errors.with_default(block_value(function, "tenancy_config", "tenant_isolation_mode"), ABSENT)
            if block_present(function, "tenancy_config") else ABSENT, function.as_written("tenancy_config"))
        tags = function.value("tags")  # HCL: a map is a one-element list of it
        if tags is UNKNOWN:
            builder.unknown(address, persistence.FUNCTIONS, "tags", function.as_written("tags"), [address])
        for key, value in persistence.tag_settings(first_object(tags)).items():
            add(key, errors.with_default(value, ABSENT), function.as_written("tags"))
