"""The API throttling and gateway response records (docs/model.md, "API throttling and gateway responses"):
api_settings `throttle_burst` / `throttle_rate` of kinds `rest_stage`, `http_stage`, `websocket_stage` (one per
place that writes the limit, `absent` when none does) and `default_4xx_response` / `default_5xx_response` of kind
`rest_api`, for the shapes people write in each format; nothing for what only deployment settles (an unknown
instead); and the same records from the Rego adapters (the real opa binary) on these documents and on every
fixture of FG_08_04, FG_10_03 and FG_10_04."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.model.throttling import limit_text
from faasguard.model.values import UNKNOWN
from tests.conftest import rego_each_document
from tests.view_parity import comparable, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_08_04", "FG_10_03", "FG_10_04")
KINDS = ("rest_stage", "http_stage", "websocket_stage", "rest_api")
SETTINGS = ("throttle_burst", "throttle_rate", "default_4xx_response", "default_5xx_response")


def _records(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.functions) for s in build(fmt, document).api_settings
            if s.kind in KINDS and s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns
            if u.view == "api_settings" and u.attribute in SETTINGS}


def _limits(resource: str, kind: str, burst: str | tuple, rate: str | tuple, functions: tuple = ()) -> set[tuple]:
    bursts = burst if isinstance(burst, tuple) else (burst,)
    rates = rate if isinstance(rate, tuple) else (rate,)
    return {*((resource, kind, "throttle_burst", b, functions) for b in bursts),
            *((resource, kind, "throttle_rate", r, functions) for r in rates)}


def _responses(resource: str, has_4xx: str, has_5xx: str, functions: tuple = ()) -> set[tuple]:
    return {(resource, "rest_api", "default_4xx_response", has_4xx, functions),
            (resource, "rest_api", "default_5xx_response", has_5xx, functions)}


def test_limit_text():
    assert [limit_text(v) for v in (5000, 12.5, 100.0, "200", "1e3", -1)] == ["5000", "12.5", "100", "200", "1000",
                                                                            "absent"]
    assert [limit_text(v) for v in (True, "fast", None, "nan")] == [UNKNOWN] * 4


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Burst": {"Type": "Number", "Default": 300}, "Rate": {"Type": "Number"},
                      "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "orders"}},
           # stage-wide limits (a parameter default; a parameter without default) beside a one-method one
           "Prod": {"Type": "AWS::ApiGateway::Stage", "Properties": {
               "RestApiId": {"Ref": "Api"}, "StageName": "prod",
               "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "ThrottlingBurstLimit": {"Ref": "Burst"},
                                   "ThrottlingRateLimit": {"Ref": "Rate"}},
                                  {"HttpMethod": "GET", "ResourcePath": "/~1orders", "ThrottlingRateLimit": 5}]}},
           # nothing written; a usage plan names it by name on its API (only a rate limit, -1 is none)
           "Bare": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Api"},
                                                                     "StageName": "bare"}},
           "Plan": {"Type": "AWS::ApiGateway::UsagePlan", "Properties": {
               "ApiStages": [{"ApiId": {"Ref": "Api"}, "Stage": "bare"}],
               "Throttle": {"RateLimit": 20, "BurstLimit": -1}}},
           # a deployment stage: StageDescription's own limits, an Fn::If between two
           "V1": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
               "RestApiId": {"Ref": "Api"}, "StageName": "v1",
               "StageDescription": {"ThrottlingBurstLimit": {"Fn::If": ["Prod", 100, 9000]},
                                    "ThrottlingRateLimit": "50"}}},
           "Ws": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "ws", "ProtocolType": "WEBSOCKET",
                                                                  "RouteSelectionExpression": "$request.body.a"}},
           "WsStage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
               "ApiId": {"Ref": "Ws"}, "StageName": "live", "DefaultRouteSettings": {"ThrottlingBurstLimit": 10}}},
           # an unknown settings map: both limits unknown
           "Http": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
               "ApiId": "abc", "StageName": "$default", "DefaultRouteSettings": {"Ref": "Stage"}}},
           "Default4xx": {"Type": "AWS::ApiGateway::GatewayResponse", "Properties": {
               "RestApiId": {"Ref": "Api"}, "ResponseType": "DEFAULT_4XX"}},
           "Other": {"Type": "AWS::ApiGateway::GatewayResponse", "Properties": {
               "RestApiId": {"Ref": "Api"}, "ResponseType": {"Ref": "Stage"}}},
       }}


def test_cloudformation_records():
    records = _records("cloudformation", CFN)
    assert {r for r in records if r[0] != "V1"} == {
        ("Prod", "rest_stage", "throttle_burst", "300", ()),
        *_limits("Bare", "rest_stage", "absent", "20"),
        ("WsStage", "websocket_stage", "throttle_burst", "10", ()), ("WsStage", "websocket_stage", "throttle_rate",
                                                                     "absent", ()),
        # DEFAULT_4XX declared; DEFAULT_5XX unknown (a response type only deployment settles)
        ("Api", "rest_api", "default_4xx_response", "true", ()),
    }
    assert {r for r in records if r[0] == "V1"} == _limits("V1", "rest_stage", ("100", "9000"), "50")
    assert _unknowns("cloudformation", CFN) == {("Prod", "throttle_rate"), ("Http", "throttle_burst"),
                                                 ("Http", "throttle_rate"), ("Api", "default_5xx_response")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Api": {"GatewayResponses": {"DEFAULT_5XX": {}}},
                "HttpApi": {"DefaultRouteSettings": {"ThrottlingBurstLimit": 50, "ThrottlingRateLimit": 25}}},
    "Resources": {
        "List": {"Type": "AWS::Serverless::Function", "Properties": {
            "Handler": "a.b", "Runtime": "python3.12", "CodeUri": "src/",
            "Events": {"Get": {"Type": "Api", "Properties": {"Path": "/o", "Method": "get"}},
                       "Hook": {"Type": "HttpApi", "Properties": {"Path": "/h", "Method": "post"}}}}},
        # a usage plan SAM creates, and one of the template naming the API's stage
        "Admin": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod", "Auth": {"UsagePlan": {"CreateUsagePlan": "PER_API",
                                                        "Throttle": {"BurstLimit": 40, "RateLimit": 20}}},
            "GatewayResponses": {"DEFAULT_4XX": {}}}},
        "Partners": {"Type": "AWS::ApiGateway::UsagePlan", "Properties": {
            "ApiStages": [{"ApiId": {"Ref": "Admin"}, "Stage": {"Ref": "Admin.Stage"}}],
            "Throttle": {"BurstLimit": 5}}},
        # NONE creates no plan
        "Internal": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod", "Auth": {"UsagePlan": {"CreateUsagePlan": "NONE", "Throttle": {"RateLimit": 1}}}}},
    }}


def test_sam_records():
    assert _records("sam", SAM_TEMPLATE) == {
        *_limits("List", "rest_stage", "absent", "absent", ("List",)),
        *_limits("List", "http_stage", "50", "25", ("List",)),
        *_responses("List", "false", "true", ("List",)),
        *_limits("Admin", "rest_stage", ("40", "5"), "20"),
        *_responses("Admin", "true", "true"),
        *_limits("Internal", "rest_stage", "absent", "absent"),
        *_responses("Internal", "false", "true"),
    }


# ---- Serverless --------------------------------------------------------------------------------------------

def _service(provider: dict, *events: dict, custom: dict | None = None, resources: dict | None = None) -> dict:
    service = {"service": "orders", "provider": {"name": "aws", "runtime": "python3.12", **provider},
               "functions": {"hello": {"handler": "h.h", "events": list(events)}}}
    if custom is not None:
        service["custom"] = custom
    if resources is not None:
        service["resources"] = resources
    return service


HTTP = {"http": {"path": "x", "method": "get"}}
HTTP_API = {"httpApi": {"path": "/y", "method": "get"}}
WEBSOCKET = {"websocket": {"route": "$default"}}


def test_serverless_defaults():
    assert _records("serverless", _service({}, HTTP, HTTP_API, WEBSOCKET)) == {
        *_limits("provider", "rest_stage", "absent", "absent"), *_limits("provider", "http_stage", "absent", "absent"),
        *_limits("provider", "websocket_stage", "absent", "absent"), *_responses("provider", "false", "false")}
    assert _records("serverless", _service({}, {"sqs": "arn:aws:sqs:us-east-1:123456789012:q"})) == set()


def test_serverless_usage_plans_plugin_and_extensions():
    service = _service({"apiGateway": {"usagePlan": [{"free": {"throttle": {"burstLimit": 10, "rateLimit": 5}}},
                                                     {"paid": {"throttle": "${self:custom.paid}"}}]}},
                       HTTP, HTTP_API, custom={"paid": {"rateLimit": 50}, "apiGatewayThrottling": {
                           "maxRequestsPerSecond": 100, "maxConcurrentRequests": 200}},
                       resources={"extensions": {"HttpApiStage": {"Properties": {"DefaultRouteSettings": {
                           "ThrottlingBurstLimit": 30, "ThrottlingRateLimit": 15}}}},
                           "Resources": {"R5": {"Type": "AWS::ApiGateway::GatewayResponse", "Properties": {
                               "RestApiId": {"Ref": "ApiGatewayRestApi"}, "ResponseType": "DEFAULT_5XX"}}}})
    assert _records("serverless", service) == {
        *_limits("provider", "rest_stage", ("10", "200"), ("5", "50", "100")),
        *_limits("provider", "http_stage", "30", "15"), *_responses("provider", "false", "true")}


def test_serverless_unresolved_usage_plan_is_unknown():
    service = _service({"apiGateway": {"usagePlan": "${ssm:/orders/plan}"}}, HTTP)
    assert _unknowns("serverless", service) == {("provider", "throttle_burst"), ("provider", "throttle_rate")}
    assert {r[2] for r in _records("serverless", service)} == {"default_4xx_response", "default_5xx_response"}


# ---- Terraform ---------------------------------------------------------------------------------------------

MODULE = '''
resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = "d1"
  stage_name    = "prod"
}
resource "aws_api_gateway_stage" "partners" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = "d1"
  stage_name    = "partners"
}
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = -1
  }
}
# by its stage name on the same API
resource "aws_api_gateway_usage_plan" "partners" {
  name = "partners"
  api_stages {
    api_id = aws_api_gateway_rest_api.orders.id
    stage  = "partners"
  }
  throttle_settings {
    rate_limit = 30
  }
}
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "live"
  default_route_settings {
    throttling_burst_limit = 10
    throttling_rate_limit  = 5
  }
}
resource "aws_api_gateway_gateway_response" "all" {
  for_each      = toset(["DEFAULT_4XX", "DEFAULT_5XX"])
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  response_type = each.value
}
resource "aws_api_gateway_rest_api" "catalog" {
  name = "catalog"
  body = jsonencode({ "x-amazon-apigateway-gateway-responses" = { DEFAULT_5XX = {} } })
}
'''

UNSETTLED = '''
variable "stage" {
  type = string
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3"
  deployment_id = "d1"
  stage_name    = "prod"
}
resource "aws_api_gateway_usage_plan" "all" {
  name = "all"
  dynamic "api_stages" {
    for_each = [var.stage]
    content {
      api_id = "a1b2c3"
      stage  = api_stages.value
    }
  }
  throttle_settings {
    burst_limit = 10
    rate_limit  = 5
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    assert _records("terraform", _module(tmp_path, MODULE)) == {
        *_limits("aws_api_gateway_stage.prod", "rest_stage", "100", "absent"),
        *_limits("aws_api_gateway_stage.partners", "rest_stage", "absent", "30"),
        *_limits("aws_apigatewayv2_stage.ws", "websocket_stage", "10", "5"),
        *_responses("aws_api_gateway_rest_api.orders", "true", "true"),
        *_responses("aws_api_gateway_rest_api.catalog", "false", "true"),
    }


def test_terraform_usage_plan_stages_only_deployment_settles(tmp_path):
    module = _module(tmp_path, UNSETTLED)
    assert _records("terraform", module) == set()
    assert _unknowns("terraform", module) == {("aws_api_gateway_stage.prod", "throttle_burst"),
                                              ("aws_api_gateway_stage.prod", "throttle_rate")}


# ---- both engines ------------------------------------------------------------------------------------------

def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading them."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE),
             ("SERVICE", "serverless", _service({"apiGateway": {"usagePlan": {"throttle": {"burstLimit": 9}}}},
                                                HTTP, HTTP_API, WEBSOCKET)),
             ("MODULE", "terraform", _module(tmp / "module", MODULE)),
             ("UNSETTLED", "terraform", _module(tmp / "unsettled", UNSETTLED))]
    return found + fixture_documents(RULES)


def _ours(record: dict) -> bool:
    return record["kind"] in KINDS and record["setting"] in SETTINGS


def test_both_engines_build_the_same_records(tmp_path):
    documents = _documents(tmp_path)
    rego = rego_each_document([d for _, _, d in documents], "data.faasguard.model.api_settings")
    disagreements = []
    for (name, fmt, document), rego_records in zip(documents, rego):
        python = {comparable(dataclasses.asdict(s)) for s in build(fmt, document).api_settings
                  if _ours(dataclasses.asdict(s))}
        theirs = {comparable(r) for r in rego_records if _ours(r)}
        if python != theirs:
            disagreements.append((name, sorted(python - theirs), sorted(theirs - python)))
    assert not disagreements, disagreements
