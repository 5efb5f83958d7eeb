"""CloudFormation and SAM: request validators and models of REST API methods (FG_01_01; docs/model.md,
"Request validation").

One `Request` per REST method says whether API Gateway validates what the method accepts: the body (a
request validator with body validation and a request model) and its required parameters (a validator with
parameter validation). `add_request` writes it as api_settings records of kind `rest_method <METHOD> <path>`.
The format-neutral parts (`Request`, `add_request`, `definition_requests` for OpenAPI bodies) are shared by
terraform_validation and serverless_validation. rego/faasguard/lib/validation is the twin.

Read here: `AWS::ApiGateway::Method` (RequestValidatorId → `AWS::ApiGateway::RequestValidator`,
RequestModels, RequestParameters), the OpenAPI `Body` of `AWS::ApiGateway::RestApi`, and SAM's `Api` events
(RequestModel, RequestParameters, on the function) and `AWS::Serverless::Api.DefinitionBody` (on the API).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faasguard.model import openapi
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE_REF, Template
from faasguard.model.sam_apis import sam_events, declared_apis
from faasguard.model.template_references import Host, References, is_true, note_unknown
from faasguard.model.values import UNKNOWN, get_path, is_map

VIEW = "api_settings"
BODY = "request_body_validated"
PARAMETERS = "request_parameters_validated"
# the HTTP methods whose requests carry a body API Gateway can validate
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "ANY"})
EMPTY_MODEL = "Empty"  # API Gateway's built-in model: its schema accepts any body
REST_API = "AWS::ApiGateway::RestApi"
REST_METHOD = "AWS::ApiGateway::Method"
VALIDATOR = "AWS::ApiGateway::RequestValidator"
VALIDATORS_KEY = "x-amazon-apigateway-request-validators"
VALIDATOR_KEY = "x-amazon-apigateway-request-validator"
_PARAMETER_PLACES = frozenset({"query", "header", "path"})
_UNSETTLED = "the request validator, models or parameters of the method are set at deployment"


@dataclass(frozen=True)
class Request:
    """What a REST method accepts and validates: each fact True, False or UNKNOWN."""

    method: str  # upper-cased, ANY for any method
    path: str
    model: Any  # a request model (not `Empty`) is set
    validates_body: Any  # its validator validates the body
    required_parameters: Any  # it declares a required parameter
    validates_parameters: Any  # its validator validates parameters


def _both(a: Any, b: Any) -> Any:
    if a is False or b is False:
        return False
    return UNKNOWN if UNKNOWN in (a, b) else True


def _parameters_validated(request: Request) -> Any:
    """None when no parameter is required; UNKNOWN when that or the validator is unknown."""
    if request.required_parameters is False or request.validates_parameters is True:
        return None if request.required_parameters is False else True
    return request.validates_parameters if request.required_parameters is True else UNKNOWN


def add_request(builder: ViewBuilder, resource: str, functions: Any, request: Request) -> None:
    """The records of a method (OPTIONS, the CORS preflight, is not judged)."""
    if request.method == "OPTIONS":
        return
    kind = f"rest_method {request.method} {request.path}".rstrip()
    values = {BODY: _both(request.model, request.validates_body) if request.method in BODY_METHODS else None,
              PARAMETERS: _parameters_validated(request)}
    for setting, value in values.items():
        if value is UNKNOWN:
            note_unknown(builder, resource, VIEW, setting, f"{_UNSETTLED} ({kind})", functions)
        elif value is not None:
            builder.setting(VIEW, resource, kind, setting, value, functions)


def any_true(facts: list[Any]) -> Any:
    """True when some fact is True, else UNKNOWN when some is unknown, else False."""
    return True if True in facts else UNKNOWN if UNKNOWN in facts else False


def flag(value: Any) -> Any:
    """A known boolean (true, "true", "False"); UNKNOWN for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return UNKNOWN


# --- OpenAPI definitions --------------------------------------------------------------------------

def _validator_flags(definition: dict[str, Any], name: Any) -> tuple[Any, Any]:
    """(validates body, validates parameters) of the validator a name picks; no name is no validator."""
    if name is None:
        return False, False
    validator = get_path(definition, VALIDATORS_KEY, name) if isinstance(name, str) else None
    if not is_map(validator):
        return UNKNOWN, UNKNOWN
    return (flag(validator.get("validateRequestBody", False)),
            flag(validator.get("validateRequestParameters", False)))


def _listed_parameters(item: dict[str, Any], operation: dict[str, Any]) -> list[Any]:
    return [p for source in (item, operation) for p in (source.get("parameters") or [])] \
        if all(isinstance(s.get("parameters") or [], list) for s in (item, operation)) else [UNKNOWN]


def _definition_model(operation: dict[str, Any], parameters: list[Any]) -> bool:
    """An OpenAPI 3 `requestBody` with content, or a Swagger 2 `in: body` parameter with a schema."""
    body = operation.get("requestBody")
    if is_map(body) and (body.get("$ref") is not None or is_map(body.get("content")) and body["content"]):
        return True
    return any(is_map(p) and p.get("in") == "body" and p.get("schema") is not None for p in parameters)


def _definition_required(parameters: list[Any]) -> Any:
    """Whether a query, header or path parameter is required (`$ref` parameters: unknown)."""
    if any(is_map(p) and p.get("in") in _PARAMETER_PLACES and p.get("required") is True for p in parameters):
        return True
    return UNKNOWN if any(not is_map(p) or "$ref" in p for p in parameters) else False


def _raw_operation(item: dict[str, Any], method: str) -> Any:
    return next((v for k, v in item.items() if isinstance(k, str) and openapi.method_name(k) == method), None)


def definition_requests(definition: dict[str, Any]) -> list[tuple[Request, Any]]:
    """(Request, integration URI as written) of each operation of an OpenAPI definition; the operation's
    `x-amazon-apigateway-request-validator`, else the document's, names the validator."""
    found = []
    default = definition.get(VALIDATOR_KEY)
    for operation in openapi.operations(definition):
        item = get_path(definition, "paths", operation.path)
        raw = _raw_operation(item, operation.method) if is_map(item) else None
        if not is_map(raw):
            found.append((Request(operation.method, operation.path, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN), None))
            continue
        body, parameters = _validator_flags(definition, raw.get(VALIDATOR_KEY, default))
        listed = _listed_parameters(item, raw)
        found.append((Request(operation.method, operation.path, _definition_model(raw, listed), body,
                              _definition_required(listed), parameters), operation.integration_uri))
    return found


def add_definition(template: Template, builder: ViewBuilder, refs: References, api: str, body: Any,
                   elsewhere: Any) -> None:
    """The methods of an API's inline definition, on the API (a definition in another file is unknown)."""
    if body is None:
        if elsewhere is not None:
            note_unknown(builder, api, VIEW, BODY, "the OpenAPI definition is in another file, which is not read")
        return
    definition = template.branch(body)
    if not is_map(definition):
        note_unknown(builder, api, VIEW, BODY, "the OpenAPI definition is chosen or included at deployment")
        return
    for request, uri in definition_requests(definition):
        add_request(builder, api, refs.functions(uri), request)


# --- CloudFormation -------------------------------------------------------------------------------

def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views (`functions`: logical id → (type, effective properties))."""
    resource_views(template, builder)
    refs = References(template, Host())
    for event in sam_events(functions):
        if event.kind == "rest":
            method, path = event.call()
            add_request(builder, event.function, [event.function], _event_request(template, method, path, event.props))
    for api in declared_apis(template):
        if api.kind == "rest":
            add_definition(template, builder, refs, api.id, api.props.get("DefinitionBody"),
                           api.props.get("DefinitionUri"))


def resource_views(template: Template, builder: ViewBuilder, host: Host = Host()) -> None:
    """The records of the plain CloudFormation resources of a template (a Serverless service reads its
    `resources.Resources` with it)."""
    refs = References(template, host)
    for rid in template.of_type(REST_METHOD):
        props = template.properties(rid)
        method = template.known(props.get("HttpMethod"))
        if isinstance(method, str):
            add_request(builder, rid, refs.functions(get_path(props, "Integration", "Uri")),
                        _method_request(template, refs, method.upper(), props))
    for rid in template.of_type(REST_API):
        props = template.properties(rid)
        add_definition(template, builder, refs, rid, props.get("Body"), props.get("BodyS3Location"))


def _unset(value: Any) -> bool:
    return value is None or value == NO_VALUE_REF


def _validator(template: Template, refs: References, written: Any) -> tuple[Any, Any]:
    """(validates body, validates parameters) of the RequestValidator a method names (AWS defaults false)."""
    if _unset(template.branch(written)):
        return False, False
    validator = refs.one(written, VALIDATOR)
    if validator is None:
        return UNKNOWN, UNKNOWN
    props = template.properties(validator)
    return tuple(flag(template.known(props.get(key, False)) if key in props else False)
                 for key in ("ValidateRequestBody", "ValidateRequestParameters"))


def _models(template: Template, written: Any) -> Any:
    """Whether RequestModels names a model other than `Empty` (a reference to a model counts)."""
    models = template.branch(written)
    if _unset(models):
        return False
    if not is_map(models):
        return UNKNOWN
    return any(template.known(m) != EMPTY_MODEL for m in models.values())


def _required(template: Template, written: Any) -> Any:
    """Whether RequestParameters marks a parameter required (`true`)."""
    parameters = template.branch(written)
    if _unset(parameters):
        return False
    if not is_map(parameters):
        return UNKNOWN
    return any_true([flag(template.known(v)) for v in parameters.values()])


def _method_request(template: Template, refs: References, method: str, props: dict[str, Any]) -> Request:
    body, parameters = _validator(template, refs, props.get("RequestValidatorId"))
    return Request(method, "", _models(template, props.get("RequestModels")), body,
                   _required(template, props.get("RequestParameters")), parameters)


# --- SAM events -----------------------------------------------------------------------------------

def _event_request(template: Template, method: str, path: str, props: dict[str, Any]) -> Request:
    """SAM adds a model for RequestModel.Model, and a validator only when ValidateBody or
    ValidateParameters is set (the other one false)."""
    model = template.branch(props.get("RequestModel"))
    name = model.get("Model") if is_map(model) else None
    has_model = not _unset(name)
    body, parameters = ((flag(template.known(model.get(key, False))) for key in ("ValidateBody", "ValidateParameters"))
                        if has_model else (False, False))
    return Request(method, path, has_model, body, _event_required(template, props.get("RequestParameters")),
                   parameters)


def _event_required(template: Template, written: Any) -> Any:
    """RequestParameters entries: a name (not required) or `{name: {Required: true}}`."""
    if _unset(template.branch(written)):
        return False
    entries = [template.branch(e) for e in template.entries(written)]
    if any(not isinstance(e, (str, dict)) for e in entries) or template.branch(written) is UNKNOWN:
        return UNKNOWN
    return any_true([flag(template.known(settings.get("Required", False))) if is_map(settings) else UNKNOWN
                     for entry in entries if is_map(entry) for settings in entry.values()])
