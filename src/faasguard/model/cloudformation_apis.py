"""CloudFormation and SAM templates → the API views (api_operations, lambda_permissions, authorizers, cognito; docs/model.md).

Kept apart from cloudformation.py (the function and IAM views): SAS-2 reads APIs, authorizers, permissions
and Cognito; the twin is rego/faasguard/adapters/cloudformation (and sam)/apis.rego.
"""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder


def add_views(template, functions: dict, builder: ViewBuilder) -> None:
    """Add the API views of the document to the builder."""
