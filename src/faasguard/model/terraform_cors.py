"""Terraform modules and plans → the CORS settings of api_settings (docs/model.md "CORS settings"):
`response_parameters` of `aws_api_gateway_integration_response` / `aws_api_gateway_gateway_response`
(quoted header literals), `cors_configuration` of `aws_apigatewayv2_api`, `cors` of
`aws_lambda_function_url`, `cors_rule` of `aws_s3_bucket_cors_configuration` (and the legacy inline
`aws_s3_bucket.cors_rule`). rego/faasguard/lib/terraform/cors.rego is the twin.

A nested value is read as written (HCL, where the resource's values drop an unknown entry that would then
look absent) or as planned (after_unknown marks it UNKNOWN).
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cors
from faasguard.model.builder import ViewBuilder
from faasguard.model.cors import Cors
from faasguard.model.terraform import Index, TfResource, dynamic_block_names, hcl_value
from faasguard.model.values import UNKNOWN, Alternatives

# resource type → the prefix of its response parameters' header names
_RESPONSES = {"aws_api_gateway_integration_response": "method.response.header.",
              "aws_api_gateway_gateway_response": "gatewayresponse.header."}
# resource type → (its CORS block, its kind, (origins, credentials, methods) attributes)
_BLOCKS = {"aws_apigatewayv2_api": ("cors_configuration", cors.HTTP),
           "aws_lambda_function_url": ("cors", cors.URL)}
_BLOCK_KEYS = ("allow_origins", "allow_credentials", "allow_methods")
_BUCKETS = ("aws_s3_bucket_cors_configuration", "aws_s3_bucket")
_DYNAMIC = "a dynamic block generates the CORS configuration"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the CORS records of the document to the builder."""
    for rtype, prefix in _RESPONSES.items():
        for resource in index.of_type(rtype):
            _responses(index, builder, resource, prefix)
    for rtype, (block, kind) in _BLOCKS.items():
        for resource in index.of_type(rtype):
            records = Cors(builder, resource.address, kind)
            if _block(resource, records, block) and kind == cors.HTTP:
                records.api(resource.address)
    for rtype in _BUCKETS:
        for resource in index.of_type(rtype):
            _rules(resource, Cors(builder, resource.address, cors.BUCKET))


def _read(resource: TfResource, *path: Any) -> Any:
    """A value as the files settle it: HCL as written (a conditional → Alternatives), a plan as planned."""
    if resource.written is not None:
        return hcl_value(resource.as_written(*path))
    return resource.value(*path)


def _listed(resource: TfResource, *path: Any) -> list[tuple[Any, Any]]:
    """(value, as written) of each entry of a list attribute (a single value is one entry)."""
    whole = _read(resource, *path)
    if whole is None:
        return []
    if not isinstance(whole, list):
        return [(whole, resource.as_written(*path))]
    return [(_read(resource, *path, i), resource.as_written(*path, i)) for i in range(len(whole))]


def _blocks(resource: TfResource, records: Cors, name: str) -> list[int]:
    """The indexes of the blocks `name` (an unknown or dynamic block is recorded as unknown)."""
    blocks = _read(resource, name)
    if name in dynamic_block_names(resource.written or {}):
        records.unknown(cors.ORIGIN, _DYNAMIC)
    if blocks is UNKNOWN or isinstance(blocks, Alternatives):
        records.builder.unknown(resource.address, cors.VIEW, cors.ORIGIN, resource.as_written(name), [])
        return []
    if isinstance(blocks, dict):
        return [-1]
    return [i for i, block in enumerate(blocks) if isinstance(block, dict)] if isinstance(blocks, list) else []


def _path(name: str, i: int) -> tuple:
    return (name,) if i < 0 else (name, i)


def _block(resource: TfResource, records: Cors, name: str) -> bool:
    """The first CORS block of an HTTP API or function URL; whether one is set."""
    found = _blocks(resource, records, name)
    if not found:
        return False
    path = _path(name, found[0])
    origins, credentials, methods = _BLOCK_KEYS
    records.add_all(cors.ORIGIN, _listed(resource, *path, origins))
    records.add_all(cors.METHOD, [(cors.upper(v), w) for v, w in _listed(resource, *path, methods)])
    if _read(resource, *path, credentials) is not None:
        records.add(cors.CREDENTIALS, _read(resource, *path, credentials), resource.as_written(*path, credentials))
    return True


def _rules(resource: TfResource, records: Cors) -> None:
    for i in _blocks(resource, records, "cors_rule"):
        path = _path("cors_rule", i)
        records.rule(_listed(resource, *path, "allowed_origins"), _listed(resource, *path, "allowed_methods"))


def _responses(index: Index, builder: ViewBuilder, resource: TfResource, prefix: str) -> None:
    """The Access-Control-Allow-Origin / -Credentials headers of `response_parameters` (a map; HCL: a
    one-element list of it), and the REST API they belong to."""
    records = Cors(builder, resource.address, cors.REST)
    parameters = _read(resource, "response_parameters")
    if parameters is UNKNOWN or isinstance(parameters, Alternatives):
        builder.unknown(resource.address, cors.VIEW, cors.ORIGIN, resource.as_written("response_parameters"), [])
        return
    maps = [(("response_parameters",), parameters)] if isinstance(parameters, dict) else \
        [(("response_parameters", i), p) for i, p in enumerate(parameters if isinstance(parameters, list) else [])
         if isinstance(p, dict)]
    found = False
    for path, parameters in maps:
        for name, setting in ((cors.ORIGIN_HEADER, cors.ORIGIN), (cors.CREDENTIALS_HEADER, cors.CREDENTIALS)):
            key = cors.header(parameters, prefix, name)
            if key is not None:
                found = _header(resource, records, setting, *path, key) or found
    if found:
        records.api(min((api.address for api in index.referenced(resource, "rest_api_id", "aws_api_gateway_rest_api")),
                        default=""))


def _header(resource: TfResource, records: Cors, setting: str, *path: Any) -> bool:
    """One header's records; whether its value is one the files settle (as the Rego twin's values, which
    leave unknown entries out)."""
    value = _read(resource, *path)
    literal = cors.literal_header(value)
    if literal is UNKNOWN and value is not UNKNOWN:
        records.unknown(setting, cors.MAPPED_HEADER)
    else:
        records.add(setting, literal, resource.as_written(*path))
    return value is not UNKNOWN
