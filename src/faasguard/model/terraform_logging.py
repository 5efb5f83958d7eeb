"""Terraform: the log group of each function and its retention (FG_05_02)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
