"""CloudFormation and SAM: function state that outlives an invocation, and tenancy (FG_12_03, FG_12_04,
FG_12_05; docs/model.md, "Function state and tenancy"): function_settings `snap_start`
(`SnapStart.ApplyOn`), `tenant_isolation` (`TenancyConfig.TenantIsolationMode`), `tag:<key>` (`Tags`: a
CloudFormation list of Key/Value, a SAM map) and `durable_kms_key` (`DurableConfig.KMSKeyArn` set) of each
function, SAM's merged with `Globals.Function` (the /tmp size is the limits concern's
`ephemeral_storage_mb`). The twin is rego/faasguard/lib/persistence.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import persistence
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, SAM_FUNCTION, Template
from faasguard.model.cloudformation_exposure import setting, upper_text
from faasguard.model.secret_stores import key_flag
from faasguard.model.values import choice_of, is_map
from faasguard.model.views import ABSENT


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for rid, (kind, props) in functions.items():
        def add(name: str, value: Any, written: Any) -> None:
            builder.setting(persistence.FUNCTIONS, rid, "function", name, value, [rid], written)

        if props.get("SnapStart") is not None:
            add(persistence.SNAP_START, setting(template, props, "SnapStart", "ApplyOn", default="NONE",
                                                known=upper_text), props["SnapStart"])
        add(persistence.TENANT_ISOLATION, setting(template, props, "TenancyConfig", "TenantIsolationMode",
                                                  default=ABSENT, known=upper_text), props.get("TenancyConfig"))
        for key, mapping, path in _tags(template, props, kind == SAM_FUNCTION):
            add(persistence.TAG + key, setting(template, mapping, *path, default=ABSENT, known=upper_text), mapping)
        if props.get("DurableConfig") is not None:
            keys = template.alternatives_at(props, "DurableConfig", "KMSKeyArn")
            add(persistence.DURABLE_KMS_KEY, choice_of([key_flag(m, (NO_VALUE,)) for m in keys]), props["DurableConfig"])


def _tags(template: Template, props: dict[str, Any], sam: bool) -> list[tuple[str, Any, tuple[str, ...]]]:
    """(key, mapping, path of its value) of each tag with a known key: SAM's `Tags` map, CloudFormation's
    list of {Key, Value}. Values are upper-cased (tags are compared case-insensitively)."""
    tags = template.branch(props.get("Tags"))
    if sam:
        return [(str(k), props, ("Tags", k)) for k in tags] if is_map(tags) else []
    return [(key, t, ("Value",)) for t in (tags if isinstance(tags, list) else [])
            if is_map(t) and isinstance(key := template.known(t.get("Key")), str)]
