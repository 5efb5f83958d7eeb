"""Serverless: storage settings (store_settings): buckets, queues, topics, tables, log groups, file systems, ECR repositories, deployment buckets. Not yet read (a placeholder the views() hook calls)."""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder
from faasguard.model.serverless import Service


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
