"""The CORS settings of api_settings (docs/model.md "CORS settings") in every format: exact records for the
ways people write CORS, none for what only deployment settles (an undecided notice instead), and the same
records from the Rego adapters (the real opa binary) on these documents and on every FG_03_03 fixture."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.inputs.load import load_paths
from faasguard.model import build
from tests.conftest import ROOT, tool
from tests.fixture_cases import FIXTURES

SAM = "AWS::Serverless-2016-10-31"


def _cors(fmt: str, document: dict) -> set[tuple]:
    """(resource, kind, setting, value, functions, choices) of each CORS record."""
    return {(s.resource, s.kind, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).api_settings if s.setting.startswith("cors_")}


def _unknown_settings(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns
            if u.view == "api_settings" and u.attribute.startswith("cors_")}


def _template(resources: dict, sam: bool = False, **top) -> dict:
    document = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources, **top}
    if sam:
        document["Transform"] = SAM
    return document


# ---- CloudFormation ----------------------------------------------------------------------------------

MOCK_OPTIONS = {"Type": "AWS::ApiGateway::Method", "Properties": {
    "RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "HttpMethod": "OPTIONS",
    "AuthorizationType": "NONE", "Integration": {"Type": "MOCK", "IntegrationResponses": [{"StatusCode": "200",
        "ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'",
                               "method.response.header.Access-Control-Allow-Credentials": "'true'",
                               "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'"}}]}}}
CFN = _template({
    "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a"}},
    "Options": MOCK_OPTIONS,
    "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
        "RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "HttpMethod": "GET",
        "AuthorizationType": "AWS_IAM", "Integration": {"Type": "MOCK", "IntegrationResponses": [{"StatusCode": "200",
            "ResponseParameters": {"method.response.header.access-control-allow-origin":
                                   "method.request.header.Origin"}}]}}},
    "Default4xx": {"Type": "AWS::ApiGateway::GatewayResponse", "Properties": {
        "RestApiId": {"Ref": "Api"}, "ResponseType": "DEFAULT_4XX",
        "ResponseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": {"Ref": "Origin"}}}},
    "Http": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "h", "ProtocolType": "HTTP",
             "CorsConfiguration": {"AllowOrigins": ["https://app.example.com", {"Fn::If": ["Prod", "*", "https://x"]}],
                                   "AllowMethods": ["get"], "AllowCredentials": True}}},
    "Url": {"Type": "AWS::Lambda::Url", "Properties": {"TargetFunctionArn": "arn:aws:lambda:eu-west-1:1:function:f",
            "AuthType": "AWS_IAM", "Cors": {"AllowOrigins": {"Ref": "Origins"}}}},
    "Uploads": {"Type": "AWS::S3::Bucket", "Properties": {"CorsConfiguration": {"CorsRules": [
        {"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"]},
        {"AllowedOrigins": ["*", "https://app.example.com"], "AllowedMethods": ["PUT"]}]}}},
}, Parameters={"Origin": {"Type": "String", "Default": "'https://app.example.com'"},
               "Origins": {"Type": "CommaDelimitedList"}, "Stage": {"Type": "String"}},
    Conditions={"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}})


def test_cloudformation_cors_records():
    assert _cors("cloudformation", CFN) == {
        ("Options", "rest_api", "cors_allow_origin", "*", (), 1),
        ("Options", "rest_api", "cors_allow_credentials", "true", (), 1),
        ("Options", "rest_api", "cors_api", "Api", (), 1),
        ("Get", "rest_api", "cors_api", "Api", (), 1),
        ("Default4xx", "rest_api", "cors_allow_origin", "https://app.example.com", (), 1),
        ("Default4xx", "rest_api", "cors_api", "Api", (), 1),
        ("Http", "http_api", "cors_allow_origin", "https://app.example.com", (), 1),
        ("Http", "http_api", "cors_allow_origin", "*", (), 2),
        ("Http", "http_api", "cors_allow_origin", "https://x", (), 2),
        ("Http", "http_api", "cors_allow_method", "GET", (), 1),
        ("Http", "http_api", "cors_allow_credentials", "true", (), 1),
        ("Http", "http_api", "cors_api", "Http", (), 1),
        ("Uploads", "s3_bucket", "cors_allow_origin", "*", (), 1),
        ("Uploads", "s3_bucket", "cors_allow_origin", "https://app.example.com", (), 1),
        ("Uploads", "s3_bucket", "cors_allow_method", "GET", (), 1),
        ("Uploads", "s3_bucket", "cors_allow_method", "HEAD", (), 1),
        ("Uploads", "s3_bucket", "cors_allow_method", "PUT", (), 1),
        ("Uploads", "s3_bucket", "cors_write_origin", "*", (), 1),
        ("Uploads", "s3_bucket", "cors_write_origin", "https://app.example.com", (), 1),
    }
    assert _unknown_settings("cloudformation", CFN) == {("Get", "cors_allow_origin"), ("Url", "cors_allow_origin")}


# ---- SAM ---------------------------------------------------------------------------------------------

def _sam_function(events: dict | None = None, **props) -> dict:
    return {"Type": "AWS::Serverless::Function", "Properties": {
        "Runtime": "python3.13", "Handler": "app.handler", "CodeUri": "src/", "Events": events or {}, **props}}


SAM_DOC = _template({
    "Orders": _sam_function({"List": {"Type": "Api", "Properties": {"Path": "/orders", "Method": "get"}}},
                            FunctionUrlConfig={"AuthType": "AWS_IAM", "Cors": {"AllowOrigins": ["*"]}}),
    "Admin": _sam_function({"Get": {"Type": "Api", "Properties": {
        "Path": "/admin", "Method": "get", "RestApiId": {"Ref": "AdminApi"}}}}),
    "Routes": _sam_function({"Any": {"Type": "HttpApi"}}),
    "AdminApi": {"Type": "AWS::Serverless::Api", "Properties": {
        "StageName": "prod", "Cors": {"AllowOrigin": "'https://admin.example.com'", "AllowCredentials": True}}},
}, sam=True, Globals={"Api": {"Cors": "'*'"}, "HttpApi": {"CorsConfiguration": True}})


def test_sam_cors_records_with_globals_and_implicit_apis():
    assert _cors("sam", SAM_DOC) == {
        ("Orders", "function_url", "cors_allow_origin", "*", ("Orders",), 1),
        ("Orders", "rest_api", "cors_allow_origin", "*", ("Orders",), 1),
        ("Orders", "rest_api", "cors_api", "ServerlessRestApi", ("Orders",), 1),
        ("Routes", "http_api", "cors_allow_origin", "*", ("Routes",), 1),
        ("Routes", "http_api", "cors_api", "ServerlessHttpApi", ("Routes",), 1),
        ("AdminApi", "rest_api", "cors_allow_origin", "https://admin.example.com", (), 1),
        ("AdminApi", "rest_api", "cors_allow_credentials", "true", (), 1),
        ("AdminApi", "rest_api", "cors_api", "AdminApi", (), 1),
    }


# ---- Serverless --------------------------------------------------------------------------------------

SERVERLESS = {
    "service": "shop", "custom": {"origins": ["https://shop.example.com"]},
    "provider": {"name": "aws", "runtime": "python3.13", "httpApi": {"cors": {"allowCredentials": True}}},
    "functions": {
        "list": {"handler": "h.list", "events": [{"http": {"path": "items", "method": "get", "cors": True}},
                                                 {"http": "GET /other"}]},
        "save": {"handler": "h.save", "events": [{"http": {"path": "items", "method": "post", "cors": {
            "origins": "${self:custom.origins}", "allowCredentials": True}}}]},
        "open": {"handler": "h.open", "events": [{"http": {"path": "o", "method": "get", "cors": {
            "headers": ["Content-Type"]}}}], "url": {"authorizer": "aws_iam", "cors": {
            "allowedOrigins": ["${env:ORIGIN}"], "allowedMethods": ["get"]}}},
    },
    "resources": {"Resources": {"Media": {"Type": "AWS::S3::Bucket", "Properties": {"CorsConfiguration": {
        "CorsRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["POST"]}]}}}}},
}


def test_serverless_cors_records():
    assert _cors("serverless", SERVERLESS) == {
        ("list", "rest_api", "cors_allow_origin", "*", ("list",), 1),
        ("list", "rest_api", "cors_api", "ApiGatewayRestApi", ("list",), 1),
        ("save", "rest_api", "cors_allow_origin", "https://shop.example.com", ("save",), 1),
        ("save", "rest_api", "cors_allow_credentials", "true", ("save",), 1),
        ("save", "rest_api", "cors_api", "ApiGatewayRestApi", ("save",), 1),
        ("open", "rest_api", "cors_allow_origin", "*", ("open",), 1),
        ("open", "rest_api", "cors_api", "ApiGatewayRestApi", ("open",), 1),
        ("open", "function_url", "cors_allow_method", "GET", ("open",), 1),
        ("provider", "http_api", "cors_allow_origin", "*", (), 1),
        ("provider", "http_api", "cors_allow_credentials", "true", (), 1),
        ("provider", "http_api", "cors_api", "HttpApi", (), 1),
        ("Media", "s3_bucket", "cors_allow_origin", "*", (), 1),
        ("Media", "s3_bucket", "cors_allow_method", "POST", (), 1),
        ("Media", "s3_bucket", "cors_write_origin", "*", (), 1),
    }
    assert _unknown_settings("serverless", SERVERLESS) == {("open", "cors_allow_origin")}


# ---- Terraform ---------------------------------------------------------------------------------------

MODULE = '''
variable "prod" { type = bool }
variable "origin" { type = string }
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
resource "aws_api_gateway_integration_response" "options" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = "OPTIONS"
  status_code = "200"
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin"      = "'*'"
    "method.response.header.Access-Control-Allow-Credentials" = var.prod ? "'true'" : "'false'"
  }
}
resource "aws_api_gateway_gateway_response" "default_4xx" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  response_type = "DEFAULT_4XX"
  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin" = "'${var.origin}'"
  }
}
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["https://app.example.com", var.origin]
    allow_methods     = ["get", "POST"]
    allow_credentials = true
  }
}
resource "aws_lambda_function_url" "url" {
  function_name      = "fn"
  authorization_type = "AWS_IAM"
  cors {
    allow_origins = ["*"]
  }
}
resource "aws_s3_bucket" "media" {
  bucket = "media"
}
resource "aws_s3_bucket_cors_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  cors_rule {
    allowed_origins = ["*"]
    allowed_methods = ["GET"]
  }
  cors_rule {
    allowed_origins = ["*"]
    allowed_methods = ["PUT", "DELETE"]
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    from faasguard.inputs.terraform import load_module

    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_cors_records(tmp_path):
    document = _module(tmp_path, MODULE)
    assert _cors("terraform", document) == {
        ("aws_api_gateway_integration_response.options", "rest_api", "cors_allow_origin", "*", (), 1),
        ("aws_api_gateway_integration_response.options", "rest_api", "cors_allow_credentials", "true", (), 2),
        ("aws_api_gateway_integration_response.options", "rest_api", "cors_allow_credentials", "false", (), 2),
        ("aws_api_gateway_integration_response.options", "rest_api", "cors_api", "aws_api_gateway_rest_api.api", (), 1),
        ("aws_apigatewayv2_api.http", "http_api", "cors_allow_origin", "https://app.example.com", (), 1),
        ("aws_apigatewayv2_api.http", "http_api", "cors_allow_method", "GET", (), 1),
        ("aws_apigatewayv2_api.http", "http_api", "cors_allow_method", "POST", (), 1),
        ("aws_apigatewayv2_api.http", "http_api", "cors_allow_credentials", "true", (), 1),
        ("aws_apigatewayv2_api.http", "http_api", "cors_api", "aws_apigatewayv2_api.http", (), 1),
        ("aws_lambda_function_url.url", "function_url", "cors_allow_origin", "*", (), 1),
        ("aws_s3_bucket_cors_configuration.media", "s3_bucket", "cors_allow_origin", "*", (), 1),
        ("aws_s3_bucket_cors_configuration.media", "s3_bucket", "cors_allow_method", "GET", (), 1),
        ("aws_s3_bucket_cors_configuration.media", "s3_bucket", "cors_allow_method", "PUT", (), 1),
        ("aws_s3_bucket_cors_configuration.media", "s3_bucket", "cors_allow_method", "DELETE", (), 1),
        ("aws_s3_bucket_cors_configuration.media", "s3_bucket", "cors_write_origin", "*", (), 1),
    }
    assert _unknown_settings("terraform", document) == {
        ("aws_api_gateway_gateway_response.default_4xx", "cors_allow_origin"),
        ("aws_apigatewayv2_api.http", "cors_allow_origin")}


# ---- both engines ------------------------------------------------------------------------------------

def _fixture_documents() -> list[tuple[str, dict]]:
    loaded = load_paths([str(FIXTURES / "FG_03_03")])
    assert loaded.errors == []
    return [(d.format, d.data) for d in loaded.documents]


def _python(fmt: str, document: dict) -> list[dict]:
    records = [{"resource": s.resource, "kind": s.kind, "setting": s.setting, "value": s.value,
                "functions": list(s.functions), **({"choices": s.choices} if s.choices > 1 else {})}
               for s in build(fmt, document).api_settings if s.setting.startswith("cors_")]
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def _rego(documents: list[dict]) -> list[list[dict]]:
    query = ("[records | some doc in input.documents; records := [r | some r in data.faasguard.model.api_settings; "
             "startswith(r.setting, \"cors_\")] with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return [sorted(({k: v for k, v in r.items() if k not in ("choice", "alternative")} for r in records),
                   key=lambda r: json.dumps(r, sort_keys=True)) for records in found]


def test_both_engines_build_the_same_records(tmp_path):
    documents = [("cloudformation", CFN), ("sam", SAM_DOC), ("serverless", SERVERLESS),
                 ("terraform", _module(tmp_path, MODULE)), *_fixture_documents()]
    assert len(documents) > 10
    assert _rego([d for _, d in documents]) == [_python(fmt, d) for fmt, d in documents]


@pytest.mark.parametrize("fmt, document", [("cloudformation", CFN), ("sam", SAM_DOC), ("serverless", SERVERLESS)],
                         ids=["cloudformation", "sam", "serverless"])
def test_no_cors_settings_without_cors(fmt, document):
    text = json.dumps(document).replace("Cors", "Xors").replace("cors", "xors")
    stripped = json.loads(text.replace("Access-Control-Allow", "X-Request").replace("access-control-allow", "x-request"))
    assert _cors(fmt, stripped) == set()
