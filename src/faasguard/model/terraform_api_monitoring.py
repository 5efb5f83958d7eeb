"""Terraform: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
