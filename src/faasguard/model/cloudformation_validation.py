"""CloudFormation and SAM: request validators and models of REST API methods (FG_01_01)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
