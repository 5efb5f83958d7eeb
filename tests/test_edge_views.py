"""The edge records (docs/model.md, "Edge settings"): api_settings `endpoint_type` and `waf` of REST API stages,
`tls_policy` of custom domains and `openapi_scheme` of REST API definitions, for the shapes people write in each
format; nothing for what only deployment settles (an unknown instead); and the same records from the Rego adapters
(the real opa binary) on these documents and on every fixture of the rules that read them."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.fixture_cases import FIXTURES
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_01_02", "FG_01_04")
EDGE_SETTINGS = {"endpoint_type", "waf", "tls_policy", "openapi_scheme"}
WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4"


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.functions, s.choices) for s in build(fmt, document).api_settings
            if s.setting in EDGE_SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns
            if u.view == "api_settings" and u.attribute in EDGE_SETTINGS}


def _association(arn) -> dict:
    return {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": arn, "WebACLArn": WEB_ACL}}


def _stage_arn(api: str, stage: str) -> str:
    return f"arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}::/restapis/${{{api}}}/stages/{stage}"


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {
    "Parameters": {"Private": {"Type": "String"}, "Next": {"Type": "String", "Default": "v2"},
                   "Other": {"Type": "String"}, "Policy": {"Type": "String", "Default": "tls_1_0"}},
    "Conditions": {"IsPrivate": {"Fn::Equals": [{"Ref": "Private"}, "true"]}},
    "Resources": {
        "Edge": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "edge"}},
        "Regional": {"Type": "AWS::ApiGateway::RestApi", "Properties": {
            "Name": "regional",
            "EndpointConfiguration": {"Types": {"Fn::If": ["IsPrivate", ["PRIVATE"], ["regional"]]}},
            "Body": {"swagger": "2.0", "schemes": ["HTTP", {"Ref": "Other"}], "paths": {}}}},
        "EdgeProd": {"Type": "AWS::ApiGateway::Stage", "Properties": {
            "RestApiId": {"Ref": "Edge"}, "DeploymentId": "d", "StageName": "prod"}},
        # a Deployment with StageName creates the stage
        "EdgeNext": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
            "RestApiId": {"Ref": "Edge"}, "StageName": {"Ref": "Next"}}},
        "EdgeBare": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Edge"}}},
        "RegionalStage": {"Type": "AWS::ApiGateway::Stage", "Properties": {
            "RestApiId": {"Ref": "Regional"}, "DeploymentId": "d", "StageName": "live"}},
        # by Ref of the Stage (Fn::Sub variable map), by a parameter default (Fn::Join with a nested Sub)
        "ProdAcl": _association({"Fn::Sub": [
            "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${A}/stages/${S}",
            {"A": {"Ref": "Edge"}, "S": {"Ref": "EdgeProd"}}]}),
        "NextAcl": _association({"Fn::Join": ["", [
            {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/"}, {"Ref": "Edge"},
            "/stages/", {"Ref": "Next"}]]}),
        # a stage name only deployment settles: the Regional API's stages are undecided
        "OtherAcl": _association({"Fn::Sub": _stage_arn("Regional", "${Other}")}),
        # another kind of resource: not a stage
        "AlbAcl": _association({"Ref": "LoadBalancerArn"}),
        "Legacy": {"Type": "AWS::ApiGateway::DomainName", "Properties": {"DomainName": "a.example.com"}},
        "Partners": {"Type": "AWS::ApiGateway::DomainName", "Properties": {
            "DomainName": "b.example.com", "SecurityPolicy": {"Ref": "Policy"}}},
        "Events": {"Type": "AWS::ApiGatewayV2::DomainName", "Properties": {
            "DomainName": "c.example.com", "DomainNameConfigurations": [
                {"CertificateArn": "arn"}, {"SecurityPolicy": "SecurityPolicy_TLS13_1_2_2021_06"}]}},
    }}


def test_cloudformation_settings():
    assert _settings("cloudformation", CFN) == {
        # no EndpointConfiguration: EDGE; an Fn::If on an unsettled condition: both alternatives, upper-cased
        ("EdgeProd", "endpoint_type", "EDGE", (), 1), ("EdgeNext", "endpoint_type", "EDGE", (), 1),
        ("RegionalStage", "endpoint_type", "PRIVATE", (), 2), ("RegionalStage", "endpoint_type", "REGIONAL", (), 2),
        ("EdgeProd", "waf", "ProdAcl", (), 1), ("EdgeNext", "waf", "NextAcl", (), 1),
        # a REST domain without a policy: TLS_1_0; a parameter default; v2 configurations (default TLS_1_2)
        ("Legacy", "tls_policy", "TLS_1_0", (), 1), ("Partners", "tls_policy", "TLS_1_0", (), 1),
        ("Events", "tls_policy", "TLS_1_2", (), 1), ("Events", "tls_policy", "SECURITYPOLICY_TLS13_1_2_2021_06", (), 1),
        # schemes lower-cased; one only deployment settles is unknown
        ("Regional", "openapi_scheme", "http", (), 1),
    }
    assert _unknowns("cloudformation", CFN) == {("RegionalStage", "waf"), ("Regional", "openapi_scheme")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Api": {"EndpointConfiguration": {"Type": "REGIONAL"}, "Domain": {
        "DomainName": "api.example.com", "CertificateArn": "arn", "SecurityPolicy": "TLS_1_2"}}},
    "Resources": {
        "Orders": {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "v1", "EndpointConfiguration": "EDGE",
            "Domain": {"DomainName": "o.example.com", "CertificateArn": "arn"},
            "DefinitionBody": {"swagger": "2.0", "schemes": ["https"], "paths": {}}}},
        "Admin": {"Type": "AWS::Serverless::Api", "IgnoreGlobals": "*", "Properties": {"StageName": "internal"}},
        "Fn": {"Type": "AWS::Serverless::Function", "Properties": {
            "Runtime": "python3.13", "Handler": "a.b", "CodeUri": ".",
            "Events": {"Get": {"Type": "Api", "Properties": {"Path": "/x", "Method": "get"}}}}},
        "Http": {"Type": "AWS::Serverless::HttpApi", "Properties": {"Domain": {
            "DomainName": "h.example.com", "CertificateArn": "arn"}}},
        "OrdersAcl": _association({"Fn::Sub": _stage_arn("Orders", "${Orders.Stage}")}),
        # SAM's generated stage id of the implicit API
        "ImplicitAcl": _association("arn:aws:apigateway:us-east-1::/restapis/${ServerlessRestApi}/stages/"
                                    "${ServerlessRestApiProdStage}"),
    }}


def test_sam_settings_merge_globals():
    assert _settings("sam", SAM_TEMPLATE) == {
        # the Api's own EndpointConfiguration wins over Globals; IgnoreGlobals: EDGE
        ("Orders", "endpoint_type", "EDGE", (), 1), ("Admin", "endpoint_type", "EDGE", (), 1),
        ("Fn", "endpoint_type", "REGIONAL", ("Fn",), 1),
        ("Orders", "waf", "OrdersAcl", (), 1), ("Admin", "waf", "absent", (), 1),
        ("Fn", "waf", "ImplicitAcl", ("Fn",), 1),
        # the Domain merged with Globals.Api.Domain; the implicit API's at the function; HttpApi: TLS_1_2
        ("Orders", "tls_policy", "TLS_1_2", (), 1), ("Fn", "tls_policy", "TLS_1_2", ("Fn",), 1),
        ("Http", "tls_policy", "TLS_1_2", (), 1),
        ("Orders", "openapi_scheme", "https", (), 1),
    }


# ---- Serverless ----------------------------------------------------------------------------------------

SERVICE = {
    "service": "orders",
    "provider": {"name": "aws", "endpointType": "${self:custom.endpoint}"},
    "custom": {"endpoint": "regional", "policy": "tls_1_0",
               "customDomain": {"domainName": "api.example.com", "securityPolicy": "${self:custom.policy}"},
               "customDomains": [{"http": {"domainName": "h.example.com"}},
                                 {"domainName": "ws.example.com", "apiType": "websocket",
                                  "securityPolicy": "${ssm:/tls/policy}"}]},
    "functions": {"a": {"handler": "h.a", "events": [{"http": "GET /"}]}},
    "resources": {"Resources": {
        "Acl": _association({"Fn::Sub": _stage_arn("ApiGatewayRestApi", "${self:provider.stage}")}),
        "Domain": {"Type": "AWS::ApiGateway::DomainName", "Properties": {"DomainName": "r.example.com"}}}},
}


def test_serverless_settings_on_the_provider():
    assert _settings("serverless", SERVICE) == {
        ("provider", "endpoint_type", "REGIONAL", (), 1),
        ("provider", "waf", "Acl", (), 1),
        ("provider", "tls_policy", "TLS_1_0", (), 1),  # through ${self:}
        ("provider", "tls_policy", "TLS_1_2", (), 1),  # the plugin's default
        ("Domain", "tls_policy", "TLS_1_0", (), 1),  # resources.Resources as in a template
    }
    assert _unknowns("serverless", SERVICE) == {("provider", "tls_policy")}


def test_serverless_waf_plugin_and_external_api():
    service = {**SERVICE, "provider": {"name": "aws", "apiGateway": {"restApiId": "${ssm:/api/id}"}},
               "custom": {"associateWaf": {"name": "orders-${sls:stage}"}}, "resources": {}}
    assert _settings("serverless", service) == {("provider", "waf", "custom.associateWaf", (), 1)}
    assert _unknowns("serverless", service) == {("provider", "endpoint_type")}


def test_serverless_without_http_events_has_no_stage():
    service = {**SERVICE, "functions": {"a": {"handler": "h.a", "events": [{"httpApi": "GET /"}]}}}
    assert {s[1] for s in _settings("serverless", service)} == {"tls_policy"}


# ---- Terraform -------------------------------------------------------------------------------------------

MODULE = '''
variable "types" {}
variable "policy" {}
resource "aws_api_gateway_rest_api" "edge" {
  name = "edge"
  body = jsonencode({ swagger = "2.0", schemes = ["http"], paths = {} })
}
resource "aws_api_gateway_rest_api" "chosen" {
  name = "chosen"
  endpoint_configuration {
    types = var.types
  }
}
resource "aws_api_gateway_stage" "edge" {
  rest_api_id   = aws_api_gateway_rest_api.edge.id
  deployment_id = "d"
  stage_name    = "prod"
}
resource "aws_api_gateway_stage" "chosen" {
  rest_api_id   = aws_api_gateway_rest_api.chosen.id
  deployment_id = "d"
  stage_name    = "prod"
}
resource "aws_api_gateway_stage" "elsewhere" {
  rest_api_id   = "a1b2c3"
  deployment_id = "d"
  stage_name    = "prod"
}
resource "aws_wafv2_web_acl_association" "edge" {
  resource_arn = aws_api_gateway_stage.edge.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4"
}
resource "aws_api_gateway_domain_name" "legacy" {
  domain_name = "a.example.com"
}
resource "aws_api_gateway_domain_name" "chosen" {
  domain_name     = "b.example.com"
  security_policy = var.policy
}
resource "aws_apigatewayv2_domain_name" "events" {
  domain_name = "c.example.com"
  domain_name_configuration {
    certificate_arn = "arn"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_settings(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _settings("terraform", module) == {
        ("aws_api_gateway_stage.edge", "endpoint_type", "EDGE", (), 1),
        ("aws_api_gateway_stage.edge", "waf", "aws_wafv2_web_acl_association.edge", (), 1),
        ("aws_api_gateway_stage.chosen", "waf", "absent", (), 1),
        ("aws_api_gateway_stage.elsewhere", "waf", "absent", (), 1),
        ("aws_api_gateway_domain_name.legacy", "tls_policy", "TLS_1_0", (), 1),
        ("aws_apigatewayv2_domain_name.events", "tls_policy", "TLS_1_2", (), 1),
        ("aws_api_gateway_rest_api.edge", "openapi_scheme", "http", (), 1),
    }
    # a variable without default; an API the module does not declare
    assert _unknowns("terraform", module) == {
        ("aws_api_gateway_stage.chosen", "endpoint_type"), ("aws_api_gateway_stage.elsewhere", "endpoint_type"),
        ("aws_api_gateway_domain_name.chosen", "tls_policy")}


def test_terraform_unsettled_association_leaves_stages_undecided(tmp_path):
    module = _module(tmp_path, MODULE + '''
variable "stage_arn" {}
resource "aws_wafv2_web_acl_association" "shared" {
  resource_arn = var.stage_arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4"
}
''')
    assert {s[:3] for s in _settings("terraform", module) if s[1] == "waf"} == {
        ("aws_api_gateway_stage.edge", "waf", "aws_wafv2_web_acl_association.edge")}
    assert {u for u in _unknowns("terraform", module) if u[1] == "waf"} == {
        ("aws_api_gateway_stage.chosen", "waf"), ("aws_api_gateway_stage.elsewhere", "waf")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("api_settings",), lambda view, r: r["setting"] in EDGE_SETTINGS) == []


@pytest.mark.parametrize("rule_id", RULES)
def test_every_format_has_fixtures(rule_id):
    assert {case.name for case in (FIXTURES / rule_id).iterdir() if case.is_dir()} == {
        "terraform", "terraform_plan", "cloudformation", "sam", "serverless"}
