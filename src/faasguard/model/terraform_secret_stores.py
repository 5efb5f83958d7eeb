"""Terraform: secret stores and function KMS keys (secret_settings, function_settings). Not yet read (a placeholder the views() hook calls)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
