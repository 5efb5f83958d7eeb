"""CloudFormation and SAM templates → the API views (api_operations, lambda_permissions, authorizers,
cognito; docs/model.md).

Kept apart from cloudformation.py (the function and IAM views): SAS-2 reads APIs, authorizers, permissions
and Cognito (docs/formats/cloudformation_apis.md); the twin is rego/faasguard/lib/cloudformation_apis, which
adapters/cloudformation/apis.rego and adapters/sam/apis.rego expose.

`resource_views` reads the plain CloudFormation types (API Gateway, Lambda permissions, Cognito) of any
Template, so that a format embedding CloudFormation resources (Serverless `resources.Resources`) reads
them the same way; `sam_apis` adds what the SAM transform generates.
"""
from __future__ import annotations

from faasguard.model import cloudformation_api_gateway, cloudformation_cognito, sam_apis
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.template_references import Host, References

__all__ = ["Host", "add_views", "resource_views"]


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the API views of the document to the builder (`functions`: logical id → (type, effective properties))."""
    refs = References(template, Host())
    resource_views(template, builder, refs.host)
    sam_apis.add_views(template, functions, builder, refs)


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The API views of the plain CloudFormation resources of a template; `host` names what the
    embedding document adds (its functions' logical ids, the authorizers its events use)."""
    refs = References(template, host)
    cloudformation_api_gateway.add_views(template, builder, refs)
    cloudformation_cognito.add_views(template, builder, refs)
