"""Serverless: secret stores and function KMS keys (secret_settings, function_settings). Not yet read (a placeholder the views() hook calls)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
