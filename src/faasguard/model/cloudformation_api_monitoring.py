"""CloudFormation and SAM: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
