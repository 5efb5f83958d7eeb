"""The API views of a serverless.yml (api_operations, authorizers; docs/formats/serverless_apis.md):
the records the Python model builds for each way of writing `http`, `httpApi` and `websocket` events and
`provider.httpApi.authorizers`, and the same records from the Rego adapter (the real opa binary)."""
from __future__ import annotations

import json
import random
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.model import build
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import SET_AT_DEPLOYMENT
from tests.conftest import ROOT, tool

POOL_ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Ab12Cd34E"
LAMBDA_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:auth-prod-check"
ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E"


def _service(events: list, provider: dict | None = None, **top) -> dict:
    """A service whose function `api` has the given events (and an `auth` function to name)."""
    return {
        "service": "shop",
        "provider": {"name": "aws", "runtime": "nodejs20.x", **(provider or {})},
        "functions": {"auth": {"handler": "auth.handler"}, "api": {"handler": "api.handler", "events": events}},
        **top,
    }


def _operations(document: dict) -> set[tuple]:
    """(resource, kind, method, path, authorization, api_key_required, choices) of each record."""
    return {(o.resource, o.kind, o.method, o.path, o.authorization, o.api_key_required, o.choices)
            for o in build("serverless", document).api_operations}


def _authorizers(document: dict) -> set[tuple]:
    return {(a.resource, a.name, a.kind, a.attached, a.jwt_issuer, a.jwt_audiences)
            for a in build("serverless", document).authorizers}


def _unknowns(document: dict) -> set[tuple[str, str, str]]:
    return {(u.resource, u.view, u.attribute) for u in build("serverless", document).unknowns}


def _rest(path: str, method: str, authorization: str, api_key_required: bool = False, choices: int = 1):
    return ("api", "rest", method, path, authorization, api_key_required, choices)


def _route(kind: str, method: str, path: str, authorization: str):
    return ("api", kind, method, path, authorization, False, 1)


# ---- http: REST API ---------------------------------------------------------------------------

REST_CASES = {
    # the shorthand is split on spaces; one leading and one trailing slash are stripped, then one added
    "shorthand": ({"http": "GET /orders/"}, _rest("/orders", "GET", "NONE")),
    "map without authorizer": ({"http": {"method": "post", "path": "orders"}}, _rest("/orders", "POST", "NONE")),
    "root path": ({"http": {"method": "get", "path": "/"}}, _rest("/", "GET", "NONE")),
    # an API key is not authentication: still NONE
    "private": ({"http": {"method": "get", "path": "/keys", "private": True}}, _rest("/keys", "GET", "NONE", True)),
    "null authorizer": ({"http": {"method": "get", "path": "/a", "authorizer": None}}, _rest("/a", "GET", "NONE")),
    "empty authorizer": ({"http": {"method": "get", "path": "/a", "authorizer": ""}}, _rest("/a", "GET", "NONE")),
    "aws_iam string": ({"http": {"method": "get", "path": "/a", "authorizer": "aws_iam"}},
                       _rest("/a", "GET", "AWS_IAM")),
    "aws_iam type": ({"http": {"method": "get", "path": "/a", "authorizer": {"type": "AWS_IAM"}}},
                     _rest("/a", "GET", "AWS_IAM")),
    "function name": ({"http": {"method": "get", "path": "/a", "authorizer": "auth"}}, _rest("/a", "GET", "CUSTOM")),
    "lambda arn": ({"http": {"method": "get", "path": "/a", "authorizer": LAMBDA_ARN}}, _rest("/a", "GET", "CUSTOM")),
    "user pool arn": ({"http": {"method": "get", "path": "/a", "authorizer": POOL_ARN}},
                      _rest("/a", "GET", "COGNITO_USER_POOLS")),
    "request type with name": ({"http": {"method": "get", "path": "/a",
                                         "authorizer": {"name": "auth", "type": "request"}}},
                               _rest("/a", "GET", "CUSTOM")),
    "cognito type with GetAtt arn": ({"http": {"method": "get", "path": "/a", "authorizer": {
        "name": "pool", "type": "COGNITO_USER_POOLS", "arn": {"Fn::GetAtt": ["UserPool", "Arn"]}}}},
        _rest("/a", "GET", "COGNITO_USER_POOLS")),
    # a non-string ARN without type is compiled as a Lambda authorizer
    "GetAtt arn without type": ({"http": {"method": "get", "path": "/a",
                                          "authorizer": {"name": "x", "arn": {"Fn::GetAtt": ["Fn", "Arn"]}}}},
                                _rest("/a", "GET", "CUSTOM")),
    "shared cognito authorizer": ({"http": {"method": "get", "path": "/a", "authorizer": {
        "type": "COGNITO_USER_POOLS", "authorizerId": {"Ref": "ApiGatewayAuthorizer"}}}},
        _rest("/a", "GET", "COGNITO_USER_POOLS")),
    "shared token authorizer": ({"http": {"method": "get", "path": "/a", "authorizer": {
        "type": "token", "authorizerId": "abc123"}}}, _rest("/a", "GET", "CUSTOM")),
    "options": ({"http": {"method": "options", "path": "/a"}}, _rest("/a", "OPTIONS", "NONE")),
}


@pytest.mark.parametrize("event, expected", REST_CASES.values(), ids=REST_CASES.keys())
def test_rest_event(event, expected):
    assert _operations(_service([event])) == {expected}


def test_an_arn_only_deployment_settles_is_a_lambda_or_a_user_pool():
    document = _service([{"http": {"method": "get", "path": "/a", "authorizer": {"arn": "${ssm:/auth/arn}"}}}])
    assert _operations(document) == {_rest("/a", "GET", "CUSTOM", choices=2),
                                     _rest("/a", "GET", "COGNITO_USER_POOLS", choices=2)}
    assert _authorizers(document) == set()


def test_a_cognito_arn_from_custom_is_read():
    document = _service([{"http": {"method": "get", "path": "/a", "authorizer": "${self:custom.pool}"}}],
                        custom={"pool": POOL_ARN})
    assert _operations(document) == {_rest("/a", "GET", "COGNITO_USER_POOLS")}


@pytest.mark.parametrize("authorizer", ["${env:AUTHORIZER}", {"identitySource": "method.request.header.Auth"},
                                        {"type": "${env:TYPE}", "name": "auth"}])
def test_an_authorization_the_files_do_not_settle_is_unknown(authorizer):
    document = _service([{"http": {"method": "get", "path": "/a", "authorizer": authorizer}}])
    assert _operations(document) == set()
    assert _unknowns(document) == {("api", "api_operations", "authorization")}


@pytest.mark.parametrize("http", ["GET", {"method": "${opt:method}", "path": "/a"}, {"method": "get"}])
def test_a_route_the_files_do_not_settle_is_unknown(http):
    document = _service([{"http": http}])
    assert _operations(document) == set()
    # FG_01_01 (Coverage C): a route the files do not settle hides its request validation too (api_settings)
    assert _unknowns(document) == {("api", "api_operations", "authorization"),
                                   ("api", "api_settings", "request_body_validated")}


def test_events_the_files_do_not_settle_are_unknown():
    # FG_01_01 (Coverage C): an event the files do not settle may be an http event, so its request validation
    # is unknown too (api_settings); FG_11_03 (Coverage D): and whether anything invokes the function
    document = _service("${self:custom.missing}")
    assert _operations(document) == set()
    assert _unknowns(document) == {("api", "api_operations", "events"),
                                   ("api", "api_settings", "request_body_validated"),
                                   ("api", "function_settings", "invoked_by")}
    document = _service(["${env:EVENT}", {"http": "GET /a"}])
    assert _operations(document) == {_rest("/a", "GET", "NONE")}
    assert _unknowns(document) == {("api", "api_operations", "events"),
                                   ("api", "api_settings", "request_body_validated")}


def test_events_set_elsewhere_in_the_file_are_read():
    document = _service("${self:custom.events}", custom={"events": [{"http": "${self:custom.route}"}],
                                                         "route": "DELETE /orders/{id}"})
    assert _operations(document) == {_rest("/orders/{id}", "DELETE", "NONE")}


def test_other_events_are_not_api_operations():
    document = _service([{"schedule": "rate(1 hour)"}, {"sqs": "arn:aws:sqs:eu-west-1:123456789012:q"},
                         {"http": None}, "not-an-event"])
    assert _operations(document) == set()
    assert _unknowns(document) == set()


def test_rest_events_declare_their_authorizers():
    document = _service([
        {"http": {"method": "get", "path": "/a", "authorizer": "auth"}},
        {"http": {"method": "get", "path": "/b", "authorizer": {"name": "auth", "type": "request"}}},
        {"http": {"method": "get", "path": "/c", "authorizer": POOL_ARN}},
        {"http": {"method": "get", "path": "/d", "authorizer": {"arn": LAMBDA_ARN}}},
        {"http": {"method": "get", "path": "/e", "authorizer": "aws_iam"}},
        {"http": {"method": "get", "path": "/f", "authorizer": {"type": "COGNITO_USER_POOLS",
                                                                "authorizerId": {"Ref": "Shared"}}}},
    ])
    assert _authorizers(document) == {
        ("api", "auth", "TOKEN", True, "", ()),
        ("api", "auth", "REQUEST", True, "", ()),
        ("api", POOL_ARN, "COGNITO_USER_POOLS", True, "", ()),
        ("api", LAMBDA_ARN, "TOKEN", True, "", ()),
    }


# ---- httpApi: HTTP API ------------------------------------------------------------------------

JWT = {"type": "jwt", "identitySource": "$request.header.Authorization", "issuerUrl": ISSUER,
       "audience": ["7a1b2c3d4e5f6g7h8i9j0k"]}
DECLARED = {"httpApi": {"authorizers": {"jwtAuth": JWT, "lambdaAuth": {"type": "request", "functionName": "auth"}}}}

HTTP_API_CASES = {
    "catch-all": ("*", _route("http", "ANY", "$default", "NONE")),
    "shorthand": ("GET /orders", _route("http", "GET", "/orders", "NONE")),
    "lower-case shorthand": ("get /orders", _route("http", "GET", "/orders", "NONE")),
    "any method": ({"method": "*", "path": "/orders"}, _route("http", "ANY", "/orders", "NONE")),
    "catch-all map": ({"path": "*"}, _route("http", "ANY", "$default", "NONE")),
    "named jwt": ({"method": "post", "path": "/orders", "authorizer": "jwtAuth"},
                  _route("http", "POST", "/orders", "JWT")),
    "named jwt map": ({"method": "post", "path": "/orders", "authorizer": {"name": "jwtAuth", "scopes": ["a"]}},
                      _route("http", "POST", "/orders", "JWT")),
    "named request": ({"method": "put", "path": "/orders", "authorizer": {"name": "lambdaAuth"}},
                      _route("http", "PUT", "/orders", "CUSTOM")),
    "aws_iam": ({"method": "get", "path": "/admin", "authorizer": {"type": "aws_iam"}},
                _route("http", "GET", "/admin", "AWS_IAM")),
    "external jwt id": ({"method": "get", "path": "/x", "authorizer": {"id": "abc123"}},
                        _route("http", "GET", "/x", "JWT")),
    "external request id": ({"method": "get", "path": "/x", "authorizer": {"id": "abc123", "type": "request"}},
                            _route("http", "GET", "/x", "CUSTOM")),
    "options": ({"method": "options", "path": "/x"}, _route("http", "OPTIONS", "/x", "NONE")),
}


@pytest.mark.parametrize("event, expected", HTTP_API_CASES.values(), ids=HTTP_API_CASES.keys())
def test_http_api_event(event, expected):
    assert _operations(_service([{"httpApi": event}], DECLARED)) == {expected}


@pytest.mark.parametrize("event", ["BREW /coffee", "GET", {"method": "get", "path": "*"}, {"path": "/x"},
                                   {"method": "teapot", "path": "/x"}, {"method": "get", "path": "${env:P}"}])
def test_an_http_api_route_the_framework_refuses_or_the_files_do_not_settle_is_unknown(event):
    document = _service([{"httpApi": event}], DECLARED)
    assert _operations(document) == set()
    assert ("api", "api_operations", "authorization") in _unknowns(document)


@pytest.mark.parametrize("authorizer", [{"name": "undeclared"}, {"name": "${env:AUTH}"}, "${env:AUTH}",
                                        {"scopes": ["a"]}, {"name": "jwtAuth", "type": "${env:T}"}])
def test_an_http_api_authorization_the_files_do_not_settle_is_unknown(authorizer):
    document = _service([{"httpApi": {"method": "get", "path": "/x", "authorizer": authorizer}}], DECLARED)
    assert _operations(document) == set()


def test_declared_http_api_authorizers():
    document = _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": {"name": "jwtAuth"}}}], DECLARED)
    assert _authorizers(document) == {
        ("provider", "jwtAuth", "JWT", True, ISSUER, ("7a1b2c3d4e5f6g7h8i9j0k",)),
        ("provider", "lambdaAuth", "REQUEST", False, "", ()),
    }


def test_a_jwt_authorizer_without_issuer_or_audience_is_recorded_empty():
    provider = {"httpApi": {"authorizers": {
        "noAudience": {"issuerUrl": ISSUER}, "noIssuer": {"type": "jwt", "audience": "client-1"}}}}
    document = _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "noAudience"}},
                         {"httpApi": {"method": "get", "path": "/b", "authorizer": "noIssuer"}}], provider)
    assert _authorizers(document) == {("provider", "noAudience", "JWT", True, ISSUER, ()),
                                      ("provider", "noIssuer", "JWT", True, "", ("client-1",))}


def test_jwt_settings_set_elsewhere_in_the_file_are_read():
    provider = {"httpApi": {"authorizers": {"jwtAuth": {
        "issuerUrl": "${self:custom.issuer}", "audience": ["${self:custom.client}", ""]}}}}
    document = _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "jwtAuth"}}], provider,
                        custom={"issuer": ISSUER, "client": "client-1"})
    assert _authorizers(document) == {("provider", "jwtAuth", "JWT", True, ISSUER, ("client-1",))}


# an issuer or audience only deployment settles is set all the same: the JWT configuration pins it
@pytest.mark.parametrize("jwt, issuer, audiences", [
    ({"issuerUrl": "https://cognito-idp.${aws:region}.amazonaws.com/${self:custom.pool}", "audience": "client-1"},
     SET_AT_DEPLOYMENT, ("client-1",)),
    ({"issuerUrl": ISSUER, "audience": "${ssm:/audience}"}, ISSUER, (SET_AT_DEPLOYMENT,)),
    ({"issuerUrl": ISSUER, "audience": ["${ssm:/audience}", "client-1"]}, ISSUER, (SET_AT_DEPLOYMENT, "client-1")),
    ({"issuerUrl": {"Fn::GetAtt": ["UserPool", "ProviderURL"]}, "audience": [{"Ref": "UserPoolClient"}]},
     SET_AT_DEPLOYMENT, (SET_AT_DEPLOYMENT,)),
])
def test_jwt_settings_only_deployment_settles_are_set(jwt, issuer, audiences):
    document = _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "jwtAuth"}}],
                        {"httpApi": {"authorizers": {"jwtAuth": jwt}}})
    assert _authorizers(document) == {("provider", "jwtAuth", "JWT", True, issuer, audiences)}


def test_an_authorizer_type_only_deployment_settles_is_unknown():
    document = _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "jwtAuth"}}],
                        {"httpApi": {"authorizers": {"jwtAuth": {"type": "${env:TYPE}", "issuerUrl": ISSUER}}}})
    assert _authorizers(document) == set()
    assert ("provider", "authorizers", "httpApi.authorizers.jwtAuth.type") in _unknowns(document)


def test_attachment_is_unknown_when_an_event_may_name_the_authorizer():
    for events in (["${env:EVENT}"], [{"httpApi": {"method": "get", "path": "/a", "authorizer": "${env:AUTH}"}}],
                   [{"httpApi": "${env:ROUTE}"}], "${env:EVENTS}"):
        document = _service(events, DECLARED)
        assert _authorizers(document) == set(), events
        assert ("provider", "authorizers", "httpApi.authorizers.jwtAuth.attached") in _unknowns(document)


def test_declared_authorizers_the_files_do_not_settle_are_unknown():
    document = _service([{"httpApi": "GET /a"}], {"httpApi": {"authorizers": "${file(./auth.js)}"}})
    assert _authorizers(document) == set()
    assert _unknowns(document) == {("provider", "authorizers", "httpApi.authorizers")}


# ---- websocket --------------------------------------------------------------------------------

def test_websocket_routes():
    document = _service([
        {"websocket": "$disconnect"},
        {"websocket": {"route": "$default"}},
        {"websocket": {"route": "$connect", "authorizer": "auth"}},
        {"websocket": {"route": "$connect",
                       "authorizer": {"arn": LAMBDA_ARN, "identitySource": ["route.request.header.Auth"]}}},
        {"websocket": {"route": "sendMessage"}},
    ])
    assert _operations(document) == {
        _route("websocket", "", "$disconnect", "NONE"), _route("websocket", "", "$default", "NONE"),
        _route("websocket", "", "$connect", "CUSTOM"), _route("websocket", "", "sendMessage", "NONE"),
    }
    assert _authorizers(document) == {("api", "auth", "REQUEST", True, "", ()),
                                      ("api", LAMBDA_ARN, "REQUEST", True, "", ())}


def test_websocket_connect_without_authorizer():
    assert _operations(_service([{"websocket": {"route": "$connect"}}])) == {
        _route("websocket", "", "$connect", "NONE")}


def test_a_websocket_route_or_authorizer_the_files_do_not_settle_is_unknown():
    document = _service([{"websocket": {"route": "${env:ROUTE}"}},
                         {"websocket": {"route": "$connect", "authorizer": "${env:AUTH}"}}])
    assert _operations(document) == set()
    assert _unknowns(document) == {("api", "api_operations", "authorization")}


# ---- resources.Resources ----------------------------------------------------------------------

def _embedded(events: list) -> dict:
    """A service with a function `create-order` and CloudFormation resources of its own."""
    return {
        "service": "shop",
        "provider": {"name": "aws", "runtime": "nodejs20.x"},
        "functions": {"create-order": {"handler": "h.create", "events": events}},
        "resources": {"Resources": {
            "PublicPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
                "Action": "lambda:InvokeFunction", "Principal": "*",
                "FunctionName": {"Fn::GetAtt": ["CreateDashorderLambdaFunction", "Arn"]}}},
            "SharedAuthorizer": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {
                "Type": "COGNITO_USER_POOLS", "RestApiId": {"Ref": "ApiGatewayRestApi"}}},
            "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": True}},
        }},
    }


def test_embedded_resources_are_read_as_in_a_template():
    views = build("serverless", _embedded([]))
    assert [(p.resource, p.principal, p.constrained, p.functions) for p in views.lambda_permissions] == [
        ("PublicPermission", "*", False, ("create-order",))]
    assert [(c.resource, c.setting, c.value) for c in views.cognito] == [("Pool", "allow_unauthenticated", "true")]
    assert [(a.resource, a.attached) for a in views.authorizers] == [("SharedAuthorizer", False)]


def test_resources_given_as_a_list_of_maps_are_merged_in_both_engines():
    document = _embedded([])
    resources = document.pop("resources")["Resources"]
    document["resources"] = [{"Resources": {"PublicPermission": resources["PublicPermission"]}},
                             {"Resources": {"Pool": resources["Pool"]}}]
    views = build("serverless", document)
    assert [p.resource for p in views.lambda_permissions] == ["PublicPermission"]
    assert [c.resource for c in views.cognito] == ["Pool"]
    for view in ("lambda_permissions", "cognito"):
        assert _rego_views([document], view) == [_python_view(document, view)]


@pytest.mark.parametrize("authorizer_id", [{"Ref": "SharedAuthorizer"}, {"Fn::GetAtt": ["SharedAuthorizer", "Arn"]},
                                           "SharedAuthorizer.Arn", "SharedAuthorizer"])
def test_an_authorizer_an_event_names_is_attached(authorizer_id):
    event = {"http": {"method": "get", "path": "/a",
                      "authorizer": {"type": "COGNITO_USER_POOLS", "authorizerId": authorizer_id}}}
    views = build("serverless", _embedded([event]))
    assert [(a.resource, a.attached) for a in views.authorizers] == [("SharedAuthorizer", True)]


HEALTH_METHOD = {
    "service": "shop", "provider": {"name": "aws"}, "functions": {"health": {"handler": "h.health"}},
    "resources": {"Resources": {"HealthMethod": {"Type": "AWS::ApiGateway::Method", "Properties": {
        "HttpMethod": "GET", "RestApiId": {"Ref": "ApiGatewayRestApi"},
        "ResourceId": {"Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"]},
        "Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::Sub": (
            "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
            "${HealthLambdaFunction.Arn}/invocations")}},
    }}}},
}


def test_embedded_api_gateway_methods_are_operations():
    operations = build("serverless", HEALTH_METHOD).api_operations
    assert [(o.resource, o.method, o.path, o.authorization, o.functions) for o in operations] == [
        ("HealthMethod", "GET", "/", "NONE", ("health",))]


@pytest.mark.parametrize("name, logical_id", [
    ("hello", "HelloLambdaFunction"), ("create-order", "CreateDashorderLambdaFunction"),
    ("send_mail", "SendUnderscoremailLambdaFunction"), ("v2API", "V2APILambdaFunction"),
])
def test_function_logical_ids(name, logical_id):
    assert lambda_logical_id(name) == logical_id


# ---- both engines -----------------------------------------------------------------------------

def _documents() -> list[dict]:
    """Every document of this file's cases, for the engine comparison."""
    documents = [_service([event]) for event, _ in REST_CASES.values()]
    documents += [_service([{"httpApi": event}], DECLARED) for event, _ in HTTP_API_CASES.values()]
    documents += [
        _service([{"http": {"method": "get", "path": "/a", "authorizer": {"arn": "${ssm:/auth/arn}"}}}]),
        _service([{"http": {"method": "get", "path": "/a", "authorizer": "${self:custom.pool}"}}],
                 custom={"pool": POOL_ARN}),
        _service([{"http": {"method": "get", "path": "/a", "authorizer": "${env:A}"}}, {"http": "GET"},
                  {"http": {"method": "get", "path": "/b", "authorizer": {"identitySource": "x"}}}]),
        _service("${self:custom.events}", custom={"events": [{"http": "${self:custom.route}"}], "route": "PUT /x/"}),
        _service([{"schedule": "rate(1 hour)"}, {"http": None}, "not-an-event"]),
        _service([{"httpApi": "BREW /coffee"}, {"httpApi": {"method": "get", "path": "*"}},
                  {"httpApi": {"method": "get", "path": "/u", "authorizer": {"name": "undeclared"}}}], DECLARED),
        _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "noAudience"}},
                  {"httpApi": {"method": "get", "path": "/b", "authorizer": {"name": "noIssuer"}}}],
                 {"httpApi": {"authorizers": {"noAudience": {"issuerUrl": ISSUER},
                                              "noIssuer": {"type": "jwt", "audience": "client-1"},
                                              "unsettled": {"issuerUrl": "${env:I}", "audience": "a"},
                                              "listed": {"issuerUrl": ISSUER, "audience": ["${ssm:/a}", "b"]},
                                              "unused": {"type": "request", "functionName": "auth"}}}}),
        _service(["${env:EVENT}", {"httpApi": "GET /a"}], DECLARED),
        _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "${env:AUTH}"}}], DECLARED),
        _service([{"httpApi": "GET /a"}], {"httpApi": {"authorizers": "${file(./auth.js)}"}}),
        _service([{"httpApi": "GET /a"}], {"httpApi": "${file(./http.js)}"}),
        _embedded([]),
        HEALTH_METHOD,
        _embedded([{"http": {"method": "get", "path": "/a", "authorizer": {
            "type": "COGNITO_USER_POOLS", "authorizerId": {"Fn::GetAtt": ["SharedAuthorizer", "Arn"]}}}}]),
        _embedded([{"httpApi": {"method": "get", "path": "/a", "authorizer": {"id": "SharedAuthorizer"}}}]),
        _service([{"httpApi": {"method": "get", "path": "/a", "authorizer": "jwtAuth"}}],
                 {"httpApi": {"authorizers": {"jwtAuth": {
                     "issuerUrl": {"Fn::GetAtt": ["UserPool", "ProviderURL"]},
                     "audience": ["${ssm:/audience}", "", "client-1"]}}}}),
        _service([{"websocket": "$disconnect"}, {"websocket": {"route": "$connect", "authorizer": "auth"}},
                  {"websocket": {"route": "$connect", "authorizer": {"arn": LAMBDA_ARN}}},
                  {"websocket": {"route": "${env:R}"}}, {"websocket": {"route": "x", "authorizer": "${env:A}"}},
                  {"websocket": {"route": "$connect", "authorizer": {"Ref": "Authorizer"}}}]),
    ]
    return documents


def _python_view(document: dict, view: str) -> list[dict]:
    records = []
    for record in getattr(build("serverless", document), view):
        fields = {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(record).items()}
        if fields.pop("choices", 1) > 1:
            fields["choices"] = record.choices
        fields.pop("choice", None)
        records.append(fields)
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def _rego_views(documents: list[dict], view: str) -> list[list[dict]]:
    query = (f"[records | some doc in input.documents; "
             f"records := [r | some r in data.faasguard.model.{view}] with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return [sorted(({k: v for k, v in r.items() if k not in ("choice", "alternative")} for r in records),
                   key=lambda r: json.dumps(r, sort_keys=True)) for records in found]


@pytest.mark.parametrize("view", ["api_operations", "authorizers", "lambda_permissions", "cognito"])
def test_both_engines_build_the_same_records(view):
    documents = _documents()
    assert _rego_views(documents, view) == [_python_view(d, view) for d in documents]


# ---- both engines, on generated services --------------------------------------------------------

_ODD = [None, "", 0, True, False, 7, [], ["a"], {}, "${env:X}", "${self:custom.missing}", "${self:custom.pool}",
        "${ssm:/x}", {"Ref": "X"}, {"Fn::GetAtt": ["X", "Arn"]}]
_AUTHORIZERS = [
    "aws_iam", "AWS_IAM", "auth", POOL_ARN, LAMBDA_ARN, "jwtAuth", "lambdaAuth", "undeclared",
    {"type": "aws_iam"}, {"type": "COGNITO_USER_POOLS", "authorizerId": {"Ref": "Shared"}},
    {"type": "token", "authorizerId": "x"}, {"name": "auth"}, {"name": "auth", "type": "request"}, {"arn": POOL_ARN},
    {"arn": "${ssm:/a}"}, {"arn": {"Ref": "P"}},
    {"name": "p", "type": "COGNITO_USER_POOLS", "arn": {"Fn::GetAtt": ["P", "Arn"]}}, {"identitySource": "x"},
    {"id": "abc"}, {"id": {"Ref": "Shared"}, "type": "request"}, {"name": "jwtAuth", "scopes": ["a"]},
    {"name": "${env:A}"}, {"type": "${env:T}", "name": "auth"}, {"name": 3}, {"authorizerId": "x"},
]
_ROUTES = ["GET /a", "get /a/", "*", "BREW /a", "GET", "/a", "POST /a b", "$connect", "$disconnect", "send"]


def _random_event(rng) -> dict | str:
    """Mostly events as people write them, some odd or unsettled values."""
    kind = rng.choice(["http", "httpApi", "websocket", "schedule"])
    if rng.random() < 0.1:
        return rng.choice(_ODD) if rng.random() < 0.5 else {kind: rng.choice(_ODD)}
    if rng.random() < 0.3:
        return {kind: rng.choice(_ROUTES)}
    event = {"method": rng.choice(["get", "POST", "*", "options", "any"] * 3 + ["teapot", None, "${opt:m}"]),
             "path": rng.choice(["/a", "a/", "/b/{id}", "/"] * 3 + ["*", None, "${env:P}"]),
             "route": rng.choice(["$connect", "$default", "x"] * 3 + [None, "${env:R}"]),
             "authorizer": rng.choice(_AUTHORIZERS * 2 + _ODD), "private": rng.choice([True, False, None, "true"])}
    return {kind: {k: v for k, v in event.items() if v is not None or rng.random() < 0.2}}


def _random_service(rng) -> dict:
    jwt = {"type": rng.choice(["jwt", "JWT", None, "${env:T}"]),
           "issuerUrl": rng.choice([ISSUER, None, "", "${env:I}", {"Ref": "P"}]),
           "audience": rng.choice(["a", ["a", ""], [], None, "${ssm:/a}", ["${ssm:/a}"], [{"Ref": "C"}]])}
    authorizers = rng.choice([{"jwtAuth": jwt, "lambdaAuth": {"type": "request", "functionName": "auth"},
                               "odd": rng.choice(_ODD)}] * 3 + ["${env:A}", None, []])
    def events():
        return rng.choice([[_random_event(rng) for _ in range(rng.randint(0, 6))]] * 6
                          + ["${env:E}", None, {"http": "GET /a"}])

    functions = {name: {"handler": "h.h", "events": events()}
                 for name in rng.sample(["auth", "api", "create-order", "send_mail"], rng.randint(1, 3))}
    resources = {"Resources": {
        "Shared": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"Type": "COGNITO_USER_POOLS"}},
        "Open": {"Type": "AWS::Lambda::Permission", "Properties": {
            "Principal": rng.choice(["*", {"AWS": "*"}, "s3.amazonaws.com"]),
            "FunctionName": {"Fn::GetAtt": [rng.choice(["ApiLambdaFunction", "CreateDashorderLambdaFunction"]),
                                            "Arn"]}}},
    }}
    return {"service": "shop", "provider": {"name": "aws", "httpApi": {"authorizers": authorizers}},
            "custom": {"pool": POOL_ARN}, "functions": functions,
            **({"resources": resources} if rng.random() < 0.5 else {})}


@pytest.mark.parametrize("view", ["api_operations", "authorizers", "lambda_permissions"])
def test_both_engines_build_the_same_records_on_generated_services(view):
    rng = random.Random(20261201)
    documents = [_random_service(rng) for _ in range(150)]
    assert _rego_views(documents, view) == [_python_view(d, view) for d in documents]
