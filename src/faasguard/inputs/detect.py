"""Recognise a parsed document's format by its content (the same test as the Rego bundle's)."""
from __future__ import annotations

from typing import Any

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


def detect(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    if "planned_values" in data or "resource_changes" in data:
        return "terraform_plan"
    if isinstance(data.get("Resources"), dict):
        transform = data.get("Transform")
        transforms = transform if isinstance(transform, list) else [transform]
        return "sam" if SAM_TRANSFORM in transforms else "cloudformation"
    if "service" in data and isinstance(data.get("provider"), dict):
        return "serverless"
    if any(key in data for key in ("resource", "module", "data", "variable", "locals")):
        return "terraform"
    return None
