"""Serverless: request validators and models of REST API methods (FG_01_01; docs/model.md, "Request validation").

Each `http` event is a REST method on its function key. The Framework (api-gateway/lib/request-validator.js)
creates a model per `request.schemas` entry and one request validator that validates the body and the
parameters, for an event with `request.schemas` or with `request.parameters` (so declared required parameters
are always validated). `resources.Resources` is read as a template (cloudformation_validation). The twin is
rego/faasguard/adapters/serverless/validation.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_validation as validation
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.serverless import Service
from faasguard.model.serverless_apis import function_events, is_falsy, rest_route, api_setting, is_unsettled, lambda_logical_id
from faasguard.model.template_references import Host, note_unknown
from faasguard.model.values import UNKNOWN, is_map

_PARAMETER_PLACES = ("querystrings", "headers", "paths")


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    for event in function_events(service, builder):  # its unknowns are api_operations' already: noted once
        if event.kind == "http":
            _http_event(service, builder, event.function, event.value)
        elif not event.kind:
            note_unknown(builder, event.function, validation.VIEW, validation.BODY,
                         "an events list or entry only deployment settles may be an http event", [event.function])
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        host = Host(functions={lambda_logical_id(key): key for key in service.functions})
        validation.resource_views(Template(resources), builder, host)


def _http_event(service: Service, builder: ViewBuilder, function: str, http: Any) -> None:
    route = rest_route(service, http)
    if route is None:
        note_unknown(builder, function, validation.VIEW, validation.BODY,
                     "the method or path of an http event is set at deployment", [function])
        return
    request = api_setting(service, http, "request")
    schemas, parameters = (api_setting(service, request, key) for key in ("schemas", "parameters"))
    model = _declared(schemas)
    validator = _either(model, _declared(parameters))
    validation.add_request(builder, function, [function], validation.Request(
        route[0].upper(), route[1], model, validator, _required(service, parameters), validator))


def _declared(value: Any) -> Any:
    """A `request.schemas` / `request.parameters` map with an entry (the Framework acts on it)."""
    if is_unsettled(value):
        return UNKNOWN
    return is_map(value) and any(not is_falsy(v) for v in value.values())


def _either(a: Any, b: Any) -> Any:
    if a is True or b is True:
        return True
    return UNKNOWN if UNKNOWN in (a, b) else False


def _required(service: Service, parameters: Any) -> Any:
    """Whether a query string, header or path parameter is required (`name: true` or `{required: true}`)."""
    if is_unsettled(parameters):
        return UNKNOWN
    flags = [_parameter_required(service, value)
             for place in _PARAMETER_PLACES
             for value in _values(api_setting(service, parameters, place))]
    return validation.any_true(flags)


def _values(place: Any) -> list[Any]:
    if is_unsettled(place):
        return [UNKNOWN]
    return list(place.values()) if is_map(place) else []


def _parameter_required(service: Service, value: Any) -> Any:
    resolved = UNKNOWN if value is UNKNOWN else service.resolve(value)
    if is_map(resolved):
        resolved = api_setting(service, resolved, "required")
    return UNKNOWN if is_unsettled(resolved) else resolved is True
