"""CloudFormation and SAM: state machine logging and tracing, alarms, CloudTrail data events (FG_05_05 … FG_05_07)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
