"""Terraform: WAF associations of API stages and TLS policies of custom domains (FG_01_02, FG_01_04)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
