"""Recognise a parsed document's format by its content (the same test as the Rego bundle's)."""
from __future__ import annotations

from typing import Any

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
SERVERLESS_TYPES = "AWS::Serverless::"


def detect(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    if "planned_values" in data or "resource_changes" in data:
        return "terraform_plan"
    if isinstance(data.get("Resources"), dict):
        return "sam" if _is_sam(data) else "cloudformation"
    if "service" in data and isinstance(data.get("provider"), dict):
        return "serverless"
    if any(key in data for key in ("resource", "module", "data", "variable", "locals")):
        return "terraform"
    return None


def _is_sam(template: dict[str, Any]) -> bool:
    """The SAM transform is declared, or the template has AWS::Serverless::* resources without it:
    Checkov reads those (with Globals) whatever the Transform says, so both engines do too."""
    transform = template.get("Transform")
    if SAM_TRANSFORM in (transform if isinstance(transform, list) else [transform]):
        return True
    types = (resource.get("Type") for resource in template["Resources"].values() if isinstance(resource, dict))
    return any(isinstance(kind, str) and kind.startswith(SERVERLESS_TYPES) for kind in types)
