"""Terraform: WAF associations of API stages and TLS policies of custom domains (FG_01_02, FG_01_04).

api_settings records (docs/model.md, "Edge settings"): each `aws_api_gateway_stage` gets `endpoint_type` (the
first `endpoint_configuration.types` entry of the REST API its `rest_api_id` references, EDGE when unset) and
`waf` (each `aws_wafv2_web_acl_association` whose `resource_arn` references it, else absent); custom domains
get `tls_policy`; a REST API's JSON `body` one `openapi_scheme` per Swagger 2 scheme. The twin is
rego/faasguard/lib/terraform/edge.rego, fed by the adapters' edge.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_edge import PUBLIC_DEFAULT, REST_TLS_DEFAULT, V2_TLS_DEFAULT, VIEW
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import json_object, is_unknown_at
from faasguard.model.terraform_exposure import setting_value
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

ASSOCIATION = "aws_wafv2_web_acl_association"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    associations = index.of_type(ASSOCIATION)
    # an association whose target only deployment settles (a variable, a module output) may name any stage
    unsettled = [a for a in associations if is_unknown_at(a, "resource_arn") and not _names_resources(index, a)]
    for stage in index.of_type("aws_api_gateway_stage"):
        _endpoint_type(index, builder, stage)
        named = sorted(a.address for a in associations if stage in index.referenced(a, "resource_arn", stage.type))
        for association in named or [UNKNOWN if unsettled else ABSENT]:
            builder.setting(VIEW, stage.address, "stage", "waf", association,
                            written=unsettled[0].as_written("resource_arn") if unsettled else None)
    for domain in index.of_type("aws_api_gateway_domain_name"):
        _tls_policy(builder, domain, ("security_policy",), REST_TLS_DEFAULT)
    for domain in index.of_type("aws_apigatewayv2_domain_name"):
        _tls_policy(builder, domain, ("domain_name_configuration", 0, "security_policy"), V2_TLS_DEFAULT)
    for api in index.of_type("aws_api_gateway_rest_api"):
        _schemes(builder, api)


def _names_resources(index: Index, resource: TfResource) -> bool:
    """Whether `resource_arn` references resources of the module (a stage, or a resource of another kind)."""
    return any(index.by_ref.get((resource.module, key)) for key in resource.refs.get("resource_arn", []))


def _endpoint_type(index: Index, builder: ViewBuilder, stage: TfResource) -> None:
    apis = index.referenced(stage, "rest_api_id", "aws_api_gateway_rest_api")
    if len(apis) != 1:
        builder.unknown_because(stage.address, VIEW, "endpoint_type",
                                "the stage's REST API is not declared in these files", [])
        return
    path = ("endpoint_configuration", 0, "types")
    builder.setting(VIEW, stage.address, "stage", "endpoint_type",
                    setting_value(apis[0], *path, default=PUBLIC_DEFAULT, known=_first_type),
                    written=apis[0].as_written(*path))


def _first_type(types: Any) -> Any:
    """The first endpoint type (HCL as the loader gives it may hold one type as a plain string)."""
    if isinstance(types, list):
        return _upper(types[0]) if types else PUBLIC_DEFAULT
    return _upper(types)


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else UNKNOWN


def _tls_policy(builder: ViewBuilder, domain: TfResource, path: tuple, default: str) -> None:
    builder.setting(VIEW, domain.address, "domain_name", "tls_policy",
                    setting_value(domain, *path, default=default, known=_upper), written=domain.as_written(*path))


def _schemes(builder: ViewBuilder, api: TfResource) -> None:
    """Swagger 2 `schemes` of a JSON body (a body only deployment settles is not read here: FG_02 notes it)."""
    body = api.value("body")
    document = json_object(body) if isinstance(body, str) else None
    schemes = document.get("schemes") if document else None
    for scheme in schemes if isinstance(schemes, list) else []:
        if isinstance(scheme, str):
            builder.setting(VIEW, api.address, "rest_api", "openapi_scheme", scheme.lower())
