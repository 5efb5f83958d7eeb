"""The secret views (docs/model.md, "Secrets"): the secret_settings records of kinds environment,
parameter, variable and custom, and the environment values that parameter defaults, variable defaults and
`${self:custom…}` give, built by the Python model and by the Rego adapters (the real opa binary) on
the same documents."""
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

MY_KINDS = {"environment", "parameter", "variable", "custom"}
SAM = "AWS::Serverless-2016-10-31"


def _lambda(variables: dict, **props) -> dict:
    return {"Type": "AWS::Lambda::Function",
            "Properties": {"Runtime": "python3.12", "Handler": "a.h", "Environment": {"Variables": variables}, **props}}


INLINE = [
    ("cloudformation", {
        "Parameters": {
            "DbPassword": {"Type": "String", "Default": "Orders-2024!"},
            "Hidden": {"Type": "String", "NoEcho": "true", "Default": "hidden-default"},
            "Path": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/orders/db-password"},
            "Port": {"Type": "Number", "Default": 5432},
            "Stage": {"Type": "String"},
        },
        "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
        "Resources": {
            "Fn": _lambda({"DB_PASSWORD": {"Ref": "DbPassword"}, "HIDDEN": {"Ref": "Hidden"},
                           "FROM_SSM": {"Ref": "Path"}, "PORT": {"Ref": "Port"},
                           "URL": {"Fn::Sub": "postgres://app:${DbPassword}@db"},
                           "TOKEN": {"Fn::If": ["Prod", "{{resolve:secretsmanager:t}}", "dev"]},
                           "KEY": {"Fn::Join": ["", ["{{resolve:secretsmanager:", "k}}"]]}}),
            # conftest's input: short tags dropped to plain strings
            "Plain": _lambda({"DB_PASSWORD": "DbPassword"}),
        },
    }),
    ("sam", {
        "Transform": SAM,
        "Parameters": {"ApiKey": {"Type": "String", "Default": "key-7Hq2Lx9Vb4Rt"}},
        "Globals": {"Function": {"Environment": {"Variables": {
            "API_KEY": {"Ref": "ApiKey"}, "TOKEN": "{{resolve:secretsmanager:orders/token}}"}}}},
        "Resources": {
            "A": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.h"}},
            "B": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*",
                  "Properties": {"Runtime": "python3.12", "Handler": "b.h"}},
        },
    }),
    ("serverless", {
        "service": "orders",
        "custom": {"db": {"password": "Orders-2024!", "host": "db.internal"}, "token": "${ssm:/orders/token}",
                   "nested": "${self:custom.token}"},
        "params": {"default": {"apiKey": "key-default"}, "prod": {"apiKey": "key-prod"}},
        "provider": {"name": "aws", "environment": {
            "DB_PASSWORD": "${self:custom.db.password}", "DB_HOST": "${self:custom.db.host}",
            "TOKEN": "${self:custom.nested}", "REGION": "${aws:region}"}},
        "functions": {
            "a": {"handler": "a.h", "environment": {
                "API_KEY": "${param:apiKey}", "S": "${ssm(eu-west-1, raw):/aws/reference/secretsmanager/s}",
                "V4": "${aws:ssm:/orders/v4}", "URL": "https://x/${self:custom.db.password, 'none'}"}},
            "b": {"handler": "b.h", "environment": {"TOKEN": "own-value"}},
        },
    }),
    # parameters reach resources that are not functions too; NoEcho and SSM types are left out
    ("cloudformation", {
        "Parameters": {
            "DbPassword": {"Type": "String", "Default": "Orders-2024!"},
            "Hidden": {"Type": "String", "NoEcho": True, "Default": "hidden-default"},
            "Stage": {"Type": "String", "Default": "dev"},
            "Never": {"Type": "String", "Default": "no"},
        },
        "Conditions": {"Never": {"Fn::Equals": [{"Ref": "Never"}, "yes"]}},
        "Resources": {
            "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {
                "MasterUserPassword": {"Ref": "DbPassword"}, "DBInstanceIdentifier": {"Fn::Sub": "orders-${Stage}"}}},
            "Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {
                "SecretString": {"Fn::Sub": '{"password": "${DbPassword}", "other": "${Hidden}"}'}}},
            "Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "Hidden"}}},
            # not a type the rule reports on, and a resource that is not created
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Ref": "DbPassword"}}},
            "Gone": {"Type": "AWS::RDS::DBCluster", "Condition": "Never",
                     "Properties": {"MasterUserPassword": {"Ref": "DbPassword"}}},
        },
    }),
    # the loader's document: variable defaults already in place
    ("terraform", {
        "resource": {"aws_lambda_function": {
            "f": [{"function_name": "f", "environment": [{"variables": {
                "DB_PASSWORD": "Orders-2024!",
                "BLOB": "${data.aws_secretsmanager_secret_version.s.secret_binary}",
                "BOTH": "${data.aws_ssm_parameter.p.value}-${data.aws_secretsmanager_secret_version.s.secret_string}",
                "INSECURE": "${data.aws_ssm_parameter.p.insecure_value}"}}]}],
            "whole": [{"function_name": "w", "environment": [{"variables": "${merge(local.base, {T = data.aws_ssm_parameter.p.value})}"}]}],
            "gone": [{"count": 0, "environment": [{"variables": {"T": "${data.aws_ssm_parameter.p.value}"}}]}],
        }},
    }),
    # the loader's document with the variables it replaced, and those it could not (inside a call,
    # through a local), in a local module
    ("terraform", {
        "faasguard_module": "module.db",
        "faasguard_variable_references": {"aws_db_instance.main": ["db_password", "name"],
                                          "aws_lambda_function.f": ["api_token"], "aws_sqs_queue.q": ["db_password"]},
        "variable": {"db_password": [{"type": "${string}", "default": "Orders-2024!"}],
                     "name": [{"default": "orders"}], "api_token": [{"default": "tok-7Hq2Lx9Vb4Rt", "sensitive": True}],
                     "replicas": [{"default": 2}], "tags": [{"default": {"team": "orders"}}],
                     "passphrase": [{"default": "correct-horse"}], "no_default": [{"type": "${string}"}]},
        "locals": [{"key": "${var.passphrase}", "plain": "literal"}],
        "resource": {
            "aws_db_instance": {"main": [{"password": "Orders-2024!", "identifier": "orders",
                                          "replicas": "${max(var.replicas, 1)}", "tags": "${var.tags}"}]},
            "aws_lambda_function": {"f": [{"environment": [{"variables": {
                "TOKEN": "tok-7Hq2Lx9Vb4Rt", "KEY": "${upper(local.key)}", "OTHER": "${lower(local.plain)}",
                "MISSING": "${var.no_default}"}}]}]},
            "aws_ssm_parameter": {"p": [{"count": 0, "value": "${var.passphrase}"}]},
            "aws_sqs_queue": {"q": [{"name": "Orders-2024!"}]},
        },
    }),
]


def _fixture_documents() -> list[tuple[str, dict]]:
    loaded = load_paths([str(FIXTURES / "FG_07_01"), str(FIXTURES / "FG_07_02"), str(FIXTURES / "FG_07_07")])
    assert loaded.errors == []
    return [(d.format, d.data) for d in loaded.documents]


def _python(fmt: str, document: dict, view: str) -> list[dict]:
    records = []
    for r in getattr(build(fmt, document), view):
        record = {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(r).items()}
        if not record.pop("choice", ""):
            record.pop("choices", None)
        else:
            record["choices"] = r.choices
            record["choice"] = r.choice
        records.append(record)
    return _sorted(records, view)


def _sorted(records: list[dict], view: str) -> list[dict]:
    if view == "secret_settings":
        records = [r for r in records if r["kind"] in MY_KINDS]
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def _rego(documents: list[dict], view: str) -> list[list[dict]]:
    query = (f"[records | some doc in input.documents; "
             f"records := [object.remove(r, [\"alternative\"]) | some r in data.faasguard.model.{view}] "
             f"with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return [_sorted(records, view) for records in found]


@pytest.mark.parametrize("view", ["secret_settings", "environment"])
def test_both_engines_build_the_same_records(view):
    documents = INLINE + _fixture_documents()
    assert _rego([d for _, d in documents], view) == [_python(f, d, view) for f, d in documents]


def _records(fmt: str, document: dict, view: str) -> set[tuple]:
    return {(r["resource"], r.get("name") or r["setting"], r["value"]) for r in _python(fmt, document, view)}


def test_cloudformation_records():
    fmt, document = INLINE[0]
    assert _records(fmt, document, "secret_settings") == {
        ("Fn", "DbPassword", "Orders-2024!"), ("Fn", "Port", "5432"),
        ("Fn", "environment.KEY", "secretsmanager"), ("Plain", "DbPassword", "Orders-2024!"),
    }
    # defaults reach the environment; an SSM parameter type's default is a parameter name, unknown
    environment = _records(fmt, document, "environment")
    assert {("Fn", "DB_PASSWORD", "Orders-2024!"), ("Fn", "HIDDEN", "hidden-default"),
            ("Plain", "DB_PASSWORD", "Orders-2024!")} <= environment
    assert not {r for r in environment if r[1] == "FROM_SSM"}
    undecided = {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.view == "secret_settings"}
    assert undecided == {("Fn", "environment.TOKEN")}


def test_sam_globals_reach_each_function_that_does_not_ignore_them():
    fmt, document = INLINE[1]
    assert _records(fmt, document, "secret_settings") == {
        ("A", "ApiKey", "key-7Hq2Lx9Vb4Rt"), ("A", "environment.TOKEN", "secretsmanager")}
    assert ("A", "API_KEY", "key-7Hq2Lx9Vb4Rt") in _records(fmt, document, "environment")


def test_serverless_records():
    fmt, document = INLINE[2]
    settings = {(r["resource"], r["setting"], r["value"], tuple(r["functions"]))
                for r in _python(fmt, document, "secret_settings")}
    assert settings == {
        ("provider", "environment.TOKEN", "ssm", ("a",)),
        ("a", "environment.S", "secretsmanager", ("a",)), ("a", "environment.V4", "ssm", ("a",)),
        ("provider", "custom.db.password", "Orders-2024!", ("a", "b")),
        ("provider", "custom.db.host", "db.internal", ("a", "b")),
        ("a", "custom.db.password", "Orders-2024!", ("a",)),
        ("a", "params.default.apiKey", "key-default", ("a",)), ("a", "params.prod.apiKey", "key-prod", ("a",)),
    }
    assert ("provider", "DB_PASSWORD", "Orders-2024!") in _records(fmt, document, "environment")


def test_terraform_records():
    fmt, document = INLINE[4]
    assert _records(fmt, document, "secret_settings") == {
        ("aws_lambda_function.f", "environment.BLOB", "secretsmanager"),
        ("aws_lambda_function.f", "environment.BOTH", "secretsmanager"),
        ("aws_lambda_function.f", "environment.BOTH", "ssm"),
        ("aws_lambda_function.whole", "environment", "ssm"),
    }


def test_variable_defaults_reach_the_environment_through_the_loader():
    loaded = load_paths([str(FIXTURES / "FG_07_01" / "terraform" / "fail_variable_defaults")])
    document = next(d for d in loaded.documents if d.format == "terraform")
    assert ("aws_lambda_function.auth", "JWT_SECRET") in {
        (r["resource"], r["name"]) for r in _python("terraform", document.data, "environment")}


def test_cloudformation_parameters_reach_resources_that_are_not_functions():
    fmt, document = INLINE[3]
    settings = {(r["resource"], r["setting"], r["value"], tuple(r["functions"]))
                for r in _python(fmt, document, "secret_settings")}
    assert settings == {("Db", "DbPassword", "Orders-2024!", ()), ("Db", "Stage", "dev", ()),
                        ("Secret", "DbPassword", "Orders-2024!", ())}


def test_terraform_variables_the_loader_replaced_and_those_it_left():
    fmt, document = INLINE[5]
    settings = {(r["resource"], r["setting"], r["value"], tuple(r["functions"]))
                for r in _python(fmt, document, "secret_settings")}
    assert settings == {
        ("module.db.aws_db_instance.main", "db_password", "Orders-2024!", ()),
        ("module.db.aws_db_instance.main", "name", "orders", ()),
        ("module.db.aws_db_instance.main", "replicas", "2", ()),
        ("module.db.aws_lambda_function.f", "passphrase", "correct-horse", ("module.db.aws_lambda_function.f",)),
    }


def test_the_loader_keeps_the_variables_each_resource_referenced(tmp_path):
    (tmp_path / "main.tf").write_text('''
variable "db_password" {
  default = "Orders-2024!"
}

variable "stage" {
  default = "dev"
}

locals {
  password = var.db_password
}

resource "aws_db_instance" "main" {
  identifier = "orders-${var.stage}"
  password   = local.password
}

resource "aws_sqs_queue" "q" {
  name = "orders"
}
''')
    document = load_paths([str(tmp_path)]).documents[0]
    assert document.data["resource"]["aws_db_instance"]["main"][0]["password"] == "Orders-2024!"
    assert document.data["faasguard_variable_references"] == {"aws_db_instance.main": ["db_password", "stage"]}


def test_plan_variables_come_from_the_configuration():
    loaded = load_paths([str(FIXTURES / "FG_07_07" / "terraform_plan" / "pass_sensitive_variables.json")])
    settings = {(r["resource"], r["setting"], r["value"])
                for r in _python("terraform_plan", loaded.documents[0].data, "secret_settings") if r["kind"] == "variable"}
    # stripe_api_key is sensitive, legacy_db_password referenced by nothing
    assert settings == {
        ("aws_lambda_function.charges", "api_token", ""), ("aws_lambda_function.charges", "stage", "dev"),
        ("aws_lambda_function.charges", "stripe_api_key_secret_arn",
         "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/stripe-AbCdEf"),
        ("aws_lambda_function.local_charges", "stage", "dev"), ("aws_db_instance.orders", "stage", "dev"),
        ("aws_ssm_parameter.webhook_secret", "stage", "dev"), ("aws_ssm_parameter.webhook_secret", "webhook_signing_secret", ""),
    }


def test_records_carry_exactly_the_types_fg_07_07_reports_on():
    """Checkov calls FG_07_07 only on its catalog's types: the records are on those types, in both engines."""
    from faasguard import catalog
    from faasguard.model import cloudformation_secrets, terraform_secrets

    types = catalog.rule("FG_07_07").resource_types
    functions = {"AWS::Lambda::Function", "AWS::Serverless::Function"}
    assert set(types["terraform"]) == set(terraform_secrets.SECRET_CONSUMERS)
    assert set(types["cloudformation"]) == set(cloudformation_secrets.SECRET_CONSUMERS) | functions
    query = "[data.faasguard.lib.terraform.secret_consumers, data.faasguard.lib.cloudformation_secrets.secret_consumers]"
    proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--format", "json", query],
                          capture_output=True, text=True, check=True)
    rego_terraform, rego_cloudformation = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    assert set(rego_terraform) == set(types["terraform"])
    assert set(rego_cloudformation) | functions == set(types["cloudformation"])
