"""What every format's persistence records share (SAS-12; docs/model.md "Function state and tenancy"):
function_settings `snap_start`, `tenant_isolation`, `tag:<key>`, `durable_kms_key` (the /tmp size FG_12_05
also reads is faasguard.model.limits' `ephemeral_storage_mb`). The Rego twin is rego/faasguard/lib/persistence."""
from __future__ import annotations

from typing import Any

FUNCTIONS = "function_settings"
SNAP_START = "snap_start"  # ApplyOn upper-cased (PUBLISHEDVERSIONS, NONE); only where SnapStart is written
TENANT_ISOLATION = "tenant_isolation"  # the isolation mode upper-cased (PER_TENANT), `absent` unset; every function
TAG = "tag:"  # `tag:<key>` → the tag's value, one record per tag of a function
DURABLE_KMS_KEY = "durable_kms_key"  # "true" when a durable config names a KMS key; only where one is written


def tag_settings(tags: Any) -> dict[str, Any]:
    """`tag:<key>` → value of a known tags map (string keys; a value as written)."""
    return {TAG + str(k): v for k, v in tags.items()} if isinstance(tags, dict) else {}
