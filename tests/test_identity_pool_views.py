"""The identity_pool_statements view (docs/model.md): the statements of the roles a Cognito identity pool
gives its users, read in every format as function roles' policies are; exact records from the Python
model, the same records from the Rego adapters (the real opa binary), and unknowns kept as such."""
from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import ROOT, tool
from tests.fixture_cases import FIXTURES

VIEW = "identity_pool_statements"
SAM = "AWS::Serverless-2016-10-31"
COGNITO_TRUST = {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                                "Action": "sts:AssumeRoleWithWebIdentity"}]}
LAMBDA_TRUST = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                               "Action": "sts:AssumeRole"}]}


def _document(statements: list[dict]) -> dict:
    return {"Version": "2012-10-17", "Statement": statements}


def _allow(actions, resource) -> dict:
    return {"Effect": "Allow", "Action": actions, "Resource": resource}


def _role(policies: list[dict] | None = None, **props) -> dict:
    properties = {"AssumeRolePolicyDocument": COGNITO_TRUST, **props}
    if policies:
        properties["Policies"] = [{"PolicyName": f"p{i}", "PolicyDocument": d} for i, d in enumerate(policies)]
    return {"Type": "AWS::IAM::Role", "Properties": properties}


def _attachment(roles: dict) -> dict:
    return {"Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {"IdentityPoolId": {"Ref": "Pool"}, "Roles": roles}}


POOL = {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": True}}
# every way a template gives an identity-pool role a policy, and roles written in each way
RESOURCES = {
    "Pool": POOL,
    "AuthRole": _role([_document([_allow("lambda:InvokeFunction", "*")])],
                      ManagedPolicyArns=[{"Ref": "SharedPolicy"},
                                         "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"]),
    "GuestRole": _role(),
    "AdminRole": _role([_document([_allow(["s3:GetObject"], {"Ref": "BucketArn"})])]),
    "SharedPolicy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": _document([
        _allow(["s3:GetObject"], {"Fn::Sub": "arn:${AWS::Partition}:s3:::*/*"})])}},
    "GuestPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
        "PolicyName": "guest", "Roles": [{"Ref": "GuestRole"}, {"Ref": "AuthRole"}],
        "PolicyDocument": _document([_allow(["dynamodb:GetItem"], "*")])}},
    "GuestRolePolicy": {"Type": "AWS::IAM::RolePolicy", "Properties": {
        "PolicyName": "analytics", "RoleName": {"Ref": "GuestRole"},
        "PolicyDocument": _document([_allow("mobileanalytics:PutEvents", "*")])}},
    "Attachment": _attachment({"authenticated": {"Fn::GetAtt": ["AuthRole", "Arn"]},
                               "unauthenticated": "GuestRole.Arn"}),  # conftest drops the !GetAtt tag
    "Admins": _attachment({"authenticated": {"Fn::GetAtt": "AdminRole.Arn"}}),
    # a function role is not an identity-pool role
    "FunctionRole": {"Type": "AWS::IAM::Role", "Properties": {
        "AssumeRolePolicyDocument": LAMBDA_TRUST, "Policies": [
            {"PolicyName": "f", "PolicyDocument": _document([_allow("lambda:InvokeFunction", "*")])}]}},
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.13", "Handler": "a.h",
                                                           "Role": {"Fn::GetAtt": ["FunctionRole", "Arn"]}}},
}


def _record(resource, actions, resources, roles) -> tuple:
    return (resource, "Allow", tuple(actions), (), (), tuple(resources), (), tuple(roles))


EXPECTED = {
    _record("AuthRole", ["lambda:InvokeFunction"], ["*"], ["AuthRole"]),
    _record("SharedPolicy", ["s3:GetObject"], ["arn:aws:s3:::*/*"], ["AuthRole"]),
    _record("GuestPolicy", ["dynamodb:GetItem"], ["*"], ["AuthRole", "GuestRole"]),
    _record("GuestRolePolicy", ["mobileanalytics:PutEvents"], ["*"], ["GuestRole"]),
    _record("AdminRole", ["s3:GetObject"], [], ["AdminRole"]),  # the parameter without default is unknown
}


def _template(sam: bool = False) -> dict:
    document = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"BucketArn": {"Type": "String"}},
                "Resources": copy.deepcopy(RESOURCES)}
    if sam:
        document["Transform"] = SAM
    return document


def _python(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.effect, s.actions, s.not_actions, s.functions, s.iam_resources, s.iam_not_resources,
             s.roles) for s in getattr(build(fmt, document), VIEW)}


@pytest.mark.parametrize("sam", [False, True], ids=["cloudformation", "sam"])
def test_a_template_gives_the_statements_of_identity_pool_roles(sam):
    views = build("sam" if sam else "cloudformation", _template(sam))
    assert _python("sam" if sam else "cloudformation", _template(sam)) == EXPECTED
    assert [(u.resource, u.view, u.attribute) for u in views.unknowns if u.view == VIEW] \
        == [("AdminRole", VIEW, "policy")]
    # function roles keep their own view; identity-pool roles are not function roles
    assert {s.resource for s in views.policy_statements} == {"FunctionRole"}
    assert "AuthRole" not in {m.resource for m in views.managed_policies}


SERVERLESS = {
    "service": "notes",
    "provider": {"name": "aws", "runtime": "python3.13"},
    "custom": {"bucket": "arn:aws:s3:::notes-uploads/*"},
    "functions": {"sync": {"handler": "sync.handler"}},
    "resources": {"Resources": {
        "Pool": POOL,
        "AuthRole": _role([_document([_allow("lambda:InvokeFunction", {"Fn::GetAtt": ["SyncLambdaFunction", "Arn"]}),
                                      _allow("s3:PutObject", "${self:custom.bucket}")])],
                          ManagedPolicyArns=[{"Ref": "DataPolicy"}]),
        "DataPolicy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": _document([
            _allow(["dynamodb:Query"], "arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/*")])}},
        "Attachment": _attachment({"authenticated": {"Fn::GetAtt": ["AuthRole", "Arn"]}}),
    }},
}


def test_a_serverless_service_gives_the_statements_of_its_resources_identity_pool_roles():
    assert _python("serverless", SERVERLESS) == {
        _record("AuthRole", ["lambda:InvokeFunction"], [], ["AuthRole"]),
        _record("AuthRole", ["s3:PutObject"], ["arn:aws:s3:::notes-uploads/*"], ["AuthRole"]),
        _record("DataPolicy", ["dynamodb:Query"], ["arn:aws:dynamodb:*:*:table/*"], ["AuthRole"]),
    }


MODULE = '''
resource "aws_cognito_identity_pool" "notes" {
  identity_pool_name               = "notes"
  allow_unauthenticated_identities = true
}
resource "aws_iam_role" "authenticated" {
  name               = "notes-authenticated"
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "*" }] })
  }
}
resource "aws_iam_role" "guest" {
  name               = "notes-guest"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "guest" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::*/*"]
  }
}
resource "aws_iam_policy" "guest" {
  name   = "notes-guest"
  policy = data.aws_iam_policy_document.guest.json
}
resource "aws_iam_role_policy_attachment" "guest" {
  role       = aws_iam_role.guest.name
  policy_arn = aws_iam_policy.guest.arn
}
resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "dynamodb:Query", Resource = var.table }] })
}
variable "table" {
  type = string
}
resource "aws_cognito_identity_pool_roles_attachment" "notes" {
  identity_pool_id = aws_cognito_identity_pool.notes.id
  roles = {
    authenticated   = aws_iam_role.authenticated.arn
    unauthenticated = aws_iam_role.guest.arn
  }
}
'''


def _module(tmp_path: Path) -> dict:
    (tmp_path / "main.tf").write_text(MODULE)
    return load_module(tmp_path)[0].data


def test_a_terraform_module_gives_the_statements_of_the_attached_roles(tmp_path):
    document = _module(tmp_path)
    assert _python("terraform", document) == {
        _record("aws_iam_role.authenticated", ["lambda:InvokeFunction"], ["*"], ["aws_iam_role.authenticated"]),
        _record("aws_iam_policy.guest", ["s3:GetObject"], ["arn:aws:s3:::*/*"], ["aws_iam_role.guest"]),
        _record("aws_iam_role_policy.guest", ["dynamodb:Query"], [], ["aws_iam_role.guest"]),
    }
    unknowns = build("terraform", document).unknowns
    assert [(u.resource, u.attribute) for u in unknowns if u.view == VIEW] == [("aws_iam_role_policy.guest", "policy")]


def _rego_views(documents: list[dict]) -> list[list[dict]]:
    query = f"[records | some doc in input.documents; records := [r | some r in data.faasguard.model.{VIEW}] with input as doc]"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def _comparable(record: dict) -> str:
    return json.dumps({k: sorted(v) if isinstance(v, (list, tuple)) else v for k, v in record.items()}, sort_keys=True)


def test_both_engines_build_the_same_records(tmp_path):
    plans = sorted((FIXTURES / "FG_09_05" / "terraform_plan").glob("*.json"))
    documents = [("cloudformation", _template()), ("sam", _template(sam=True)), ("serverless", SERVERLESS),
                 ("terraform", _module(tmp_path)),
                 *(("terraform_plan", json.loads(plan.read_text())) for plan in plans)]
    rego = _rego_views([d for _, d in documents])
    for (fmt, document), found in zip(documents, rego):
        python = sorted(_comparable(dataclasses.asdict(r)) for r in getattr(build(fmt, document), VIEW))
        assert python, fmt
        assert sorted(_comparable(r) for r in found) == python, fmt
