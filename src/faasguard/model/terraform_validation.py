"""Terraform: request validators and models of REST API methods (FG_01_01; docs/model.md, "Request validation").

`aws_api_gateway_method` (request_validator_id → `aws_api_gateway_request_validator`, request_models,
request_parameters) on the method, and each operation of the OpenAPI `body` of an `aws_api_gateway_rest_api`
on the API, written by cloudformation_validation.add_request. A value only deployment settles, or a
conditional, is unknown. The twin is rego/faasguard/lib/terraform/validation.rego, fed by the adapters'
validation.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_validation as validation
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import (
    first_block,
    is_set,
    json_object,
    RestIntegrations,
    is_unknown_at,
    is_unknown_inside,
    functions_in,
)
from faasguard.model.template_references import note_unknown
from faasguard.model.values import UNKNOWN

VALIDATOR = "aws_api_gateway_request_validator"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    integrations = RestIntegrations(index)
    for method in index.of_type("aws_api_gateway_method"):
        verb = method.value("http_method")
        if isinstance(verb, str):
            validation.add_request(builder, method.address, integrations.functions(method),
                                   _method_request(index, method, verb.upper()))
    for api in index.of_type("aws_api_gateway_rest_api"):
        _body(index, builder, api)


def _method_request(index: Index, method: TfResource, verb: str) -> validation.Request:
    body, parameters = _validator(index, method)
    return validation.Request(verb, "", _entries(method, "request_models", _is_model, True), body,
                              _entries(method, "request_parameters", validation.flag, UNKNOWN), parameters)


def _validator(index: Index, method: TfResource) -> tuple[Any, Any]:
    """(validates body, validates parameters) of the validator the method references (provider defaults
    false); no validator when request_validator_id is unset."""
    if not is_set(method, "request_validator_id"):
        return False, False
    validators = {v.address: v for v in index.referenced(method, "request_validator_id", VALIDATOR)}
    if len(validators) != 1:
        return UNKNOWN, UNKNOWN
    validator = next(iter(validators.values()))
    return tuple(_flag(validator, attribute) for attribute in ("validate_request_body", "validate_request_parameters"))


def _flag(resource: TfResource, attribute: str) -> Any:
    value = resource.value(attribute)
    return UNKNOWN if is_unknown_at(resource, attribute) else False if value is None else validation.flag(value)


def _is_model(value: Any) -> Any:
    """A request_models entry: any model but the built-in `Empty` (one only deployment names counts)."""
    return value is not None and value != validation.EMPTY_MODEL


def _entries(method: TfResource, attribute: str, fact, unknown_entry: Any) -> Any:
    """Whether some entry of a map attribute has the fact: True, else UNKNOWN when the map is unknown,
    else the facts with `unknown_entry` for an entry only deployment settles."""
    written = method.value(attribute)
    entries = first_block(written) if isinstance(written, list) else written  # HCL: a one-map list
    if is_unknown_at(method, attribute) or (entries is not None and not isinstance(entries, dict)):
        return UNKNOWN
    facts = [fact(v) for v in (entries or {}).values() if v is not UNKNOWN]
    return validation.any_true(facts + ([unknown_entry] if is_unknown_inside(method, attribute) else []))


def _body(index: Index, builder: ViewBuilder, api: TfResource) -> None:
    """The operations of the API's JSON OpenAPI `body`, on the API."""
    body = api.value("body")
    if body is None:
        return
    document = json_object(body) if isinstance(body, str) else None
    if document is None:
        note_unknown(builder, api.address, validation.VIEW, validation.BODY,
                     "the OpenAPI body is set at deployment or is not JSON: faasguard reads JSON bodies")
        return
    for request, uri in validation.definition_requests(document):
        functions = functions_in(index, api, uri) if isinstance(uri, str) else set()
        validation.add_request(builder, api.address, functions, request)
