"""Serverless: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
