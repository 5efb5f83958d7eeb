"""The API views of Terraform modules and plans (docs/formats/terraform_apis.md): exact records for the
shapes people write, the values only deployment settles (never absent, never a finding), and the same
records from both engines on every Terraform fixture of the SAS-2 rules."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import terraform
from faasguard.model.terraform_apis import SET_AT_DEPLOYMENT
from faasguard.model.views import ApiOperation, Authorizer, CognitoSetting, LambdaPermission
from tests.conftest import rego_each_document, views_object
from tests.fixture_cases import FIXTURES

API_VIEWS = ("api_operations", "lambda_permissions", "authorizers", "cognito")
_RULES = ("FG_02_01", "FG_02_02", "FG_02_03", "FG_02_04", "FG_02_05", "FG_02_06")


def _module(tmp_path: Path, text: str):
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def _hcl(tmp_path: Path, text: str):
    return terraform.hcl_views(_module(tmp_path, text))


def _unknowns(views) -> set[tuple[str, str, str]]:
    return {(u.resource, u.view, u.attribute) for u in views.unknowns}


def _operation(resource, api, kind, method, path, authorization, api_key=False, functions=()):
    return ApiOperation(resource, api, kind, method, path, authorization, api_key, tuple(functions))


# ----------------------------------------------------------------------------------- REST APIs

REST = """
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "app.handler"
  runtime       = "python3.13"
  filename      = "app.zip"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.orders.function_name
  function_version = "$LATEST"
}
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}
resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}
resource "aws_api_gateway_resource" "order" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.orders.id
  path_part   = "{id}"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.order.id
  http_method      = "get"
  authorization    = "none"
  api_key_required = true
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.order.id
  http_method = aws_api_gateway_method.get.http_method
  type        = "AWS_PROXY"
  uri         = aws_lambda_alias.live.invoke_arn
}
resource "aws_api_gateway_method" "root" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}
# Linked to the root method by the same resource and HTTP method; the function by its ARN.
resource "aws_api_gateway_integration" "root" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = "GET"
  type        = "AWS_PROXY"
  uri         = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations"
}
variable "exposed" {
  type = bool
}
variable "authorization" {
  type = string
}
resource "aws_api_gateway_method" "choice" {
  rest_api_id   = var.rest_api_id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "POST"
  authorization = var.exposed ? "NONE" : "AWS_IAM"
}
resource "aws_api_gateway_method" "unknown" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "DELETE"
  authorization = var.authorization
}
"""


def test_rest_methods_paths_integrations_and_alternatives(tmp_path):
    views = _hcl(tmp_path, REST)
    plain = {o for o in views.api_operations if not o.choice}
    assert plain == {
        _operation("aws_api_gateway_method.get", "aws_api_gateway_rest_api.api", "rest", "GET", "/orders/{id}",
                   "NONE", True, ["aws_lambda_function.orders"]),
        _operation("aws_api_gateway_method.root", "aws_api_gateway_rest_api.api", "rest", "GET", "/", "AWS_IAM",
                   functions=["aws_lambda_function.orders"]),
    }
    choices = [o for o in views.api_operations if o.choice]
    assert {(o.resource, o.api, o.path, o.authorization, o.choices) for o in choices} == {
        ("aws_api_gateway_method.choice", "", "/orders", "NONE", 2),
        ("aws_api_gateway_method.choice", "", "/orders", "AWS_IAM", 2)}
    assert _unknowns(views) == {("aws_api_gateway_method.unknown", "api_operations", "authorization")}


# --------------------------------------------------------------------- HTTP and WebSocket APIs

ROUTES = """
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}
resource "aws_apigatewayv2_route" "get" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /orders"
  authorization_type = "AWS_IAM"
}
resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
}
resource "aws_apigatewayv2_route" "connect" {
  api_id    = aws_apigatewayv2_api.ws.id
  route_key = "$connect"
}
resource "aws_apigatewayv2_route" "elsewhere_get" {
  api_id    = var.api_id
  route_key = "POST /hooks"
}
resource "aws_apigatewayv2_route" "elsewhere_connect" {
  api_id    = var.api_id
  route_key = "$connect"
}
# HTTP or WebSocket: the API is elsewhere, no one can say.
resource "aws_apigatewayv2_route" "elsewhere_default" {
  api_id    = var.api_id
  route_key = "$default"
}
resource "aws_apigatewayv2_route" "unknown_key" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = var.route_key
}
"""


def test_routes_by_protocol_or_by_route_key(tmp_path):
    views = _hcl(tmp_path, ROUTES)
    assert {(o.resource, o.api, o.kind, o.method, o.path, o.authorization) for o in views.api_operations} == {
        ("aws_apigatewayv2_route.get", "aws_apigatewayv2_api.http", "http", "GET", "/orders", "AWS_IAM"),
        ("aws_apigatewayv2_route.default", "aws_apigatewayv2_api.http", "http", "ANY", "$default", "NONE"),
        ("aws_apigatewayv2_route.connect", "aws_apigatewayv2_api.ws", "websocket", "", "$connect", "NONE"),
        ("aws_apigatewayv2_route.elsewhere_get", "", "http", "POST", "/hooks", "NONE"),
        ("aws_apigatewayv2_route.elsewhere_connect", "", "websocket", "", "$connect", "NONE"),
    }
    assert _unknowns(views) == {("aws_apigatewayv2_route.unknown_key", "api_operations", "route_key")}


# ------------------------------------------------------------------------------ OpenAPI bodies

SCHEMES = {
    "cognito": {"type": "apiKey", "x-amazon-apigateway-authtype": "cognito_user_pools"},
    "sigv4": {"type": "apiKey", "x-amazon-apigateway-authtype": "awsSigv4"},
    "lambda": {"type": "apiKey", "x-amazon-apigateway-authtype": "custom"},
    "token": {"type": "apiKey", "x-amazon-apigateway-authorizer": {"type": "TOKEN"}},
    "key": {"type": "apiKey", "name": "x-api-key", "in": "header"},
    "oauth": {"type": "oauth2"},
}
BODY = {
    "openapi": "3.0.1",
    "security": [{"cognito": []}],
    "components": {"securitySchemes": SCHEMES},
    "paths": {
        "/orders": {"get": {}, "options": {"security": []}, "post": {"security": [{"key": [], "sigv4": []}]},
                    "parameters": []},
        "/keys": {"GET": {"security": [{"key": []}, {"oauth": []}]}},
        "/lambda": {"delete": {"security": [{"lambda": []}]}},
        "/token": {"x-amazon-apigateway-any-method": {"security": [{"token": []}]}},
        "/undefined": {"get": {"security": [{"nowhere": []}]}},
        "/summary": "not an operation",
    },
}


def _api_with_body(body: str) -> str:
    return f"""
resource "aws_api_gateway_rest_api" "api" {{
  name = "api"
  body = {body}
}}
"""


def test_openapi_security_requirements_and_schemes(tmp_path):
    views = _hcl(tmp_path, _api_with_body(f"jsonencode({json.dumps(BODY)})"))
    assert {(o.method, o.path, o.authorization, o.api_key_required) for o in views.api_operations} == {
        ("GET", "/orders", "COGNITO_USER_POOLS", False),
        ("OPTIONS", "/orders", "NONE", False),
        ("POST", "/orders", "AWS_IAM", True),
        ("GET", "/keys", "NONE", True),
        ("DELETE", "/lambda", "CUSTOM", False),
        ("ANY", "/token", "CUSTOM", False),
        ("GET", "/undefined", "NONE", False),
    }
    assert {(o.resource, o.api, o.kind) for o in views.api_operations} == {
        ("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api.api", "rest")}


UNSETTLED_BODY = """
variable "security" {
  type = list(map(list(string)))
}
variable "authtype" {
  type = string
}
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  body = jsonencode({
    components = { securitySchemes = { later = { type = "apiKey", "x-amazon-apigateway-authtype" = var.authtype } } }
    paths = {
      "/a" = { get = { security = var.security } }
      "/b" = { get = { security = [{ later = [] }] } }
      "/c" = { get = {} }
    }
  })
}
"""


def test_parts_of_a_body_jsonencode_leaves_to_deployment_are_unknown(tmp_path):
    views = _hcl(tmp_path, UNSETTLED_BODY)
    assert {(o.path, o.authorization) for o in views.api_operations} == {("/c", "NONE")}
    unset = "has no default and no value from a variables file or a module call"
    assert {u.why for u in views.unknowns} == {f"variable security {unset}", f"variable authtype {unset}"}


HTTP_BODY = """
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
  body = jsonencode({
    components = {
      securitySchemes = { jwt = { type = "oauth2", "x-amazon-apigateway-authorizer" = { type = "jwt" } } }
    }
    paths      = { "/a" = { get = { security = [{ jwt = [] }] }, post = {} } }
  })
}
resource "aws_api_gateway_rest_api" "yaml" {
  name = "yaml"
  body = <<-EOT
    openapi: 3.0.1
    paths: {}
  EOT
}
resource "aws_api_gateway_rest_api" "file" {
  name = "file"
  body = file("openapi.json")
}
"""


def test_http_api_bodies_and_bodies_faasguard_cannot_read(tmp_path):
    views = _hcl(tmp_path, HTTP_BODY)
    assert {(o.resource, o.kind, o.method, o.authorization) for o in views.api_operations} == {
        ("aws_apigatewayv2_api.http", "http", "GET", "JWT"), ("aws_apigatewayv2_api.http", "http", "POST", "NONE")}
    assert {(u.resource, u.why.split(":")[0]) for u in views.unknowns} == {
        ("aws_api_gateway_rest_api.yaml", "the OpenAPI body is not a JSON object"),
        ("aws_api_gateway_rest_api.file", '${file("openapi.json")} is evaluated at apply'),
        # FG_01_01 (Coverage C): a body faasguard cannot read hides its request validators (api_settings view)
        ("aws_api_gateway_rest_api.yaml", "the OpenAPI body is set at deployment or is not JSON"),
        ("aws_api_gateway_rest_api.file", "the OpenAPI body is set at deployment or is not JSON"),
        # FG_10_03 (Coverage D): and its gateway responses
        ("aws_api_gateway_rest_api.yaml", "known only after apply (the plan marks it after_unknown)"),
        ("aws_api_gateway_rest_api.file", "known only after apply (the plan marks it after_unknown)")}


# -------------------------------------------------------------------------------- authorizers


JWT = """
resource "aws_apigatewayv2_authorizer" "referenced" {
  api_id           = "abc123"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "referenced"
  jwt_configuration {
    issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.pool.id}"
    audience = [aws_cognito_user_pool_client.web.id, "admin"]
  }
}
resource "aws_apigatewayv2_authorizer" "loose" {
  api_id          = "abc123"
  authorizer_type = "JWT"
  name            = "loose"
  jwt_configuration {
    issuer = "https://login.example.com/"
  }
}
resource "aws_apigatewayv2_authorizer" "chosen" {
  api_id          = "abc123"
  authorizer_type = "JWT"
  name            = "chosen"
  jwt_configuration {
    issuer   = var.production ? "https://login.example.com/" : "https://login.example.dev/"
    audience = [var.production ? "api" : "api-dev"]
  }
}
resource "aws_api_gateway_authorizer" "token" {
  name        = "token"
  rest_api_id = "abc123"
}
"""


def test_jwt_issuer_and_audiences_only_deployment_settles_count_as_set(tmp_path):
    views = _hcl(tmp_path, JWT)
    assert set(views.authorizers) == {
        Authorizer("aws_apigatewayv2_authorizer.referenced", "referenced", "JWT", False, SET_AT_DEPLOYMENT,
                   ("(set at deployment)", "admin")),
        Authorizer("aws_apigatewayv2_authorizer.loose", "loose", "JWT", False, "https://login.example.com/", ()),
        Authorizer("aws_apigatewayv2_authorizer.chosen", "chosen", "JWT", False, SET_AT_DEPLOYMENT,
                   (SET_AT_DEPLOYMENT,)),
        Authorizer("aws_api_gateway_authorizer.token", "token", "TOKEN", False, "", ()),
    }
    assert views.unknowns == []  # set to references of the module's resources: AWS settles them, no one writes them


# ------------------------------------------------------------------------- lambda permissions


PERMISSIONS = """
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "app.handler"
  runtime       = "python3.13"
  filename      = "app.zip"
}
resource "aws_lambda_permission" "by_name" {
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "*"
}
resource "aws_lambda_permission" "by_arn" {
  action         = "lambda:InvokeFunction"
  function_name  = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live"
  principal      = "*"
  source_account = ""
}
resource "aws_lambda_permission" "scoped" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.arn
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.nightly.arn
}
resource "aws_lambda_permission" "url" {
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.orders.function_name
  principal              = "*"
  function_url_auth_type = "none"
}
resource "aws_lambda_permission" "unknown" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = var.principal
}
"""


def test_lambda_permissions(tmp_path):
    views = _hcl(tmp_path, PERMISSIONS)
    orders = ("aws_lambda_function.orders",)
    assert set(views.lambda_permissions) == {
        LambdaPermission("aws_lambda_permission.by_name", "*", False, "", orders),
        LambdaPermission("aws_lambda_permission.by_arn", "*", False, "", orders),
        LambdaPermission("aws_lambda_permission.scoped", "events.amazonaws.com", True, "", orders, source_arn=True),
        LambdaPermission("aws_lambda_permission.url", "*", False, "NONE", orders),
    }
    assert _unknowns(views) == {("aws_lambda_permission.unknown", "lambda_permissions", "principal")}


# ------------------------------------------------------------------------------------ Cognito

COGNITO = """
variable "minimum" {
  type = number
}
variable "writes" {
  type = list(string)
}
resource "aws_cognito_user_pool" "bare" {
  name = "bare"
}
resource "aws_cognito_user_pool" "pool" {
  name              = "pool"
  mfa_configuration = "optional"
  password_policy {
    minimum_length    = var.minimum
    require_uppercase = true
    require_numbers   = true
  }
  schema {
    name                = "tenant_id"
    attribute_data_type = "String"
    mutable             = true
  }
  schema {
    name                = "email"
    attribute_data_type = "String"
    mutable             = true
  }
  # The AWS provider sends mutable = false when it is not set.
  schema {
    name                = "plan"
    attribute_data_type = "String"
  }
  schema {
    name                     = "admin_group"
    attribute_data_type      = "String"
    mutable                  = true
    developer_only_attribute = true
  }
}
resource "aws_cognito_user_pool_client" "all" {
  name                = "all"
  user_pool_id        = aws_cognito_user_pool.pool.id
  explicit_auth_flows = ["admin_no_srp_auth", var.flow]
}
resource "aws_cognito_user_pool_client" "listed" {
  name             = "listed"
  user_pool_id     = aws_cognito_user_pool.pool.id
  write_attributes = ["email"]
}
resource "aws_cognito_user_pool_client" "open" {
  name             = "open"
  user_pool_id     = aws_cognito_user_pool.pool.id
  write_attributes = var.writes
}
resource "aws_cognito_identity_pool" "guests" {
  identity_pool_name               = "guests"
  allow_unauthenticated_identities = true
}
"""


def test_cognito_settings_defaults_and_unknowns(tmp_path):
    views = _hcl(tmp_path, COGNITO)
    assert {(c.resource, c.kind, c.setting, c.value) for c in views.cognito} == {
        ("aws_cognito_user_pool.bare", "user_pool", "password_minimum_length", "8"),
        ("aws_cognito_user_pool.bare", "user_pool", "password_requires", ""),
        ("aws_cognito_user_pool.bare", "user_pool", "mfa", "OFF"),
        ("aws_cognito_user_pool.pool", "user_pool", "password_requires", "lowercase, symbols"),
        ("aws_cognito_user_pool.pool", "user_pool", "mfa", "OPTIONAL"),
        ("aws_cognito_user_pool_client.all", "user_pool_client", "explicit_auth_flows", "ADMIN_NO_SRP_AUTH"),
        ("aws_cognito_user_pool_client.all", "user_pool_client", "writable_custom_attribute", "tenant_id"),
        ("aws_cognito_identity_pool.guests", "identity_pool", "allow_unauthenticated", "true"),
    }
    assert _unknowns(views) == {
        ("aws_cognito_user_pool.pool", "cognito", "password_minimum_length"),
        ("aws_cognito_user_pool_client.all", "cognito", "explicit_auth_flows"),
        ("aws_cognito_user_pool_client.open", "cognito", "writable_custom_attribute"),
    }
    assert len(views.cognito) == len(set(views.cognito))


DYNAMIC_SCHEMA = """
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
  dynamic "schema" {
    for_each = var.attributes
    content {
      name                = schema.key
      attribute_data_type = "String"
      mutable             = true
    }
  }
}
resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.pool.id
}
"""


def test_a_dynamic_schema_over_an_unknown_variable_is_unknown(tmp_path):
    views = _hcl(tmp_path, DYNAMIC_SCHEMA)
    assert [c for c in views.cognito if c.setting == "writable_custom_attribute"] == []
    assert {(u.resource, u.attribute, u.why) for u in views.unknowns} == {
        ("aws_cognito_user_pool_client.web", "writable_custom_attribute",
         "variable attributes has no default and no value from a variables file or a module call")}


# --------------------------------------------------------------------------------------- plans


def _change(address: str, after: dict, unknown: dict) -> dict:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown}}


def _config(address: str, expressions: dict) -> dict:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name, "expressions": expressions}


def test_plan_computed_attributes_the_configuration_does_not_set_are_absent():
    plan = {"format_version": "1.2", "resource_changes": [
        _change("aws_cognito_user_pool.bare", {"mfa_configuration": "OFF", "name": "bare"},
                {"password_policy": True, "id": True}),
        _change("aws_cognito_user_pool.pool", {"name": "pool", "schema": [{"name": "tenant_id", "mutable": True}],
                                               "password_policy": [{"minimum_length": None}]},
                {"password_policy": [{"minimum_length": True}], "schema": [{}]}),
        _change("aws_cognito_user_pool_client.web", {"name": "web"}, {"user_pool_id": True, "write_attributes": True}),
    ], "configuration": {"root_module": {"resources": [
        _config("aws_cognito_user_pool.bare", {"name": {"constant_value": "bare"}}),
        _config("aws_cognito_user_pool.pool", {"password_policy": [{"minimum_length": {"references": ["var.m"]}}]}),
        _config("aws_cognito_user_pool_client.web", {
            "user_pool_id": {"references": ["aws_cognito_user_pool.pool.id", "aws_cognito_user_pool.pool"]}}),
    ]}}}
    views = terraform.plan_views(plan)
    assert set(views.cognito) == {
        CognitoSetting("aws_cognito_user_pool.bare", "user_pool", "password_minimum_length", "8"),
        CognitoSetting("aws_cognito_user_pool.bare", "user_pool", "password_requires", ""),
        CognitoSetting("aws_cognito_user_pool.bare", "user_pool", "mfa", "OFF"),
        CognitoSetting("aws_cognito_user_pool.pool", "user_pool", "password_requires",
                       "lowercase, uppercase, numbers, symbols"),
        CognitoSetting("aws_cognito_user_pool.pool", "user_pool", "mfa", "OFF"),
        CognitoSetting("aws_cognito_user_pool_client.web", "user_pool_client", "writable_custom_attribute",
                       "tenant_id"),
    }
    assert _unknowns(views) == {("aws_cognito_user_pool.pool", "cognito", "password_minimum_length")}


# ------------------------------------------------------------------------- both engines, fixtures


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's modules and of every Terraform and plan fixture of the
    SAS-2 rules."""
    modules = {"REST": REST, "ROUTES": ROUTES, "BODY": _api_with_body(f"jsonencode({json.dumps(BODY)})"),
               "UNSETTLED_BODY": UNSETTLED_BODY, "HTTP_BODY": HTTP_BODY, "JWT": JWT, "PERMISSIONS": PERMISSIONS,
               "COGNITO": COGNITO, "DYNAMIC_SCHEMA": DYNAMIC_SCHEMA}
    found = []
    for name, text in modules.items():
        (tmp / name).mkdir()
        found.append((name, "terraform", _module(tmp / name, text)))
    for rule in _RULES:
        for case in sorted((FIXTURES / rule / "terraform").glob("*")):
            if case.is_dir():
                found.append((f"{rule}/terraform/{case.name}", "terraform", load_module(case)[0].data))
        for case in sorted((FIXTURES / rule / "terraform_plan").glob("*.json")):
            found.append((f"{rule}/terraform_plan/{case.name}", "terraform_plan", json.loads(case.read_text())))
    return found


def _rego_views(documents: list[dict]) -> list[dict]:
    """data.faasguard.model's views of each document, with the real opa binary."""
    return rego_each_document(documents, views_object(API_VIEWS))


def _comparable(record: dict) -> tuple:
    """A record without its choice fields (Rego numbers the alternatives, Python names the point)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in record.items()
                        if k not in ("choice", "choices", "alternative")))


def test_both_engines_build_the_same_api_views(tmp_path):
    documents = _documents(tmp_path)
    rego = _rego_views([d for _, _, d in documents])
    disagreements = []
    for (name, fmt, document), opa in zip(documents, rego):
        python = terraform.hcl_views(document) if fmt == "terraform" else terraform.plan_views(document)
        for view in API_VIEWS:
            ours = {_comparable(dataclasses.asdict(r)) for r in getattr(python, view)}
            theirs = {_comparable(r) for r in opa[view]}
            if ours != theirs:
                disagreements.append((name, view, sorted(ours - theirs), sorted(theirs - ours)))
    assert disagreements == []
    assert len(documents) >= 40
