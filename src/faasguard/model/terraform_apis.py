"""Terraform modules and plans → the API views (api_operations, lambda_permissions, authorizers, cognito; docs/model.md).

Kept apart from terraform.py (the function and IAM views): SAS-2 reads APIs, authorizers, permissions
and Cognito; the twin is rego/faasguard/adapters/terraform (and plan)/apis.rego.
"""
from __future__ import annotations

from faasguard.model.builder import ViewBuilder


def add_views(index, builder: ViewBuilder) -> None:
    """Add the API views of the document to the builder."""
