"""Serverless: function state and tenancy (FG_12_03, FG_12_04, FG_12_05; docs/model.md, "Function state
and tenancy"): function_settings `snap_start` (`functions.<f>.snapStart`: true → PUBLISHEDVERSIONS,
false → NONE), `tenant_isolation` (`functions.<f>.tenancy.mode`), and `tag:<key>` (`provider.tags` merged
with `functions.<f>.tags`, the function's winning), all on the function key. The Framework has no durable-function
KMS key: no `durable_kms_key`. The twin is rego/faasguard/adapters/serverless/persistence.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import errors, persistence
from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service
from faasguard.model.values import UNKNOWN, get_path, is_map
from faasguard.model.views import ABSENT

_SNAP_START = {True: "PUBLISHEDVERSIONS", False: "NONE"}


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    provider_tags = service.resolve(service.provider.get("tags"))
    for key, function in service.functions.items():
        def add(name: str, value: Any, written: Any) -> None:
            builder.setting(persistence.FUNCTIONS, key, "function", name, value, [key], written)

        if function.get("snapStart") is not None:
            snap = service.resolve(function["snapStart"])
            add(persistence.SNAP_START, _SNAP_START[snap] if isinstance(snap, bool) else UNKNOWN,
                function["snapStart"])
        tenancy = service.resolve(function.get("tenancy"))
        add(persistence.TENANT_ISOLATION,
            errors.with_default(service.resolve(get_path(tenancy, "mode")) if is_map(tenancy) else tenancy, ABSENT),
            function.get("tenancy"))
        own_tags = service.resolve(function.get("tags"))
        tags = {**(provider_tags if is_map(provider_tags) else {}), **(own_tags if is_map(own_tags) else {})}
        for name, value in persistence.tag_settings(tags).items():
            add(name, errors.with_default(service.resolve(value), ABSENT), value)
