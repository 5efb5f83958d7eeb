"""Serverless: container images, ECR scanning and runtime management of functions (FG_06_04, FG_06_05)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
