"""Serverless: CORS settings (api_settings) of APIs, function URLs and buckets. Not yet read (a placeholder the views() hook calls)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
