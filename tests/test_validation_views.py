"""The request validation records (docs/model.md, "Request validation"): api_settings of kind `rest_method …`
with `request_body_validated` / `request_parameters_validated`, for the shapes people write in each format;
nothing for what only deployment settles (an unknown instead); and the same records from the Rego adapters
(the real opa binary) on these documents and on every fixture of FG_01_01."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.fixture_cases import FIXTURES
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
BODY, PARAMETERS = "request_body_validated", "request_parameters_validated"
REQUEST_SETTINGS = {BODY, PARAMETERS}


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value) for s in build(fmt, document).api_settings
            if s.setting in REQUEST_SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.view == "api_settings"}


def _method(method: str, **props) -> dict:
    return {"Type": "AWS::ApiGateway::Method", "Properties": {
        "RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "HttpMethod": method,
        "AuthorizationType": "NONE", "Integration": {"Type": "MOCK"}, **props}}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"ValidatorId": {"Type": "String"}, "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "orders", "Body": {
               "openapi": "3.0.1",
               "x-amazon-apigateway-request-validators": {
                   "all": {"validateRequestBody": True, "validateRequestParameters": True},
                   "params": {"validateRequestParameters": "true"}},
               "x-amazon-apigateway-request-validator": "params",
               "paths": {
                   "/orders": {
                       "post": {"x-amazon-apigateway-request-validator": "all",
                                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}},
                       "put": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}},
                       "get": {"parameters": [{"name": "status", "in": "query", "required": True}]},
                       "options": {}},
                   "/orders/{id}": {
                       "parameters": [{"name": "id", "in": "path", "required": True}],
                       "delete": {"x-amazon-apigateway-request-validator": "missing"},
                       "patch": {"parameters": [{"$ref": "#/components/parameters/Version"}]}}}}}},
           "BodyValidator": {"Type": "AWS::ApiGateway::RequestValidator", "Properties": {
               "RestApiId": {"Ref": "Api"}, "ValidateRequestBody": True}},
           "BothValidator": {"Type": "AWS::ApiGateway::RequestValidator", "Properties": {
               "RestApiId": {"Ref": "Api"}, "ValidateRequestBody": "true", "ValidateRequestParameters": True}},
           "CreateOrder": _method(
               "POST", RequestValidatorId={"Ref": "BothValidator"},
               RequestModels={"application/json": {"Ref": "OrderModel"}},
               RequestParameters={"method.request.header.Idempotency-Key": True}),
           "ReplaceOrder": _method("PUT", RequestValidatorId={"Ref": "BodyValidator"},
                                   RequestModels={"application/json": "Empty"}),
           "ListOrders": _method("GET", RequestValidatorId="BodyValidator",  # conftest's plain !Ref
                                 RequestParameters={"method.request.querystring.status": True}),
           "Anything": _method("ANY"),
           "Preflight": _method("OPTIONS"),
           "Imported": _method("POST", RequestValidatorId={"Ref": "ValidatorId"},
                               RequestModels={"application/json": "OrderModel"}),
           "Chosen": _method("PATCH", RequestValidatorId={"Fn::If": ["Prod", {"Ref": "BothValidator"},
                                                                     {"Ref": "AWS::NoValue"}]},
                             RequestModels={"application/json": "OrderModel"}),
       }}


def test_cloudformation_methods_and_definition():
    assert _settings("cloudformation", CFN) == {
        ("CreateOrder", "rest_method POST", BODY, "true"),
        ("CreateOrder", "rest_method POST", PARAMETERS, "true"),
        ("ReplaceOrder", "rest_method PUT", BODY, "false"),  # the Empty model accepts anything
        ("ListOrders", "rest_method GET", PARAMETERS, "false"),  # a body-only validator
        ("Anything", "rest_method ANY", BODY, "false"),  # no validator, no model
        ("Api", "rest_method POST /orders", BODY, "true"),
        ("Api", "rest_method PUT /orders", BODY, "false"),  # the document's validator checks parameters only
        ("Api", "rest_method GET /orders", PARAMETERS, "true"),
        ("Api", "rest_method PATCH /orders/{id}", BODY, "false"),  # no request body
        ("Api", "rest_method PATCH /orders/{id}", PARAMETERS, "true"),  # the path item's required id
    }
    # a validator of another stack, one an unsettled condition picks, one the definition does not declare
    assert _unknowns("cloudformation", CFN) == {("Imported", BODY), ("Chosen", BODY),
                                                ("Api", PARAMETERS)}


def _sam_function(events: dict) -> dict:
    return {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "app.handler", "CodeUri": "src/",
                                                               "Events": events}}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.12"}},
    "Resources": {
        "OrdersApi": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod",
            "Models": {"Order": {"type": "object"}},
            "DefinitionBody": {"swagger": "2.0",
                               "x-amazon-apigateway-request-validators": {"body": {"validateRequestBody": True}},
                               "paths": {"/refunds": {"post": {
                                   "x-amazon-apigateway-request-validator": "body",
                                   "parameters": [{"in": "body", "name": "refund", "schema": {"type": "object"}}]}},
                                   "/returns": {"post": {}}}}}},
        "CreateOrder": _sam_function({
            "Create": {"Type": "Api", "Properties": {
                "RestApiId": {"Ref": "OrdersApi"}, "Path": "/orders", "Method": "post",
                "RequestModel": {"Model": "Order", "Required": True, "ValidateBody": True}}},
            "Update": {"Type": "Api", "Properties": {
                "RestApiId": {"Ref": "OrdersApi"}, "Path": "/orders/{id}", "Method": "put",
                "RequestModel": {"Model": "Order", "Required": True}}},  # a model, but no validator
            "Search": {"Type": "Api", "Properties": {
                "RestApiId": {"Ref": "OrdersApi"}, "Path": "/orders", "Method": "get",
                "RequestModel": {"Model": "Order", "ValidateParameters": True},
                "RequestParameters": ["method.request.querystring.page",
                                      {"method.request.querystring.status": {"Required": True}}]}}}),
        "Webhook": _sam_function({
            "Hook": {"Type": "Api", "Properties": {"Path": "/hook", "Method": "any"}},  # the implicit API
            "Status": {"Type": "Api", "Properties": {
                "Path": "/hook", "Method": "get",
                "RequestParameters": [{"method.request.header.X-Signature": {"Required": True}}]}},
            "Queue": {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:us-east-1:123456789012:q"}}}),
        "Preflight": _sam_function({"Cors": {"Type": "Api", "Properties": {"Path": "/hook", "Method": "options"}}}),
    }}


def test_sam_events_and_definition_body():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("CreateOrder", "rest_method POST /orders", BODY, "true"),
        ("CreateOrder", "rest_method PUT /orders/{id}", BODY, "false"),
        ("CreateOrder", "rest_method GET /orders", PARAMETERS, "true"),
        ("Webhook", "rest_method ANY /hook", BODY, "false"),
        ("Webhook", "rest_method GET /hook", PARAMETERS, "false"),  # no RequestModel: no validator
        ("OrdersApi", "rest_method POST /refunds", BODY, "true"),
        ("OrdersApi", "rest_method POST /returns", BODY, "false"),
    }
    assert _unknowns("sam", SAM_TEMPLATE) == set()


@pytest.mark.parametrize("case", sorted((FIXTURES / "FG_01_01" / "sam").glob("*.yaml")), ids=lambda p: p.name)
def test_sam_events_read_as_the_transform_writes_them(case, monkeypatch):
    """The real SAM transform turns the events and DefinitionBody into OpenAPI bodies of REST APIs: read as
    CloudFormation, they validate the same methods (the records move from the functions to the APIs)."""
    from samtranslator.translator.transform import transform

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    template = load_paths([str(case)]).documents[0].data
    template["Globals"]["Function"]["CodeUri"] = "s3://artifacts/orders.zip"  # the transform wants a packaged URI

    class NoManagedPolicies:
        def load(self) -> dict:
            return {}

    transformed = transform(template, {}, NoManagedPolicies())

    def methods(fmt: str, document: dict) -> set[tuple]:
        return {(kind, setting, value) for _, kind, setting, value in _settings(fmt, document)}

    assert methods("sam", template) == methods("cloudformation", transformed)


# ---- Serverless ----------------------------------------------------------------------------------------------

SERVICE = {
    "service": "orders",
    "provider": {"name": "aws", "runtime": "nodejs20.x",
                 "apiGateway": {"request": {"schemas": {"order": {"name": "Order", "schema": {"type": "object"}}}}}},
    "custom": {"orderSchema": "order"},
    "functions": {
        "create": {"handler": "create.handler", "events": [{"http": {
            "method": "post", "path": "/orders",
            "request": {"schemas": {"application/json": "${self:custom.orderSchema}"}}}}]},
        "update": {"handler": "update.handler", "events": [{"http": "PUT orders/{id}"}]},
        "search": {"handler": "search.handler", "events": [{"http": {
            "method": "get", "path": "orders",
            "request": {"parameters": {"querystrings": {"status": True, "page": False},
                                       "headers": {"X-Tenant": {"required": True}}}}}}]},
        "hook": {"handler": "hook.handler", "events": [
            {"http": {"method": "any", "path": "hook",
                      "request": {"parameters": {"paths": {"id": "${opt:required}"}}}}},
            {"http": {"method": "post", "path": "${param:hookPath}"}},  # a path only deployment settles
            {"httpApi": "POST /events"}]},  # HTTP APIs have no request validation
    },
    "resources": {"Resources": {
        "LegacyMethod": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "RestApiId": {"Ref": "ApiGatewayRestApi"},
            "ResourceId": {"Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"]},
            "HttpMethod": "PATCH", "AuthorizationType": "NONE",
            "Integration": {"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST", "Uri": {"Fn::Sub": (
                "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                "${UpdateLambdaFunction.Arn}/invocations")}}}}}},
}


def test_serverless_http_events():
    assert _settings("serverless", SERVICE) == {
        ("create", "rest_method POST /orders", BODY, "true"),
        ("update", "rest_method PUT /orders/{id}", BODY, "false"),
        ("search", "rest_method GET /orders", PARAMETERS, "true"),  # parameters make the Framework's validator
        ("hook", "rest_method ANY /hook", BODY, "false"),  # the validator checks the body, but there is no model
        # whether `id` is required is unknown, but the Framework's validator checks parameters either way
        ("hook", "rest_method ANY /hook", PARAMETERS, "true"),
        ("LegacyMethod", "rest_method PATCH", BODY, "false"),
    }
    assert _unknowns("serverless", SERVICE) == {("hook", BODY)}  # the event whose path is unknown
    legacy = [s for s in build("serverless", SERVICE).api_settings if s.resource == "LegacyMethod"]
    assert {s.functions for s in legacy} == {("update",)}


# ---- Terraform ---------------------------------------------------------------------------------------------

MODULE = '''
variable "validator_id" {
  type = string
}
variable "strict" {
  type = bool
}
variable "page_required" {
  type = bool
}
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  body = jsonencode({
    swagger = "2.0"
    x-amazon-apigateway-request-validators = { params = { validateRequestParameters = true } }
    paths = {
      "/orders" = {
        get = {
          x-amazon-apigateway-request-validator = "params"
          parameters = [{ name = "status", in = "query", required = true, type = "string" }]
        }
        post = { parameters = [{ name = "order", in = "body", schema = { type = "object" } }] }
      }
    }
  })
}
resource "aws_api_gateway_model" "order" {
  rest_api_id  = aws_api_gateway_rest_api.api.id
  name         = "Order"
  content_type = "application/json"
  schema       = "{}"
}
resource "aws_api_gateway_request_validator" "body" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  name                  = "body"
  validate_request_body = true
}
resource "aws_api_gateway_request_validator" "chosen" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  name                  = "chosen"
  validate_request_body = var.strict ? true : false
}
resource "aws_api_gateway_method" "create" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "post"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models       = { "application/json" = aws_api_gateway_model.order.name }
}
resource "aws_api_gateway_method" "replace" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "PUT"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models       = { "application/json" = "Empty" }
}
resource "aws_api_gateway_method" "list" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "GET"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_parameters   = { "method.request.querystring.page" = var.page_required }
}
resource "aws_api_gateway_method" "imported" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "PATCH"
  authorization        = "NONE"
  request_validator_id = var.validator_id
  request_models       = { "application/json" = "Order" }
}
resource "aws_api_gateway_method" "chosen" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "ANY"
  authorization        = "NONE"
  request_validator_id = aws_api_gateway_request_validator.chosen.id
  request_models       = { "application/json" = "Order" }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_methods_and_body(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _settings("terraform", module) == {
        ("aws_api_gateway_method.create", "rest_method POST", BODY, "true"),  # a model the document names
        ("aws_api_gateway_method.replace", "rest_method PUT", BODY, "false"),
        ("aws_api_gateway_rest_api.api", "rest_method GET /orders", PARAMETERS, "true"),
        ("aws_api_gateway_rest_api.api", "rest_method POST /orders", BODY, "false"),
    }
    # a required flag, a validator and a validator flag only deployment settles
    assert _unknowns("terraform", module) == {("aws_api_gateway_method.list", PARAMETERS),
                                              ("aws_api_gateway_method.imported", BODY),
                                              ("aws_api_gateway_method.chosen", BODY)}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of FG_01_01."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(["FG_01_01"])


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("api_settings",),
                         lambda view, r: r["setting"] in REQUEST_SETTINGS) == []
