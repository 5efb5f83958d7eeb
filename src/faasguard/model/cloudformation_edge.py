"""CloudFormation and SAM: WAF associations of API stages and TLS policies of custom domains (FG_01_02, FG_01_04)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
