"""Serverless Framework services → the trigger views (event_sources, source_policies; docs/model.md): which bucket, topic,
queue or stream invokes each function, and the resource policies of those sources.

The twin is rego/faasguard/adapters/serverless/triggers.rego.
"""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder


def add_views(service, builder: ViewBuilder) -> None:
    """Add the trigger views of the document to the builder."""
