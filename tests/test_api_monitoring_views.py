"""The API stage monitoring records (docs/model.md, "API stage monitoring"): api_settings of kind `stage`,
settings `access_log`, `execution_logging`, `metrics` and `tracing`, for the shapes people write in each format;
AWS's and the Framework's defaults where nothing is written; nothing for what only deployment settles (an unknown
instead); and the same records from the Rego adapters (the real opa binary) on these documents and on every
fixture of FG_05_03 and FG_05_04."""
from __future__ import annotations

from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_05_03", "FG_05_04")
SETTINGS = ("access_log", "execution_logging", "metrics", "tracing")
LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders"


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.choices, s.functions) for s in build(fmt, document).api_settings
            if s.kind == "stage" and s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns
            if u.view == "api_settings" and u.attribute in SETTINGS}


def _rest(resource: str, level: str, metrics: str, tracing: str, functions: tuple = ()) -> set[tuple]:
    return {(resource, "execution_logging", level, 1, functions), (resource, "metrics", metrics, 1, functions),
            (resource, "tracing", tracing, 1, functions)}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Stage": {"Type": "String"}, "Level": {"Type": "String", "Default": "info"},
                      "Description": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           # a GetAtt destination, stage-wide settings (a parameter default, lower-case) beside a one-method one
           "Prod": {"Type": "AWS::ApiGateway::Stage", "Properties": {
               "RestApiId": "a", "StageName": "prod", "TracingEnabled": "TRUE",
               "AccessLogSetting": {"DestinationArn": {"Fn::GetAtt": ["Logs", "Arn"]}},
               "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": {"Ref": "Level"},
                                   "MetricsEnabled": True},
                                  {"HttpMethod": "GET", "ResourcePath": "/~1orders", "LoggingLevel": "OFF"}]}},
           # nothing written: AWS's defaults
           "Bare": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "a", "StageName": "bare"}},
           # a deployment with StageName creates a stage; StageDescription's own settings cover every method
           "V1": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
               "RestApiId": "a", "StageName": "v1",
               "StageDescription": {"LoggingLevel": "ERROR", "TracingEnabled": True,
                                    "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*",
                                                        "MetricsEnabled": "true"}]}}},
           # without StageName, no stage
           "Plain": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "a"}},
           # a StageDescription only deployment settles
           "Unsettled": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
               "RestApiId": "a", "StageName": "u", "StageDescription": {"Ref": "Description"}}},
           # Fn::If between a destination and none: both alternatives
           "Http": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
               "ApiId": "b", "StageName": "$default",
               "AccessLogSettings": {"Fn::If": ["Prod", {"DestinationArn": LOGS}, {"Ref": "AWS::NoValue"}]}}},
           "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
       }}


def test_cloudformation_settings():
    assert _settings("cloudformation", CFN) == {
        ("Prod", "access_log", "set", 1, ()), *_rest("Prod", "INFO", "true", "true"),
        ("Bare", "access_log", "absent", 1, ()), *_rest("Bare", "OFF", "false", "false"),
        ("V1", "access_log", "absent", 1, ()), *_rest("V1", "ERROR", "true", "true"),
        ("Http", "access_log", "set", 2, ()), ("Http", "access_log", "absent", 2, ()),
    }
    assert _unknowns("cloudformation", CFN) == {("Unsettled", s) for s in SETTINGS}


def test_conftest_plain_strings_are_references():
    template = {"Parameters": {"Arn": {"Type": "String"}}, "Resources": {"Prod": {
        "Type": "AWS::ApiGateway::Stage",
        "Properties": {"RestApiId": "a", "StageName": "prod", "AccessLogSetting": {"DestinationArn": "Arn"}}}}}
    assert ("Prod", "access_log", "set", 1, ()) in _settings("cloudformation", template)


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Api": {"TracingEnabled": True,
                        "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "ERROR"}]},
                "HttpApi": {"AccessLogSettings": {"DestinationArn": LOGS}}},
    "Resources": {
        # the implicit ServerlessRestApi: Globals only, on the function
        "List": {"Type": "AWS::Serverless::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "a.b", "CodeUri": ".",
            "Events": {"Get": {"Type": "Api", "Properties": {"Path": "/orders", "Method": "get"}}}}},
        # a declared API: its own settings merged with Globals (lists concatenate)
        "Admin": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod", "AccessLogSetting": {"DestinationArn": LOGS},
            "MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "MetricsEnabled": True}]}},
        "Webhooks": {"Type": "AWS::Serverless::HttpApi", "Properties": {}},
        "Refund": {"Type": "AWS::Serverless::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "a.b", "CodeUri": ".",
            "Events": {"Post": {"Type": "Api", "Properties": {"RestApiId": {"Ref": "Admin"}, "Path": "/r",
                                                                "Method": "post"}},
                       "Hook": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "Webhooks"}}}}}},
    }}


def test_sam_settings():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("List", "access_log", "absent", 1, ("List",)), *_rest("List", "ERROR", "false", "true", ("List",)),
        ("Admin", "access_log", "set", 1, ()), *_rest("Admin", "ERROR", "true", "true"),
        ("Webhooks", "access_log", "set", 1, ()),
    }


# ---- Serverless --------------------------------------------------------------------------------------------

def _service(provider: dict, *events: dict, **extra) -> dict:
    functions = {f"f{i}": {"handler": "h.h", "events": [event]} for i, event in enumerate(events)}
    return {"service": "orders", "provider": {"name": "aws", **provider}, "functions": functions, **extra}


HTTP, HTTP_API, WEBSOCKET = {"http": {"path": "a", "method": "get"}}, {"httpApi": "GET /a"}, {"websocket": "$default"}


def test_serverless_defaults_without_logs():
    assert _settings("serverless", _service({}, HTTP, HTTP_API, WEBSOCKET)) == {
        ("provider", "access_log", "absent", 1, ()), *_rest("provider", "OFF", "false", "false")}


def test_serverless_logs_on():
    service = _service({"logs": {"restApi": True, "httpApi": True}, "apiGateway": {"metrics": True},
                        "tracing": {"apiGateway": True}}, HTTP, HTTP_API)
    assert _settings("serverless", service) == {
        ("provider", "access_log", "set", 1, ()), *_rest("provider", "INFO", "true", "true")}


def test_serverless_rest_logs_map():
    off = _service({"logs": {"restApi": {"accessLogging": False, "executionLogging": False}}}, HTTP)
    assert _settings("serverless", off) == {("provider", "access_log", "absent", 1, ()),
                                             *_rest("provider", "OFF", "false", "false")}
    level = _service({"logs": {"restApi": {"level": "${self:custom.level}"}}}, HTTP, custom={"level": "error"})
    assert _settings("serverless", level) == {("provider", "access_log", "set", 1, ()),
                                               *_rest("provider", "ERROR", "false", "false")}


def test_serverless_only_for_the_apis_the_service_has():
    assert _settings("serverless", _service({"logs": {"websocket": True}}, WEBSOCKET)) == {
        ("provider", "access_log", "set", 1, ())}
    assert _settings("serverless", _service({}, {"sqs": "arn:aws:sqs:us-east-1:123456789012:q"})) == set()


def test_serverless_unresolved_logs_are_unknown():
    service = _service({"logs": {"restApi": "${ssm:/orders/api-logs}"}}, HTTP)
    assert _unknowns("serverless", service) == {("provider", "access_log"), ("provider", "execution_logging")}


def test_serverless_embedded_resources():
    service = _service({}, {"sqs": "arn:aws:sqs:us-east-1:123456789012:q"},
                       resources={"Resources": {"Stage": CFN["Resources"]["Bare"]}})
    assert _settings("serverless", service) == {("Stage", "access_log", "absent", 1, ()),
                                                 *_rest("Stage", "OFF", "false", "false")}


# ---- Terraform ---------------------------------------------------------------------------------------------

MODULE = '''
variable "stage" {
  type = string
}
resource "aws_cloudwatch_log_group" "api" {
  name = "/aws/apigateway/orders"
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = "a1b2c3"
  deployment_id        = "d1"
  stage_name           = "prod"
  xray_tracing_enabled = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId"
  }
}
resource "aws_api_gateway_stage" "staging" {
  rest_api_id   = "a1b2c3"
  deployment_id = "d1"
  stage_name    = "staging"
}
# by reference
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = "a1b2c3"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level   = "error"
    metrics_enabled = true
  }
}
# one method only: does not cover staging
resource "aws_api_gateway_method_settings" "one" {
  rest_api_id = "a1b2c3"
  stage_name  = "staging"
  method_path = "orders/GET"
  settings {
    logging_level = "INFO"
  }
}
resource "aws_apigatewayv2_stage" "default" {
  api_id = "b1"
  name   = "$default"
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
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3"
  stage_name  = var.stage
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_settings(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _settings("terraform", module) == {
        ("aws_api_gateway_stage.prod", "access_log", "set", 1, ()),
        *_rest("aws_api_gateway_stage.prod", "ERROR", "true", "true"),
        ("aws_api_gateway_stage.staging", "access_log", "absent", 1, ()),
        *_rest("aws_api_gateway_stage.staging", "OFF", "false", "false"),
        ("aws_apigatewayv2_stage.default", "access_log", "absent", 1, ()),
    }


def test_terraform_method_settings_by_stage_name(tmp_path):
    module = _module(tmp_path, MODULE.replace("aws_api_gateway_stage.prod.stage_name", '"prod"'))
    assert ("aws_api_gateway_stage.prod", "execution_logging", "ERROR", 1, ()) in _settings("terraform", module)
    other_api = _module(tmp_path, MODULE.replace('stage_name  = aws_api_gateway_stage.prod.stage_name',
                                                 'stage_name  = "prod"').replace(
        'rest_api_id = "a1b2c3"\n  stage_name  = "prod"', 'rest_api_id = "z9"\n  stage_name  = "prod"'))
    assert ("aws_api_gateway_stage.prod", "execution_logging", "OFF", 1, ()) in _settings("terraform", other_api)


def test_terraform_stage_only_deployment_settles(tmp_path):
    module = _module(tmp_path, UNSETTLED)
    assert _settings("terraform", module) == {("aws_api_gateway_stage.prod", "access_log", "absent", 1, ()),
                                              ("aws_api_gateway_stage.prod", "tracing", "false", 1, ())}
    assert _unknowns("terraform", module) == {("aws_api_gateway_stage.prod", "execution_logging"),
                                              ("aws_api_gateway_stage.prod", "metrics")}


# ---- both engines ------------------------------------------------------------------------------------------

def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of FG_05_03 and FG_05_04."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE),
             ("SERVICE", "serverless", _service({"logs": {"restApi": {"level": "error"}}}, HTTP, HTTP_API)),
             ("MODULE", "terraform", _module(tmp / "module", MODULE)),
             ("UNSETTLED", "terraform", _module(tmp / "unsettled", UNSETTLED))]
    return found + fixture_documents(RULES)


def _ours(record: dict) -> bool:
    return record["kind"] == "stage" and record["setting"] in SETTINGS


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("api_settings",), lambda view, r: _ours(r)) == []
