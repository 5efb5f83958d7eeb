"""Undecided values: what only deployment settles, module calls faasguard cannot read, and files it finds
but cannot read as templates are reported (never a silent pass), in every report, without changing a
finding (docs/security.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from faasguard.report import json_report, sarif_report, text_report
from faasguard.results import Undecided
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import run, tool

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RuntimeName:
    Type: String
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref RuntimeName
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/orders
      Code: {ZipFile: "exports.handler = async () => 1;"}
      TracingConfig: {Mode: Active}
      KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/0f6e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
      Environment:
        Variables:
          REGION: !Ref AWS::Region
          API_TOKEN: "{{resolve:ssm:/orders/token}}"
          TABLE_ARN: !GetAtt Table.Arn
          DB_PASSWORD: hunter2-in-plain-text
"""
SERVERLESS = """\
service: orders
provider:
  name: aws
  runtime: ${opt:runtime}
  tracing:
    lambda: true
  kmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/0f6e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
  deploymentBucket:
    versioning: true
functions:
  api:
    handler: handler.api
    environment:
      TOKEN: ${env:TOKEN}
      KEY: ${ssm:/orders/key}
      STAGE: ${opt:stage, 'dev'}
      EXTRA: ${file(./config.js):extra}
"""
TERRAFORM = """\
variable "runtime" {
  type = string
}

module "registry" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "7.0.0"
}

module "gone" {
  source = "./modules/gone"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = var.runtime
  filename      = "api.zip"
  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/0f6e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"
  tracing_config {
    mode = "Active"
  }
  environment {
    variables = {
      TABLE = aws_dynamodb_table.orders.name
    }
  }
}
"""
UNDECIDED_PARAMETER = "parameter RuntimeName has no Default"
CDK = "an AWS CDK app: faasguard reads the templates `cdk synth` writes (scan cdk.out/); this file was not checked"
SERVERLESS_TS = ("a Serverless Framework configuration in JavaScript/TypeScript: faasguard reads only serverless.yml, "
                 "serverless.yaml and serverless.json; this file was not checked")
NOT_A_SERVICE = "serverless.json is not a Serverless service (no `service` and `provider`); this file was not checked"
REGISTRY = ("source terraform-aws-modules/lambda/aws is not a local folder (faasguard does not download modules); "
            "its resources were not checked")
GONE = "source folder ./modules/gone does not exist; its resources were not checked"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("undecided"), {
        "cfn/template.yaml": TEMPLATE, "sls/serverless.yml": SERVERLESS, "sls/serverless.ts": "export default {};\n",
        "tf/main.tf": TERRAFORM, "cdk.json": '{"app": "npx ts-node bin/app.ts"}\n',
        "web/serverless.json": '{"name": "not a service"}\n',
    })


# the rules these documents are about; the others (log groups, alarms, code signing, …) would only add
# findings of their own to the exact lists below
RULES = ("FG_04_07", "FG_06_01", "FG_07_01", "FG_07_02")


@pytest.fixture(scope="module")
def result(project):
    return scan([str(project)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                            check=RULES))


def test_each_value_only_deployment_settles_is_one_undecided_notice(project, result):
    cfn, sls, tf = str(project / "cfn/template.yaml"), str(project / "sls/serverless.yml"), str(project / "tf/main.tf")
    assert result.undecided == [
        Undecided("FG_06_01", cfn, "OrdersFunction", "runtime", UNDECIDED_PARAMETER),
        Undecided("FG_07_01", cfn, "OrdersFunction", "environment.API_TOKEN",
                  "dynamic reference {{resolve:ssm:/orders/token}} is resolved at deployment"),
        Undecided("FG_07_01", cfn, "OrdersFunction", "environment.REGION",
                  "pseudo parameter AWS::Region is known only at deployment"),
        Undecided("FG_07_01", sls, "api", "environment.EXTRA",
                  "${file(./config.js):extra} is a file faasguard does not read (outside the service directory, "
                  "or not YAML/JSON)"),
        Undecided("FG_07_01", sls, "api", "environment.KEY",
                  "${ssm:/orders/key} has no fallback and is read from SSM Parameter Store at deployment"),
        Undecided("FG_07_01", sls, "api", "environment.TOKEN",
                  "${env:TOKEN} has no fallback and is read from the deploying shell's environment"),
        Undecided("FG_06_01", sls, "provider", "runtime",
                  "${opt:runtime} has no fallback and is a command-line option of the deployment"),
        Undecided("FG_06_01", tf, "aws_lambda_function.api", "runtime",
                  "variable runtime has no default and no value from a variables file or a module call"),
        Undecided("*", tf, "module.gone", "source", GONE),
        Undecided("*", tf, "module.registry", "source", REGISTRY),
    ]


def test_findings_and_parity_are_unchanged(result):
    assert result.errors == []
    assert [(f.rule_id, Path(f.file).name, f.resource, sorted(f.engines)) for f in result.findings] == [
        ("FG_07_01", "template.yaml", "OrdersFunction", ["checkov", "rego"]),
        ("FG_04_07", "serverless.yml", "provider", ["checkov", "rego"]),  # the Framework's role, no boundary
        # KEY: ${ssm:/orders/key} is undecided for FG_07_01 (its value), and resolved into the template
        # at deployment whatever it is (FG_07_02)
        ("FG_07_02", "serverless.yml", "api", ["checkov", "rego"])]


def test_files_found_but_not_readable_are_named_as_not_checked(project, result):
    assert [(n.file, n.reason) for n in result.not_checked] == [
        (str(project / "cdk.json"), CDK), (str(project / "sls/serverless.ts"), SERVERLESS_TS),
        (str(project / "web/serverless.json"), NOT_A_SERVICE)]


def test_json_lists_undecided_and_not_checked(project, result, monkeypatch):
    monkeypatch.chdir(project)
    report = json.loads(json_report.render(result))
    assert report["undecided"][0] == {"rule_id": "FG_06_01", "file": "cfn/template.yaml", "resource": "OrdersFunction",
                                      "attribute": "runtime", "reason": UNDECIDED_PARAMETER}
    assert report["undecided"][-1] == {"rule_id": "*", "file": "tf/main.tf", "resource": "module.registry",
                                       "attribute": "source", "reason": REGISTRY}
    assert len(report["undecided"]) == 10
    assert report["not_checked"] == [{"file": "cdk.json", "reason": CDK},
                                     {"file": "sls/serverless.ts", "reason": SERVERLESS_TS},
                                     {"file": "web/serverless.json", "reason": NOT_A_SERVICE}]


def test_sarif_has_undecided_as_notes(project, result, monkeypatch):
    monkeypatch.chdir(project)
    run_ = sarif_report.document(result)["runs"][0]
    notes = [r for r in run_["results"] if r["properties"].get("undecided")]
    assert len(notes) == 10
    first = dict(notes[0])
    assert first.pop("partialFingerprints").keys() == {"faasguard/v1"}
    assert first == {
        "ruleId": "FG_06_01", "ruleIndex": 1, "level": "note",
        "message": {"text": f"FG_06_01 on OrdersFunction (runtime): {UNDECIDED_PARAMETER}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "cfn/template.yaml", "uriBaseId": "%SRCROOT%"}},
                       "logicalLocations": [{"name": "OrdersFunction", "fullyQualifiedName": "OrdersFunction",
                                             "kind": "resource"}]}],
        "properties": {"undecided": True, "attribute": "runtime"},
    }
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["FG_04_07", "FG_06_01", "FG_07_01", "FG_07_02"]
    assert [n["ruleId"] for n in notes[-2:]] == ["*", "*"] and "ruleIndex" not in notes[-1]
    assert [n["level"] for n in run_["invocations"][0]["toolExecutionNotifications"]] == ["warning"] * 3


def test_text_counts_always_and_lists_only_when_verbose(project, result, monkeypatch):
    monkeypatch.chdir(project)
    quiet, verbose = text_report.render(result).splitlines(), text_report.render(result, verbose=True).splitlines()
    assert quiet[-1] == "3 findings (1 HIGH, 1 MEDIUM, 1 INFO), 10 undecided in 3 documents"
    assert not any(line.startswith("UNDECIDED") for line in quiet)
    assert f"NOTICE cdk.json: {CDK}" in quiet
    assert [line for line in verbose if line.startswith("UNDECIDED")][0] == \
        f"UNDECIDED cfn/template.yaml: FG_06_01 on OrdersFunction (runtime): {UNDECIDED_PARAMETER}"
    assert "UNDECIDED tf/main.tf: every rule on module.registry (module call): " + REGISTRY in verbose


def test_a_folder_whose_functions_are_all_in_modules_it_cannot_read_is_not_a_silent_pass(tmp_path):
    _write(tmp_path, {"main.tf": 'module "api" {\n  source = "git::https://example.com/lambda.git"\n}\n'})
    base = [sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--engine", "rego"]
    plain, failing = run(base), run([*base, "--fail-on-undecided", "--verbose"])
    assert (plain.returncode, plain.stdout.splitlines()[-1]) == (0, "No findings, 1 undecided in 1 document")
    assert failing.returncode == 1
    assert failing.stdout.splitlines()[0] == (
        f"UNDECIDED {tmp_path / 'main.tf'}: every rule on module.api (module call): source "
        "git::https://example.com/lambda.git is not a local folder (faasguard does not download modules); "
        "its resources were not checked")


def test_fail_on_undecided_is_exit_1_only_when_something_is_undecided(tmp_path):
    settled = TEMPLATE.replace("    Type: String\n", "    Type: String\n    Default: python3.12\n") \
        .replace("DB_PASSWORD: hunter2-in-plain-text", "LOG_LEVEL: info") \
        .replace('          REGION: !Ref AWS::Region\n          API_TOKEN: "{{resolve:ssm:/orders/token}}"\n', "")
    _write(tmp_path, {"template.yaml": settled})
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path / "template.yaml"), "--engine", "rego",
                "--fail-on-undecided", "--check", ",".join(RULES)])
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 document\n")


def test_alternatives_that_disagree_name_the_attribute(tmp_path):
    template = TEMPLATE.replace("      TracingConfig: {Mode: Active}\n",
                                "      TracingConfig: {Mode: !If [Prod, Active, PassThrough]}\n") \
        .replace("Resources:\n", "Conditions:\n  Prod: !Equals [!Ref RuntimeName, python3.12]\nResources:\n", 1)
    _write(tmp_path, {"template.yaml": template})
    found = scan([str(tmp_path)], ScanOptions(engines=("rego",), rego=RegoOptions("opa", tool("opa"))))
    assert Undecided("FG_05_01", str(tmp_path / "template.yaml"), "OrdersFunction", "tracing",
                     "the rule holds in some alternatives of the value (Fn::If, a conditional, a mapping) and not "
                     "in others") in found.undecided
