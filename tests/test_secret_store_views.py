"""The secret-store views (docs/model.md, "Secret stores"): the function_settings records `kms_key` and
`environment_variables` (kind "function") and the secret_settings records of kinds "secret" and
"ssm_parameter", exact for the shapes people write in each format, unknown (an undecided notice, no
record) for what only deployment settles, and the same records from the Rego adapters (the real opa binary)."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.inputs import cfn_yaml
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import ROOT, tool
from tests.fixture_cases import FIXTURES

KINDS = {"function_settings": {"function"}, "secret_settings": {"secret", "ssm_parameter"}}
SETTINGS = {"kms_key", "environment_variables", "rotation", "type", "name", "value"}


def _records(fmt: str, document: dict, view: str) -> set[tuple]:
    """(resource, kind, setting, value, functions, choices) of this concern's records."""
    return {(r.resource, r.kind, r.setting, r.value, r.functions, r.choices)
            for r in getattr(build(fmt, document), view) if r.kind in KINDS[view] and r.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.view, u.attribute) for u in build(fmt, document).unknowns
            if u.view in KINDS and u.attribute in SETTINGS}


def _cfn(text: str) -> dict:
    return cfn_yaml.load(text)[0]


# ---- CloudFormation and SAM --------------------------------------------------------------------------

FUNCTIONS = _cfn("""
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn: {Type: String}
  Stage: {Type: String, Default: dev}
  Region: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  InEurope: !Equals [!Ref Region, eu-west-1]
Resources:
  Key: {Type: AWS::KMS::Key}
  Plain:
    Type: AWS::Lambda::Function
    Properties: {Environment: {Variables: {A: "1"}}}
  Empty:
    Type: AWS::Lambda::Function
    Properties: {KmsKeyArn: "", Environment: {Variables: {}}}
  ByGetAtt:
    Type: AWS::Lambda::Function
    Properties: {KmsKeyArn: !GetAtt Key.Arn, Environment: {Variables: {TABLE: !Ref Key}}}
  ByParameter:
    Type: AWS::Lambda::Function
    Properties: {KmsKeyArn: !Ref KeyArn}
  ProdOnly:
    Type: AWS::Lambda::Function
    Properties: {KmsKeyArn: !If [IsProd, !Ref KeyArn, !Ref AWS::NoValue]}
  EuropeOnly:
    Type: AWS::Lambda::Function
    Properties:
      KmsKeyArn: !If [InEurope, !GetAtt Key.Arn, !Ref AWS::NoValue]
      Environment: !If [InEurope, {Variables: {A: "1"}}, !Ref AWS::NoValue]
  Opaque:
    Type: AWS::Lambda::Function
    Properties: {Environment: {Variables: !Ref KeyArn}}
""")


def _function(resource, setting, value, choices=1):
    return (resource, "function", setting, value, (resource,), choices)


def test_cloudformation_function_keys_and_variables():
    assert _records("cloudformation", FUNCTIONS, "function_settings") == {
        _function("Plain", "kms_key", "false"), _function("Plain", "environment_variables", "true"),
        _function("Empty", "kms_key", "false"), _function("Empty", "environment_variables", "false"),
        _function("ByGetAtt", "kms_key", "true"), _function("ByGetAtt", "environment_variables", "true"),
        # a parameter without default is a key the deployer chooses
        _function("ByParameter", "kms_key", "true"), _function("ByParameter", "environment_variables", "false"),
        # IsProd is false with the Stage default: the branch is AWS::NoValue
        _function("ProdOnly", "kms_key", "false"), _function("ProdOnly", "environment_variables", "false"),
        # InEurope is unknown: both branches are alternatives
        _function("EuropeOnly", "kms_key", "true", 2), _function("EuropeOnly", "kms_key", "false", 2),
        _function("EuropeOnly", "environment_variables", "true", 2),
        _function("EuropeOnly", "environment_variables", "false", 2),
        _function("Opaque", "kms_key", "false"),
    }
    assert _unknowns("cloudformation", FUNCTIONS) == {("Opaque", "function_settings", "environment_variables")}


SAM = _cfn("""
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/abc
    Environment:
      Variables: {TABLE: orders}
Resources:
  Inherits:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.h, Runtime: python3.12, CodeUri: .}
  Ignores:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [KmsKeyArn]
    Properties: {Handler: a.h, Runtime: python3.12, CodeUri: ., Environment: {Variables: {MODE: x}}}
""")


def test_sam_globals_merge_key_and_variables():
    assert _records("sam", SAM, "function_settings") == {
        _function("Inherits", "kms_key", "true"), _function("Inherits", "environment_variables", "true"),
        _function("Ignores", "kms_key", "false"), _function("Ignores", "environment_variables", "true"),
    }


STORES = _cfn("""
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String, Default: prod}
  Kind: {Type: String}
Conditions:
  Never: !Equals [!Ref Stage, never]
  Unknown: !Equals [!Ref Kind, secure]
Resources:
  Key: {Type: AWS::KMS::Key}
  Keyed:
    Type: AWS::SecretsManager::Secret
    Properties: {KmsKeyId: !Ref Key}
  Named:
    Type: AWS::SecretsManager::Secret
    Properties: {Name: orders/db}
  Unrotated:
    Type: AWS::SecretsManager::Secret
  ByRef:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: {SecretId: !Ref Keyed}
  ByName:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: {SecretId: orders/db}
  NotCreated:
    Type: AWS::SecretsManager::RotationSchedule
    Condition: Never
    Properties: {SecretId: !Ref Unrotated}
  SubName:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "/${Stage}/db/password", Type: String, Value: x}
  WholeVariable:
    Type: AWS::SSM::Parameter
    Properties: {Name: !Sub "${Kind}", Type: !If [Unknown, StringList, String], Value: !Ref Kind}
  Unnamed:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: "postgres://u:p@h/db"}
""")


def _store(resource, kind, setting, value, choices=1):
    return (resource, kind, setting, value, (), choices)


def test_cloudformation_secrets_and_parameters():
    assert _records("cloudformation", STORES, "secret_settings") == {
        _store("Keyed", "secret", "kms_key", "true"), _store("Keyed", "secret", "rotation", "true"),
        _store("Named", "secret", "kms_key", "false"), _store("Named", "secret", "rotation", "true"),
        # its schedule's Condition is false: nothing rotates it
        _store("Unrotated", "secret", "kms_key", "false"), _store("Unrotated", "secret", "rotation", "false"),
        _store("SubName", "ssm_parameter", "type", "String"),
        _store("SubName", "ssm_parameter", "name", "/*/db/password"),
        _store("SubName", "ssm_parameter", "value", "x"),
        _store("WholeVariable", "ssm_parameter", "type", "String", 2),
        _store("WholeVariable", "ssm_parameter", "type", "StringList", 2),
        _store("Unnamed", "ssm_parameter", "type", "String"),
        _store("Unnamed", "ssm_parameter", "name", "absent"),
        _store("Unnamed", "ssm_parameter", "value", "postgres://u:p@h/db"),
    }
    assert _unknowns("cloudformation", STORES) == {("WholeVariable", "secret_settings", "name")}


OPEN_SCHEDULE = _cfn("""
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecretArn: {Type: String}
Resources:
  Secret: {Type: AWS::SecretsManager::Secret}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: {SecretId: !Ref SecretArn}
""")


def test_a_rotation_of_a_secret_only_deployment_settles_leaves_rotation_unknown():
    document = OPEN_SCHEDULE
    assert _records("cloudformation", document, "secret_settings") == {_store("Secret", "secret", "kms_key", "false")}
    assert _unknowns("cloudformation", document) == {("Secret", "secret_settings", "rotation")}


# ---- Serverless --------------------------------------------------------------------------------------

SERVICE = {
    "service": "orders",
    "custom": {"key": "arn:aws:kms:eu-west-1:123456789012:key/abc"},
    "provider": {"name": "aws", "runtime": "python3.12", "kmsKeyArn": "${self:custom.key}",
                 "environment": {"STAGE": "prod"}},
    "functions": {
        "inherits": {"handler": "a.h"},
        "own": {"handler": "a.h", "kmsKeyArn": "${ssm:/orders/key}", "environment": {}},
        "falsy": {"handler": "a.h", "kmsKeyArn": ""},
    },
    "resources": {"Resources": {
        "Secret": {"Type": "AWS::SecretsManager::Secret"},
        "Token": {"Type": "AWS::SSM::Parameter",
                  "Properties": {"Name": "/${sls:stage}/orders/token", "Type": "String", "Value": "x"}},
    }},
}

NO_PROVIDER_KEY = {
    "service": "orders",
    "provider": {"name": "aws", "runtime": "python3.12"},
    "functions": {
        "bare": {"handler": "a.h"},
        "variables": {"handler": "a.h", "environment": {"A": "${env:A}"}},
        "opaque": {"handler": "a.h", "environment": "${ssm:/orders/environment}"},
    },
}


def test_serverless_key_inheritance_and_embedded_stores():
    assert _records("serverless", SERVICE, "function_settings") == {
        _function("own", "kms_key", "true"),
        ("provider", "function", "kms_key", "true", ("falsy", "inherits"), 1),
        _function("inherits", "environment_variables", "true"), _function("own", "environment_variables", "true"),
        _function("falsy", "environment_variables", "true"),
    }
    assert _records("serverless", SERVICE, "secret_settings") == {
        _store("Secret", "secret", "kms_key", "false"), _store("Secret", "secret", "rotation", "false"),
        _store("Token", "ssm_parameter", "type", "String"), _store("Token", "ssm_parameter", "name", "/*/orders/token"),
        _store("Token", "ssm_parameter", "value", "x"),
    }
    assert _records("serverless", NO_PROVIDER_KEY, "function_settings") == {
        _function("bare", "kms_key", "false"), _function("variables", "kms_key", "false"),
        _function("opaque", "kms_key", "false"),
        _function("bare", "environment_variables", "false"), _function("variables", "environment_variables", "true"),
    }
    assert _unknowns("serverless", NO_PROVIDER_KEY) == {("opaque", "function_settings", "environment_variables")}


# ---- Terraform -------------------------------------------------------------------------------------

MODULE = '''
variable "key_arn" {
  type    = string
  default = null
}
variable "use_key" {
  type = bool
}
variable "env" {
  type = string
}
variable "environment" {
  type = map(string)
}
variable "secret_arn" {
  type = string
}
resource "aws_kms_key" "k" {}
resource "aws_lambda_function" "plain" {
  function_name = "plain"
  environment {
    variables = { A = aws_kms_key.k.arn }
  }
}
resource "aws_lambda_function" "null_key" {
  function_name = "null_key"
  kms_key_arn   = var.key_arn
}
resource "aws_lambda_function" "chosen" {
  function_name = "chosen"
  kms_key_arn   = var.use_key ? aws_kms_key.k.arn : null
  environment {
    variables = var.environment
  }
}
resource "aws_lambda_function" "literal_choice" {
  function_name = "literal_choice"
  kms_key_arn   = var.use_key ? "arn:aws:kms:eu-west-1:123456789012:key/abc" : ""
}
resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = aws_kms_key.k.arn
}
resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
}
resource "aws_ssm_parameter" "password" {
  name  = "/${var.env}/db/password"
  type  = "String"
  value = "x"
}
resource "aws_ssm_parameter" "opaque" {
  name  = var.env
  type  = "SecureString"
  value = var.env
}
'''

OPEN_ROTATION = '''
variable "secret_arn" {
  type = string
}
resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
}
resource "aws_secretsmanager_secret_rotation" "elsewhere" {
  secret_id           = var.secret_arn
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_keys_variables_and_stores(tmp_path):
    document = _module(tmp_path, MODULE)

    def function(name, setting, value, choices=1):
        return _function(f"aws_lambda_function.{name}", setting, value, choices)

    assert _records("terraform", document, "function_settings") == {
        function("plain", "kms_key", "false"), function("plain", "environment_variables", "true"),
        function("null_key", "kms_key", "false"), function("null_key", "environment_variables", "false"),
        # chosen: a conditional between expressions, and a variables map only deployment settles
        function("literal_choice", "kms_key", "true", 2), function("literal_choice", "kms_key", "false", 2),
        function("literal_choice", "environment_variables", "false"),
    }
    assert _records("terraform", document, "secret_settings") == {
        _store("aws_secretsmanager_secret.db", "secret", "kms_key", "true"),
        _store("aws_secretsmanager_secret.db", "secret", "rotation", "true"),
        _store("aws_ssm_parameter.password", "ssm_parameter", "type", "String"),
        _store("aws_ssm_parameter.password", "ssm_parameter", "name", "/*/db/password"),
        _store("aws_ssm_parameter.password", "ssm_parameter", "value", "x"),
        _store("aws_ssm_parameter.opaque", "ssm_parameter", "type", "SecureString"),
    }
    assert _unknowns("terraform", document) == {
        ("aws_lambda_function.chosen", "function_settings", "kms_key"),
        ("aws_lambda_function.chosen", "function_settings", "environment_variables"),
        ("aws_ssm_parameter.opaque", "secret_settings", "name"),
    }


def test_terraform_rotation_of_a_variable_secret_is_unknown(tmp_path):
    document = _module(tmp_path, OPEN_ROTATION)
    assert _records("terraform", document, "secret_settings") == {
        _store("aws_secretsmanager_secret.db", "secret", "kms_key", "false")}
    assert _unknowns("terraform", document) == {("aws_secretsmanager_secret.db", "secret_settings", "rotation")}


def test_a_plan_whose_variables_map_is_after_unknown_leaves_it_unknown():
    plan = json.loads((FIXTURES / "FG_07_03" / "terraform_plan" / "fail_managed_key.json").read_text())
    records = _records("terraform_plan", plan, "function_settings")
    assert _function("aws_lambda_function.api", "environment_variables", "true") in records
    assert not any(r[0] == "aws_lambda_function.worker" and r[2] == "environment_variables" for r in records)
    unknown = ("aws_lambda_function.worker", "function_settings", "environment_variables")
    assert unknown in _unknowns("terraform_plan", plan)


# ---- both engines ------------------------------------------------------------------------------------

def _documents(tmp_path: Path) -> list[tuple[str, dict]]:
    documents = [("cloudformation", FUNCTIONS), ("sam", SAM), ("cloudformation", STORES),
                 ("cloudformation", OPEN_SCHEDULE), ("serverless", SERVICE), ("serverless", NO_PROVIDER_KEY)]
    for index, text in enumerate((MODULE, OPEN_ROTATION)):
        folder = tmp_path / f"module{index}"
        folder.mkdir()
        documents.append(("terraform", _module(folder, text)))
    for rule in ("FG_07_03", "FG_07_04"):
        for plan in sorted((FIXTURES / rule / "terraform_plan").glob("*.json")):
            documents.append(("terraform_plan", json.loads(plan.read_text())))
    return documents


def _python_view(fmt: str, document: dict, view: str) -> list[dict]:
    records = []
    for record in getattr(build(fmt, document), view):
        if record.kind not in KINDS[view] or record.setting not in SETTINGS:
            continue
        fields = {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(record).items()}
        if not fields["choice"]:
            del fields["choice"], fields["choices"]
        records.append(fields)
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def _rego_views(documents: list[dict], view: str) -> list[list[dict]]:
    kinds = json.dumps(sorted(KINDS[view]))
    settings = json.dumps(sorted(SETTINGS))
    query = (f"[records | some doc in input.documents; records := [object.remove(r, [\"alternative\"]) | "
             f"some r in data.faasguard.model.{view}; r.kind in {kinds}; r.setting in {settings}] with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return [sorted(records, key=lambda r: json.dumps(r, sort_keys=True)) for records in found]


@pytest.mark.parametrize("view", sorted(KINDS))
def test_both_engines_build_the_same_records(view, tmp_path):
    documents = _documents(tmp_path)
    assert _rego_views([d for _, d in documents], view) == [_python_view(fmt, d, view) for fmt, d in documents]
