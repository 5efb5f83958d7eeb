"""Terraform: state machine logging and tracing, alarms, CloudTrail data events (FG_05_05 … FG_05_07)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
