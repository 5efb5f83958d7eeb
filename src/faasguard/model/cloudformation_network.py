"""Cloudformation: security groups of functions (network_settings). Not yet read (a placeholder the views() hook calls)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
