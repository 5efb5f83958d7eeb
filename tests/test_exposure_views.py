"""The exposure records (docs/model.md, "API exposure"): api_settings of APIs, stages and state machines and the
resource policies of REST APIs in source_policies, for the shapes people write in each format; nothing for what
only deployment settles (an unknown instead); and the same records from the Rego adapters (the real opa binary)
on these documents and on every fixture of the rules that read them."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.model.views import Setting, SourcePolicyStatement
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
VIEWS = ("api_settings", "source_policies")
RULES = ("FG_03_04", "FG_07_05", "FG_09_04")
INVOKE = ("execute-api:Invoke",)


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.choices) for s in build(fmt, document).api_settings
            if s.setting in EXPOSURE_SETTINGS}


def _policies(fmt: str, document: dict) -> set[SourcePolicyStatement]:
    return set(build(fmt, document).source_policies)


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.view == "api_settings"}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Trace": {"Type": "String", "Default": "true"}, "Level": {"Type": "String"},
                      "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Rest": {"Type": "AWS::ApiGateway::RestApi", "Properties": {
               "Name": "rest", "DisableExecuteApiEndpoint": {"Fn::If": ["Prod", True, False]},
               "Policy": {"Statement": [
                   {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke"},
                   {"Effect": "Deny", "Principal": {"AWS": ["*"]}, "Action": ["execute-api:Invoke"],
                    "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8"]}}}]}}},
           "Ws": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "ws", "ProtocolType": "WEBSOCKET",
                                                                  "DisableExecuteApiEndpoint": "TRUE"}},
           "RestMapping": {"Type": "AWS::ApiGateway::BasePathMapping",
                           "Properties": {"DomainName": "d", "RestApiId": {"Ref": "Rest"}}},
           "WsMapping": {"Type": "AWS::ApiGatewayV2::ApiMapping",
                         "Properties": {"DomainName": "d", "ApiId": {"Ref": "Ws"}, "Stage": "p"}},
           "Stage": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Rest"}, "MethodSettings": [
               {"DataTraceEnabled": {"Ref": "Trace"}}, {"LoggingLevel": "INFO"}]}},
           "Deployment": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
               "RestApiId": {"Ref": "Rest"},
               "StageDescription": {"DataTraceEnabled": False, "MethodSettings": [{"DataTraceEnabled": "True"}]}}},
           "WsStage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
               "ApiId": {"Ref": "Ws"}, "StageName": "p", "DefaultRouteSettings": {"DataTraceEnabled": True},
               "RouteSettings": {"$connect": {"DataTraceEnabled": False}}}},
           "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
               "LoggingConfiguration": {"IncludeExecutionData": True, "Level": {"Ref": "Level"}}}},
       }}


def test_cloudformation_settings():
    assert _settings("cloudformation", CFN) == {
        # Fn::If on a condition the template does not settle: both alternatives
        ("Rest", "rest_api", "default_endpoint", "disabled", 2), ("Rest", "rest_api", "default_endpoint", "enabled", 2),
        ("Ws", "websocket_api", "default_endpoint", "disabled", 1),
        ("Rest", "rest_api", "custom_domain", "RestMapping", 1),
        ("Ws", "websocket_api", "custom_domain", "WsMapping", 1),
        # a parameter default "true"; an entry without DataTraceEnabled gives nothing
        ("Stage", "stage", "data_trace", "true", 1),
        ("Deployment", "stage", "data_trace", "false", 1), ("Deployment", "stage", "data_trace", "true", 1),
        ("WsStage", "stage", "data_trace", "true", 1), ("WsStage", "stage", "data_trace", "false", 1),
        ("Machine", "state_machine", "include_execution_data", "true", 1),
    }
    # a parameter without default: unknown, no record
    assert _unknowns("cloudformation", CFN) == {("Machine", "log_level")}


def test_cloudformation_api_policy():
    assert _policies("cloudformation", CFN) == {
        SourcePolicyStatement("Rest", "Rest", "Allow", INVOKE, True, False),
        # aws:SourceIp narrows who calls (any operator)
        SourcePolicyStatement("Rest", "Rest", "Deny", INVOKE, True, True),
    }


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Api": {"DisableExecuteApiEndpoint": True,
                        "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "DataTraceEnabled": True}]}},
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod", "Domain": {"DomainName": "api.example.com", "CertificateArn": "arn"},
            "MethodSettings": [{"ResourcePath": "/orders", "HttpMethod": "GET", "DataTraceEnabled": False}],
            "Auth": {"ResourcePolicy": {"AwsAccountWhitelist": ["111122223333"], "IpRangeWhitelist": ["10.0.0.0/8"],
                                        "SourceVpcBlacklist": [], "CustomStatements": {
                                            "Effect": "Allow", "Principal": "*", "Action": "execute-api:*"}}}}},
        "Http": {"Type": "AWS::Serverless::HttpApi", "IgnoreGlobals": "*", "Properties": {"Domain": {
            "DomainName": {"Ref": "AWS::StackName"}, "CertificateArn": "arn"}}},
        "Machine": {"Type": "AWS::Serverless::StateMachine", "Properties": {"Logging": {"Level": "all"}}},
    }}


def test_sam_settings_merge_globals():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Api", "rest_api", "default_endpoint", "disabled", 1),
        ("Api", "rest_api", "custom_domain", "api.example.com", 1),
        # Globals.Api.MethodSettings concatenate with the API's own
        ("Api", "stage", "data_trace", "true", 1), ("Api", "stage", "data_trace", "false", 1),
        # a domain name only deployment settles still maps a domain
        ("Http", "http_api", "default_endpoint", "enabled", 1), ("Http", "http_api", "custom_domain", "Http", 1),
        # AWS's default for IncludeExecutionData; levels upper-cased
        ("Machine", "state_machine", "include_execution_data", "false", 1),
        ("Machine", "state_machine", "log_level", "ALL", 1),
    }


def test_sam_resource_policy_as_the_transform_writes_it():
    assert _policies("sam", SAM_TEMPLATE) == {
        SourcePolicyStatement("Api", "Api", "Allow", INVOKE, False, False),  # the account list
        SourcePolicyStatement("Api", "Api", "Allow", INVOKE, True, False),  # the IP list's Allow to everyone …
        SourcePolicyStatement("Api", "Api", "Deny", INVOKE, True, True),  # … and its Deny NotIpAddress
        SourcePolicyStatement("Api", "Api", "Allow", ("execute-api:*",), True, False),  # CustomStatements
    }


# ---- Serverless ----------------------------------------------------------------------------------------

SERVICE = {
    "service": "orders",
    "provider": {"name": "aws", "logs": {"restApi": True, "websocket": {"fullExecutionData": "${self:custom.full}"}},
                 "apiGateway": {"disableDefaultEndpoint": "${opt:disable}", "resourcePolicy": [
                     {"Effect": "Allow", "Principal": "*", "Action": ["${self:custom.action}"]}]},
                 "httpApi": {"disableDefaultEndpoint": True}},
    "custom": {"full": False, "action": "execute-api:Invoke",
               "customDomain": {"domainName": "api.example.com"},
               "customDomains": [{"http": {"domainName": "h.example.com"}},
                                 {"domainName": "ws.example.com", "apiType": "websocket"}]},
    "functions": {"a": {"handler": "h.a", "events": [{"http": "GET /"}, {"httpApi": "GET /"}, {"websocket": "$connect"}]}},
    "resources": {"Resources": {"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
        "LoggingConfiguration": {"IncludeExecutionData": True}}}}},
}


def test_serverless_settings_on_the_provider():
    assert _settings("serverless", SERVICE) == {
        ("provider", "stage", "data_trace", "true", 1),  # logs.restApi: true → fullExecutionData true
        ("provider", "stage", "data_trace", "false", 1),  # the websocket's, through ${self:}
        ("provider", "http_api", "default_endpoint", "disabled", 1),
        ("provider", "rest_api", "custom_domain", "api.example.com", 1),
        ("provider", "http_api", "custom_domain", "h.example.com", 1),
        ("provider", "websocket_api", "custom_domain", "ws.example.com", 1),
        ("Machine", "state_machine", "include_execution_data", "true", 1),
        ("Machine", "state_machine", "log_level", "OFF", 1),
    }
    assert _unknowns("serverless", SERVICE) == {("provider", "default_endpoint")}
    assert _policies("serverless", SERVICE) == {
        SourcePolicyStatement("provider", "ApiGatewayRestApi", "Allow", INVOKE, True, False)}


def test_serverless_settings_need_the_api():
    service = {**SERVICE, "functions": {"a": {"handler": "h.a", "events": [{"sqs": "arn:aws:sqs:us-east-1:1:q"}]}}}
    assert {s[:3] for s in _settings("serverless", service)} == {
        ("provider", "rest_api", "custom_domain"), ("provider", "http_api", "custom_domain"),
        ("provider", "websocket_api", "custom_domain"),
        ("Machine", "state_machine", "include_execution_data"), ("Machine", "state_machine", "log_level")}
    assert _policies("serverless", service) == set()


# ---- Terraform -------------------------------------------------------------------------------------------

MODULE = '''
variable "trace" {}
variable "disable" {
  default = false
}
resource "aws_api_gateway_rest_api" "api" {
  name                         = "api"
  disable_execute_api_endpoint = var.disable
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "execute-api:*" }] })
}
resource "aws_api_gateway_rest_api_policy" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  policy      = data.aws_iam_policy_document.api.json
}
data "aws_iam_policy_document" "api" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["execute-api:Invoke"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1"]
    }
  }
}
resource "aws_api_gateway_base_path_mapping" "api" {
  api_id      = aws_api_gateway_rest_api.api.id
  domain_name = "api.example.com"
}
resource "aws_apigatewayv2_api" "ws" {
  name                         = "ws"
  protocol_type                = "WEBSOCKET"
  disable_execute_api_endpoint = var.trace ? true : false
}
resource "aws_api_gateway_method_settings" "known" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    data_trace_enabled = true
  }
}
resource "aws_api_gateway_method_settings" "unknown" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    data_trace_enabled = var.trace
  }
}
resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  route_settings {
    route_key          = "$connect"
    data_trace_enabled = true
  }
}
resource "aws_sfn_state_machine" "m" {
  name       = "m"
  role_arn   = "arn:aws:iam::123456789012:role/m"
  definition = "{}"
  logging_configuration {
    include_execution_data = true
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_settings(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _settings("terraform", module) == {
        ("aws_api_gateway_rest_api.api", "rest_api", "default_endpoint", "enabled", 1),  # a variable default
        ("aws_api_gateway_rest_api.api", "rest_api", "custom_domain", "aws_api_gateway_base_path_mapping.api", 1),
        # a conditional on a variable without default: both alternatives
        ("aws_apigatewayv2_api.ws", "websocket_api", "default_endpoint", "disabled", 2),
        ("aws_apigatewayv2_api.ws", "websocket_api", "default_endpoint", "enabled", 2),
        ("aws_api_gateway_method_settings.known", "stage", "data_trace", "true", 1),
        ("aws_apigatewayv2_stage.ws", "stage", "data_trace", "true", 1),
        ("aws_sfn_state_machine.m", "state_machine", "include_execution_data", "true", 1),
        ("aws_sfn_state_machine.m", "state_machine", "log_level", "OFF", 1),  # the provider's default level
    }
    assert _unknowns("terraform", module) == {("aws_api_gateway_method_settings.unknown", "data_trace")}
    assert _policies("terraform", module) == {
        SourcePolicyStatement("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api.api", "Allow",
                              ("execute-api:*",), True, False),
        SourcePolicyStatement("aws_api_gateway_rest_api_policy.api", "aws_api_gateway_rest_api.api", "Deny",
                              INVOKE, True, True),
    }


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


# the other concerns write their own settings into api_settings (CORS): this file compares its own
EXPOSURE_SETTINGS = {"default_endpoint", "custom_domain", "data_trace", "include_execution_data", "log_level"}


def _ours(view: str, record: dict) -> bool:
    return view != "api_settings" or record["setting"] in EXPOSURE_SETTINGS


@pytest.mark.parametrize("view", VIEWS)
def test_both_engines_build_the_same_records(tmp_path, view):
    assert disagreements(_documents(tmp_path), (view,), _ours) == []


def test_setting_records_are_settings():
    assert all(isinstance(s, Setting) for s in build("cloudformation", CFN).api_settings)
