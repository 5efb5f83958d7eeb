"""CloudFormation and SAM → the API views (docs/formats/cloudformation_apis.md), in both engines.

- The Python model and the Rego bundle build the same api_operations, lambda_permissions, authorizers and
  cognito records for every CloudFormation/SAM fixture of FG_02_* and for the templates below.
- The records of the templates below are exactly the expected ones; values only deployment settles are
  Python `unknowns` and no record.
- What faasguard reads from a SAM template is what the SAM transform (samtranslator, installed with
  cfn-lint) generates: the operations read from the SAM events, Auth and DefinitionBody equal those read
  from the transformed template's OpenAPI bodies.
- `resource_views` reads the CloudFormation resources a host document embeds (Serverless
  `resources.Resources`), with the host's function ids and attached authorizers.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.inputs import cfn_yaml
from faasguard.inputs.detect import detect
from faasguard.model import build
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_apis import Host, resource_views
from tests.conftest import ROOT, tool
from tests.fixture_cases import FIXTURES

VIEWS = ("api_operations", "lambda_permissions", "authorizers", "cognito")
SAM_FIXTURES = sorted(FIXTURES.glob("FG_02_0*/sam/*.yaml"))
TEMPLATE_FIXTURES = sorted(FIXTURES.glob("FG_02_0*/cloudformation/*.yaml")) + SAM_FIXTURES
SET_AT_DEPLOYMENT = "(set at deployment)"


def _yaml(text: str) -> dict:
    return cfn_yaml.load(text)[0]


def _record(record) -> tuple:
    """A view record as a comparable tuple of (field, value), without the alternative index Rego adds
    and without the choice fields of a plain value."""
    fields = dict(record if isinstance(record, dict) else dataclasses.asdict(record))
    fields.pop("alternative", None)
    if not fields.get("choice"):
        fields.pop("choice", None)
        fields.pop("choices", None)
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def _python_views(data: dict) -> dict[str, set]:
    views = build(detect(data), data)
    return {name: {_record(r) for r in getattr(views, name)} for name in VIEWS}


def _opa(documents: list, query: str) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def _rego_views(documents: list[dict]) -> list[dict[str, set]]:
    """data.faasguard.model's API views of each document, with the real opa binary (one run)."""
    query = ("[v | some doc in input.documents; v := {name: data.faasguard.model[name] | some name in %s} "
             "with input as doc]" % json.dumps(list(VIEWS)))
    return [{name: {_record(r) for r in found[name]} for name in VIEWS} for found in _opa(documents, query)]


def op(resource, method, path, authorization, functions=(), api="", kind="rest", key=False, choices=None):
    fields = {"resource": resource, "api": api, "kind": kind, "method": method, "path": path,
              "authorization": authorization, "api_key_required": key, "functions": list(functions)}
    if choices:
        fields.update(choice=f"{resource}#authorization:{kind}:{method}:{path}", choices=choices)
    return _record(fields)


def permission(resource, principal, constrained=False, url="", functions=(), source_arn=False, source_account=False):
    return _record({"resource": resource, "principal": principal, "constrained": constrained,
                    "function_url_auth_type": url, "functions": list(functions), "source_arn": source_arn,
                    "source_account": source_account})


def authorizer(resource, name, kind, attached=True, issuer="", audiences=()):
    return _record({"resource": resource, "name": name, "kind": kind, "attached": attached,
                    "jwt_issuer": issuer, "jwt_audiences": list(audiences)})


def cognito(resource, kind, setting, value):
    return _record({"resource": resource, "kind": kind, "setting": setting, "value": value})


LAMBDA = """\
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/app
      Code: {S3Bucket: artifacts, S3Key: app.zip}
"""
URI = '!Sub "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"'

REST_BODY = f"""\
Parameters:
  PathPart:
    Type: String
Resources:
{LAMBDA}\
  BodyApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: "3.0.1"
        info: {{title: body, version: "1"}}
        security:
          - iam: []
        components:
          securitySchemes:
            iam: {{type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}}
            key: {{type: apiKey, name: x-api-key, in: header}}
            oauth: {{type: oauth2, flows: {{}}}}
        paths:
          /inherits:
            get:
              x-amazon-apigateway-integration: {{type: aws_proxy, httpMethod: POST, uri: {URI}}}
          /open:
            x-amazon-apigateway-any-method:
              security: []
              x-amazon-apigateway-integration: {{type: aws_proxy, httpMethod: POST, uri: {URI}}}
            options:
              security: []
            parameters: []
          /keyed:
            post:
              security:
                - key: []
          /both:
            put:
              security:
                - iam: []
                  key: []
          /unknown-scheme:
            get:
              security:
                - oauth: []
          /undefined-scheme:
            get:
              security:
                - nobody: []
  S3Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      BodyS3Location: {{Bucket: specs, Key: api.yaml}}
  IncludedApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        Fn::Transform:
          Name: AWS::Include
          Parameters: {{Location: s3://specs/api.yaml}}
  QuickApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: quick
      ProtocolType: HTTP
      Target: !GetAtt Fn.Arn
  Root:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref BodyApi, ParentId: !GetAtt BodyApi.RootResourceId, PathPart: v1}}
  Loop:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref BodyApi, ParentId: !Ref Loop, PathPart: again}}
  Unnamed:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref BodyApi, ParentId: !Ref Root, PathPart: !Ref PathPart}}
  V1Method:
    Type: AWS::ApiGateway::Method
    Properties: {{RestApiId: !Ref BodyApi, ResourceId: !Ref Root, HttpMethod: get}}
  LoopMethod:
    Type: AWS::ApiGateway::Method
    Properties: {{RestApiId: !Ref BodyApi, ResourceId: !Ref Loop, HttpMethod: GET, AuthorizationType: aws_iam}}
  UnnamedMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      {{RestApiId: !ImportValue shared-api, ResourceId: !Ref Unnamed, HttpMethod: GET, AuthorizationType: NONE}}
"""

# the same API as conftest's YAML parser gives it: tags dropped, their values kept as plain strings
CONFTEST = {
    "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.b"}},
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api"}},
        "Orders": {"Type": "AWS::ApiGateway::Resource",
                   "Properties": {"RestApiId": "Api", "ParentId": "Api.RootResourceId", "PathPart": "orders"}},
        "Cognito": {"Type": "AWS::ApiGateway::Authorizer",
                    "Properties": {"RestApiId": "Api", "Type": "COGNITO_USER_POOLS", "Name": "cognito"}},
        "Get": {"Type": "AWS::ApiGateway::Method",
                "Properties": {"RestApiId": "Api", "ResourceId": "Orders", "HttpMethod": "GET",
                               "AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": "Cognito",
                               "Integration": {"Uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:"
                                                      "path/2015-03-31/functions/${Fn.Arn}/invocations"}}},
        "Open": {"Type": "AWS::Lambda::Permission",
                 "Properties": {"FunctionName": "Fn.Arn", "Principal": {"AWS": "*"},
                                "Action": "lambda:InvokeFunction"}},
    }
}

COGNITO_UNKNOWNS = """\
Parameters:
  Mfa:
    Type: String
    AllowedValues: ["ON", "OFF"]
  Symbols:
    Type: String
    AllowedValues: ["true", "false"]
  Strict:
    Type: String
    Default: "no"
Conditions:
  IsStrict: !Equals [!Ref Strict, "yes"]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      MfaConfiguration: !Ref Mfa
      Policies:
        PasswordPolicy:
          MinimumLength: "9"
          RequireLowercase: "true"
          RequireUppercase: true
          RequireSymbols: !Ref Symbols
      Schema:
        - {Name: custom:role, AttributeDataType: String, Mutable: !If [InUsEast, true, false]}
        - {Name: team, AttributeDataType: String, Mutable: "false"}
        - {Name: group, AttributeDataType: String}
  StrictPool:
    Type: AWS::Cognito::UserPool
    Properties:
      MfaConfiguration: !If [IsStrict, "ON", OPTIONAL]
      Policies: !If [InUsEast, {PasswordPolicy: {MinimumLength: 20}}, !Ref AWS::NoValue]
  AllClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      WriteAttributes: !If [InUsEast, [email], [custom:group]]
  ListedClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [admin_no_srp_auth, !Ref Mfa]
      WriteAttributes: [custom:group, custom:team, !Ref Symbols]
  OtherPoolClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !ImportValue shared-pool
  Guests:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: !If [InUsEast, true, false]
"""

V2_AND_PERMISSIONS = f"""\
Parameters:
  Principal:
    Type: String
  UrlAuth:
    Type: String
Conditions:
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
{LAMBDA}\
  Imported:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !ImportValue shared-http-api
      RouteKey: GET /imported
  ImportedCustom:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !ImportValue shared-api
      RouteKey: sendMessage
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !ImportValue shared-http-api
      AuthorizerType: jwt
      Name: jwt
      JwtConfiguration:
        Issuer: !If [InUsEast, https://a.example.com/, !Ref AWS::NoValue]
        Audience: !Split [",", !ImportValue audiences]
  JwtByRegion:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !ImportValue shared-http-api
      AuthorizerType: JWT
      Name: by-region
      JwtConfiguration:
        !If [InUsEast, {{Issuer: "https://a.example.com/", Audience: [a]}}, {{Issuer: "https://b.example.com/"}}]
  UnknownPrincipal:
    Type: AWS::Lambda::Permission
    Properties: {{FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: !Ref Principal}}
  UnknownUrlAuth:
    Type: AWS::Lambda::Permission
    Properties:
      {{FunctionName: !Ref Fn, Action: lambda:InvokeFunctionUrl, Principal: "*", FunctionUrlAuthType: !Ref UrlAuth}}
  Account:
    Type: AWS::Lambda::Permission
    Properties: {{FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: "123456789012"}}
"""

SAM_UNKNOWNS = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      DefaultAuthorizer: AWS_IAM
Resources:
  FileApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionUri: s3://specs/api.yaml
  NoGlobalsApi:
    Type: AWS::Serverless::Api
    IgnoreGlobals: "*"
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Missing
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://artifacts/app.zip
      Events:
        Implicit:
          Type: Api
          Properties: {Path: /implicit, Method: get}
        Elsewhere:
          Type: Api
          Properties: {RestApiId: !ImportValue shared-api, Path: /elsewhere, Method: get}
        Missing:
          Type: Api
          Properties: {RestApiId: !Ref NoGlobalsApi, Path: /missing, Method: get}
        IamWithoutFlag:
          Type: HttpApi
          Properties: {Path: /iam, Method: get, Auth: {Authorizer: AWS_IAM}}
"""


def _unknowns(data: dict) -> set[tuple[str, str]]:
    return {(u.resource, u.attribute) for u in build(detect(data), data).unknowns}


CASES = {
    "rest_body_resources_and_quick_create": (_yaml(REST_BODY), {
        "api_operations": {
            op("BodyApi", "GET", "/inherits", "AWS_IAM", ["Fn"], api="BodyApi"),
            op("BodyApi", "ANY", "/open", "NONE", ["Fn"], api="BodyApi"),
            op("BodyApi", "OPTIONS", "/open", "NONE", api="BodyApi"),
            op("BodyApi", "POST", "/keyed", "NONE", api="BodyApi", key=True),
            op("BodyApi", "PUT", "/both", "AWS_IAM", api="BodyApi", key=True),
            op("QuickApi", "ANY", "$default", "NONE", ["Fn"], api="QuickApi", kind="http"),
            op("V1Method", "GET", "/v1", "NONE", api="BodyApi"),
            op("LoopMethod", "GET", "", "AWS_IAM", api="BodyApi"),
            op("UnnamedMethod", "GET", "", "NONE"),
        },
    }, {("BodyApi", "authorization"), ("S3Api", "authorization"), ("IncludedApi", "authorization"),
        # FG_01_01 (Coverage C): an API body in S3 or included from a file hides its request validators
        ("S3Api", "request_body_validated"), ("IncludedApi", "request_body_validated"),
        # FG_10_03 (Coverage D): and its gateway responses
        ("S3Api", "default_4xx_response"), ("S3Api", "default_5xx_response"),
        ("IncludedApi", "default_4xx_response"), ("IncludedApi", "default_5xx_response")}),
    "conftest_plain_strings": (CONFTEST, {
        "api_operations": {op("Get", "GET", "/orders", "COGNITO_USER_POOLS", ["Fn"], api="Api")},
        "authorizers": {authorizer("Cognito", "cognito", "COGNITO_USER_POOLS")},
        "lambda_permissions": {permission("Open", "*", functions=["Fn"])},
    }, set()),
    "cognito_values_deployment_settles": (_yaml(COGNITO_UNKNOWNS), {
        "cognito": {
            cognito("Pool", "user_pool", "password_minimum_length", "9"),
            cognito("Pool", "user_pool", "password_requires", "numbers"),
            cognito("StrictPool", "user_pool", "mfa", "OPTIONAL"),
            cognito("ListedClient", "user_pool_client", "explicit_auth_flows", "ADMIN_NO_SRP_AUTH"),
            cognito("ListedClient", "user_pool_client", "writable_custom_attribute", "group"),
        },
    }, {("Pool", "mfa"), ("Pool", "password_requires"), ("Pool", "schema.role.mutable"),
        ("StrictPool", "password_policy"), ("AllClient", "writable_custom_attribute"),
        ("ListedClient", "explicit_auth_flows"), ("ListedClient", "writable_custom_attribute"),
        ("Guests", "allow_unauthenticated")}),
    "routes_authorizers_permissions": (_yaml(V2_AND_PERMISSIONS), {
        "api_operations": {op("Imported", "GET", "/imported", "NONE", kind="http")},
        "authorizers": {authorizer("Jwt", "jwt", "JWT", attached=False, issuer=SET_AT_DEPLOYMENT,
                                   audiences=[SET_AT_DEPLOYMENT]),
                        authorizer("JwtByRegion", "by-region", "JWT", attached=False, issuer=SET_AT_DEPLOYMENT,
                                   audiences=[SET_AT_DEPLOYMENT])},
        "lambda_permissions": {permission("Account", "123456789012", functions=["Fn"])},
    }, {("ImportedCustom", "route_key"), ("UnknownPrincipal", "principal"), ("UnknownUrlAuth", "constrained")}),
    "sam_apis_deployment_settles": (_yaml(SAM_UNKNOWNS), {
        "api_operations": {op("Fn", "GET", "/implicit", "AWS_IAM", ["Fn"], api="ServerlessRestApi")},
        "authorizers": set(),
    }, {("FileApi", "authorization"), ("Fn", "authorization"),
        # the definition is in S3: FG_01_01 (Coverage C) cannot see its validators, FG_10_03 (Coverage D)
        # its gateway responses
        ("FileApi", "request_body_validated"), ("FileApi", "default_4xx_response"),
        ("FileApi", "default_5xx_response")}),
}


@pytest.fixture(scope="module")
def rego_views_of_cases() -> dict[str, dict[str, set]]:
    names = list(CASES)
    return dict(zip(names, _rego_views([CASES[n][0] for n in names])))


@pytest.mark.parametrize("name", sorted(CASES))
def test_records_are_exactly_the_expected_ones(name):
    data, expected, _ = CASES[name]
    found = _python_views(data)
    assert {view: found[view] for view in expected} == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_only_deployment_settles_are_unknowns(name):
    data, _, unknowns = CASES[name]
    assert _unknowns(data) == unknowns


@pytest.mark.parametrize("name", sorted(CASES))
def test_rego_builds_the_same_records(name, rego_views_of_cases):
    assert rego_views_of_cases[name] == _python_views(CASES[name][0])


def test_an_alternative_of_each_branch_and_a_parameter_default():
    data = _yaml(f"""\
Parameters:
  Auth:
    Type: String
    Default: none
Conditions:
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
{LAMBDA}\
  Api:
    Type: AWS::ApiGateway::RestApi
  Either:
    Type: AWS::ApiGateway::Method
    Properties: {{RestApiId: !Ref Api, ResourceId: !GetAtt Api.RootResourceId, HttpMethod: POST,
                 AuthorizationType: !If [InUsEast, !Ref AWS::NoValue, AWS_IAM]}}
  Same:
    Type: AWS::ApiGateway::Method
    Properties: {{RestApiId: !Ref Api, ResourceId: !GetAtt Api.RootResourceId, HttpMethod: GET,
                 AuthorizationType: !If [InUsEast, NONE, !Ref Auth]}}
""")
    assert _python_views(data)["api_operations"] == {
        op("Either", "POST", "/", "NONE", api="Api", choices=2),
        op("Either", "POST", "/", "AWS_IAM", api="Api", choices=2),
        op("Same", "GET", "/", "NONE", api="Api"),  # NoValue and the Default none are both NONE: one value
    }
    assert _rego_views([data])[0] == _python_views(data)


@pytest.mark.parametrize("template", TEMPLATE_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_both_engines_read_the_fixtures_alike(template, fixture_views):
    python, rego = fixture_views[template]
    assert rego == python


@pytest.fixture(scope="module")
def fixture_views() -> dict[Path, tuple[dict, dict]]:
    documents = [_yaml(t.read_text()) for t in TEMPLATE_FIXTURES]
    rego = _rego_views(documents)
    return {t: (_python_views(d), r) for t, d, r in zip(TEMPLATE_FIXTURES, documents, rego)}


# --- SAM as the transform builds it ---------------------------------------------------------------

def _transformed(data: dict) -> dict:
    """The template samtranslator generates (offline: a region, no managed-policy lookups)."""
    samtranslator = pytest.importorskip("samtranslator.translator.transform")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    data = copy.deepcopy(data)
    for resource in data["Resources"].values():  # the transform checks code locations, faasguard does not
        if resource.get("Type") == "AWS::Serverless::Function":
            resource.setdefault("Properties", {})["CodeUri"] = "s3://artifacts/code.zip"
    data.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
    pseudo = {"AWS::Region": "us-east-1", "AWS::Partition": "aws", "AWS::AccountId": "123456789012"}

    class NoManagedPolicies:
        def load(self):
            return {}

    return _without_none_markers(samtranslator.transform(data, pseudo, NoManagedPolicies()))


def _without_none_markers(template: dict) -> dict:
    """SAM leaves `{"NONE": []}` (its `Authorizer: NONE`) in the security of HTTP API operations; API
    Gateway reads it as no authorization."""
    for resource in template["Resources"].values():
        paths = resource.get("Properties", {}).get("Body", {}).get("paths") or {}
        for operation in (o for item in paths.values() for o in item.values() if isinstance(o, dict)):
            if isinstance(operation.get("security"), list):
                operation["security"] = [entry for entry in operation["security"] if "NONE" not in entry]
    return template


def _calls(views: dict[str, set]) -> set[tuple]:
    """What each operation (OPTIONS aside: the transform adds preflights) authorizes, wherever it is written."""
    fields = ("kind", "method", "path", "authorization", "api_key_required", "functions")
    records = [dict(r) for r in views["api_operations"]]
    return {tuple(r[f] for f in fields) for r in records if r["method"] != "OPTIONS"}


@pytest.mark.parametrize("template", SAM_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_sam_operations_are_those_of_the_transformed_template(template):
    data = _yaml(template.read_text())
    assert _calls(_python_views(data)) == _calls(_python_views(_transformed(data)))


# --- CloudFormation resources embedded in another format ------------------------------------------

EMBEDDED = {
    "Resources": {
        "TokenAuthorizer": {"Type": "AWS::ApiGateway::Authorizer",
                            "Properties": {"Name": "token", "Type": "TOKEN"}},
        "SpareAuthorizer": {"Type": "AWS::ApiGateway::Authorizer",
                            "Properties": {"Name": "spare", "Type": "REQUEST"}},
        "PublicInvoke": {"Type": "AWS::Lambda::Permission",
                         "Properties": {"FunctionName": {"Fn::GetAtt": ["HelloLambdaFunction", "Arn"]},
                                        "Action": "lambda:InvokeFunction", "Principal": "*"}},
    }
}
HOST = {"functions": {"HelloLambdaFunction": "hello"}, "attached": ["TokenAuthorizer"]}


def test_embedded_resources_take_the_host_functions_and_attached_authorizers():
    builder = ViewBuilder()
    resource_views(Template(EMBEDDED), builder, Host(HOST["functions"], frozenset(HOST["attached"])))
    found = {name: {_record(r) for r in getattr(builder.views, name)} for name in VIEWS}
    assert found == {
        "api_operations": set(),
        "lambda_permissions": {permission("PublicInvoke", "*", functions=["hello"])},
        "authorizers": {authorizer("TokenAuthorizer", "token", "TOKEN"),
                        authorizer("SpareAuthorizer", "spare", "REQUEST", attached=False)},
        "cognito": set(),
    }
    query = ("[{name: {r | some r in v[name]} | some name in %s} | some doc in input.documents; "
             "v := data.faasguard.lib.cloudformation_apis.resource_views(doc, %s)]" % (json.dumps(list(VIEWS)),
                                                                                      json.dumps(HOST)))
    rego = _opa([EMBEDDED], query)[0]
    assert {name: {_record(r) for r in rego[name]} for name in VIEWS} == found
