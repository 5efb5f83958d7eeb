"""Terraform: request validators and models of REST API methods (FG_01_01)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
