"""CloudFormation and SAM: the dependency manifests of the folders functions deploy from (FG_06_06)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
