"""CloudFormation and SAM read the same in both engines (docs/formats/cloudformation.md): conditions,
alternatives (`Fn::If`, `Fn::FindInMap`), SAM without Transform, parameters in policy actions,
lower-case auth types, functions without Properties, lines in JSON templates, undecided notices.

Each test writes a template into tmp_path and scans it with both engines for real."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from faasguard.inputs import json_lines
from faasguard.rules.base import ALTERNATIVES_DISAGREE
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, run, tool
from tests.test_cfn_lint import CFN_LINT, CONFIG



def _disagreeing(result) -> list[tuple[str, str]]:
    """(rule, resource) of the undecided values whose alternatives disagree."""
    return sorted((u.rule_id, u.resource) for u in result.undecided if u.reason == ALTERNATIVES_DISAGREE)

ROLE = """\
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
"""


def _function(name: str, properties: str, condition: str | None = None) -> str:
    """An AWS::Lambda::Function using AppRole; `properties` are extra lines at the Properties level."""
    return (f"  {name}:\n    Type: AWS::Lambda::Function\n"
            + (f"    Condition: {condition}\n" if condition else "")
            + "    Properties:\n      Handler: app.handler\n      Role: !GetAtt AppRole.Arn\n"
            + "      Code:\n        S3Bucket: artifacts\n        S3Key: app.zip\n" + properties)


def _runtime(runtime: str) -> str:
    return f"      Runtime: {runtime}\n"


ACTIVE = "      TracingConfig:\n        Mode: Active\n"

CONDITIONS = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Description: Billing - the reporting stack runs in production only.
Parameters:
  Environment:
    Type: String
    Default: staging
    AllowedValues: [staging, prod]
  ArchiveBucket:
    Type: String
    Default: ""
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
  IsStaging: !Not [!Condition IsProd]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  ProdInUsEast: !And [!Condition IsProd, !Condition InUsEast]
  StagingOrUsEast: !Or [!Condition IsStaging, !Condition InUsEast]
  HasArchive: !Not [!Equals [!Ref ArchiveBucket, ""]]
Resources:
{ROLE}{_function("ReportFunction", _runtime("python3.8"), "IsProd")}\
{_function("ReplicaFunction", _runtime("nodejs16.x"), "ProdInUsEast")}\
{_function("InvoiceFunction", _runtime("python3.9") + ACTIVE, "StagingOrUsEast")}\
{_function("RegionalFunction", _runtime("nodejs16.x") + ACTIVE, "InUsEast")}\
{_function("ArchiveFunction", _runtime("python3.8"), "HasArchive")}\
  ProdAdminPolicy:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: break-glass
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
  ProdOpsRole:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AdministratorAccess
  ReportBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
"""

KNOWN_BRANCH = """\
      Runtime: !If [IsProd, python3.13, python3.8]
      TracingConfig: !If [IsProd, {Mode: Active}, !Ref "AWS::NoValue"]
"""
MAPPED = """\
      Runtime: !FindInMap [Settings, !Ref Environment, Runtime]
      TracingConfig:
        Mode: !FindInMap [Settings, !Ref Environment, Tracing]
"""
REGIONAL = """\
      Runtime: !FindInMap [LegacyRuntimes, !Ref "AWS::Region", Runtime]
      TracingConfig:
        Mode: Active
"""

ALTERNATIVES = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Description: Checkout - blue/green stages chosen by the pipeline.
Parameters:
  Environment:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Stage:
    Type: String
    AllowedValues: [blue, green]
Mappings:
  Settings:
    dev:
      Runtime: python3.12
      Tracing: PassThrough
    prod:
      Runtime: python3.13
      Tracing: Active
  LegacyRuntimes:
    us-east-1:
      Runtime: nodejs16.x
    eu-west-1:
      Runtime: nodejs18.x
  UrlAuth:
    blue:
      Type: NONE
    green:
      Type: NONE
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
  IsBlue: !Equals [!Ref Stage, blue]
Resources:
{ROLE}      ManagedPolicyArns:
        - !If [IsProd, !Ref "AWS::NoValue", !Sub "arn:${{AWS::Partition}}:iam::aws:policy/AdministratorAccess"]
  StageRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !If [IsBlue, !Sub "arn:${{AWS::Partition}}:iam::aws:policy/PowerUserAccess", !Ref "AWS::NoValue"]
{_function("KnownBranchFunction", KNOWN_BRANCH)}{_function("MappedFunction", MAPPED)}\
{_function("RegionalFunction", REGIONAL)}\
  StageFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Role: !GetAtt StageRole.Arn
      Code:
        S3Bucket: artifacts
        S3Key: app.zip
      Runtime: !If [IsBlue, python3.8, python3.13]
      TracingConfig:
        Mode: !If [IsBlue, Active, PassThrough]
      Environment:
        Variables:
          API_TOKEN: !If [IsBlue, tok-blue-1234, tok-green-5678]
          DB_PASSWORD: !If [IsBlue, !Ref "AWS::NoValue", hunter2-green]
  StageUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: !FindInMap [UrlAuth, !Ref Stage, Type]
      TargetFunctionArn: !GetAtt StageFunction.Arn
"""

SAM_WITHOUT_TRANSFORM = """\
AWSTemplateFormatVersion: "2010-09-09"
Description: Orders - the Transform line was forgotten.
Globals:
  Function:
    Runtime: python3.8
    Tracing: Active
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: s3://artifacts/orders.zip
      FunctionUrlConfig:
        AuthType: NONE
"""

PARAMETER_ACTIONS = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AllowedActions:
    Type: String
    Default: "*"
  ReadAction:
    Type: String
    Default: s3:GetObject
Resources:
{ROLE}{_function("ExportFunction", _runtime("python3.13") + ACTIVE)}\
  WidePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: wide
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: !Ref AllowedActions
            Resource: "*"
  ListedPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:ListBucket, !Ref AllowedActions]
            Resource: "*"
  ReadPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [!Ref ReadAction]
            Resource: "*"
"""

# cfn-lint rejects a literal `none` (E3030) and only warns about a parameter default (W1030)
LOWER_CASE_AUTH = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  UrlAuthType:
    Type: String
    Default: none
Resources:
{ROLE}{_function("WebhookFunction", _runtime("python3.13") + ACTIVE)}\
  WebhookUrl:
    Type: AWS::Lambda::Url
    Properties:
      AuthType: !Ref UrlAuthType
      TargetFunctionArn: !GetAtt WebhookFunction.Arn
  PreviewFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: s3://artifacts/app.zip
      Tracing: Active
      FunctionUrlConfig:
        AuthType: !Ref UrlAuthType
"""

SAM_GLOBALS_ONLY = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.8
    Handler: app.handler
    CodeUri: s3://artifacts/app.zip
Resources:
  HealthFunction:
    Type: AWS::Serverless::Function
"""

# not deployable (Code and Role are required), but Checkov reads it: so does faasguard
CFN_WITHOUT_PROPERTIES = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DraftFunction:
    Type: AWS::Lambda::Function
"""

JSON_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "Braces } and quotes \" { in a string must not confuse the line reader",
    "Resources": {
        "AppRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                           "Action": "sts:AssumeRole"}]}}},
        "LegacyFunction": {"Type": "AWS::Lambda::Function", "Properties": {
            "Handler": "app.handler", "Runtime": "python3.8", "Role": {"Fn::GetAtt": ["AppRole", "Arn"]},
            "Code": {"ZipFile": "def handler(event, context):\n    return {'status': '}'}\n"},
            "TracingConfig": {"Mode": "Active"}}},
        "VendorFunction": {"Type": "AWS::Lambda::Function",
                           "Metadata": {"checkov": {"skip": [{"id": "FG_06_01", "comment": "vendor appliance"}]}},
                           "Properties": {
                               "Handler": "app.handler", "Runtime": "nodejs16.x",
                               "Role": {"Fn::GetAtt": ["AppRole", "Arn"]},
                               "Code": {"S3Bucket": "artifacts", "S3Key": "vendor.zip"},
                               "TracingConfig": {"Mode": "Active"}}},
    },
}

UNDECIDED_TRACING = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    AllowedValues: [blue, green]
Conditions:
  IsBlue: !Equals [!Ref Stage, blue]
Resources:
  CartFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: s3://artifacts/cart.zip
      Tracing: !If [IsBlue, Active, PassThrough]
  PricesFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: s3://artifacts/prices.zip
      Tracing: !If [IsBlue, PassThrough, !Ref "AWS::NoValue"]
"""

# every template above that is meant to deploy; the others are the invalid shapes a case is about
VALID_TEMPLATES = {"conditions.yaml": CONDITIONS, "alternatives.yaml": ALTERNATIVES,
                   "parameter_actions.yaml": PARAMETER_ACTIONS, "lower_case_auth.yaml": LOWER_CASE_AUTH,
                   "globals_only.yaml": SAM_GLOBALS_ONLY, "undecided.yaml": UNDECIDED_TRACING,
                   "template.json": json.dumps(JSON_TEMPLATE, indent=2)}


def _scan(*paths: Path | str):
    return scan([str(p) for p in paths], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                                    today=dt.date(2026, 12, 1)))


def _findings(result) -> set[tuple[str, str]]:
    """The (rule, resource) findings, each found by both engines."""
    assert [(f.rule_id, f.resource) for f in result.findings if f.engines != ["checkov", "rego"]] == []
    return {(f.rule_id, f.resource) for f in result.findings}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _not_checked(path: Path, resource: str, condition: str) -> str:
    return f"{path}: {resource} is not checked: Condition {condition} is false with the parameter defaults"


def test_resources_under_a_false_condition_are_not_checked(tmp_path):
    template = _write(tmp_path, "conditions.yaml", CONDITIONS)
    result = _scan(template)
    assert result.errors == []
    # RegionalFunction's condition (the region) is unknown: it is judged; InvoiceFunction's is true;
    # the admin policy and role exist only in production and reach no function; the bucket is not a
    # resource faasguard reads (no notice)
    assert _findings(result) == {("FG_06_01", "InvoiceFunction"), ("FG_06_01", "RegionalFunction")}
    assert sorted(result.notices) == sorted([
        _not_checked(template, "ReportFunction", "IsProd"),
        _not_checked(template, "ReplicaFunction", "ProdInUsEast"),
        _not_checked(template, "ArchiveFunction", "HasArchive"),
        _not_checked(template, "ProdAdminPolicy", "IsProd"),
        _not_checked(template, "ProdOpsRole", "IsProd"),
    ])


def test_if_and_find_in_map_are_known_or_alternatives(tmp_path):
    template = _write(tmp_path, "alternatives.yaml", ALTERNATIVES)
    result = _scan(template)
    assert result.errors == []
    assert _findings(result) == {
        ("FG_06_01", "KnownBranchFunction"),  # IsProd is false: python3.8
        ("FG_05_01", "KnownBranchFunction"),  # ... and TracingConfig is AWS::NoValue
        ("FG_05_01", "MappedFunction"),  # Settings.dev.Tracing: PassThrough
        ("FG_06_01", "RegionalFunction"),  # every region's runtime is deprecated
        ("FG_07_01", "StageFunction"),  # API_TOKEN is a literal secret on both stages
        ("FG_02_03", "StageUrl"),  # every stage's AuthType is NONE
        ("FG_04_01", "AppRole"),  # IsProd is false: AdministratorAccess
    }
    undecided = [("FG_06_01", "StageFunction"), ("FG_05_01", "StageFunction"), ("FG_07_01", "StageFunction"),
                 ("FG_04_01", "StageRole")]  # DB_PASSWORD is a secret on the green stage only
    assert _disagreeing(result) == sorted(undecided)


def test_sam_resources_without_transform_are_read_as_sam(tmp_path):
    template = _write(tmp_path, "template.yaml", SAM_WITHOUT_TRANSFORM)
    result = _scan(template)
    assert result.errors == []
    assert [d.format for d in result.documents] == ["sam"]
    assert _findings(result) == {("FG_06_01", "OrdersFunction"), ("FG_02_03", "OrdersFunction")}


def test_policy_actions_from_parameter_defaults(tmp_path):
    result = _scan(_write(tmp_path, "template.yaml", PARAMETER_ACTIONS))
    assert result.errors == []
    assert _findings(result) == {("FG_04_01", "WidePolicy"), ("FG_04_01", "ListedPolicy")}


def test_lower_case_auth_type_none(tmp_path):
    result = _scan(_write(tmp_path, "template.yaml", LOWER_CASE_AUTH))
    assert result.errors == []
    assert _findings(result) == {("FG_02_03", "WebhookUrl"), ("FG_02_03", "PreviewFunction")}


def test_functions_without_properties(tmp_path, monkeypatch):
    # a path under the working directory: Checkov names it relative to it ("/sam.yaml")
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "sam.yaml", SAM_GLOBALS_ONLY)
    _write(tmp_path, "cfn.yaml", CFN_WITHOUT_PROPERTIES)
    result = _scan("sam.yaml", "cfn.yaml")
    assert result.errors == []
    assert _findings(result) == {("FG_06_01", "HealthFunction"), ("FG_05_01", "HealthFunction"),
                                 ("FG_05_01", "DraftFunction")}


def test_json_templates_have_lines(tmp_path):
    template = _write(tmp_path, "template.json", json.dumps(JSON_TEMPLATE, indent=2))
    result = _scan(template)
    assert result.errors == []
    assert _findings(result) == {("FG_06_01", "LegacyFunction"), ("FG_06_01", "VendorFunction")}
    lines = template.read_text().splitlines()
    for finding in result.findings:
        start, end = finding.lines
        assert lines[start - 1].strip() == f'"{finding.resource}": {{'
        assert lines[end - 1].strip() in ("}", "},") and lines[end].strip().startswith(('"', "}"))
    # JSON has no comments: the Metadata skip is the way to suppress, and it works
    suppressed = {f.resource: (f.suppression.source, f.suppression.reason) for f in result.findings if f.suppression}
    assert suppressed == {"VendorFunction": ("metadata", "vendor appliance")}


def test_json_member_lines_skip_strings():
    text = (
        '{\n'
        '  "Description": "a } b { \\" c [ \\\\",\n'
        '  "Resources": {\n'
        '    "A": {"Properties": {"Resources": {"Inner": 1}}},\n'
        '    "B": {\n'
        '      "Code": "}\\u007d\\n{"\n'
        '    },\n'
        '    "C": [1,\n'
        '      2]\n'
        '  }\n'
        '}\n')
    assert json.loads(text)["Resources"]["B"] == {"Code": "}}\n{"}
    assert json_lines.member_lines(text, "Resources") == {"A": (4, 4), "B": (5, 7), "C": (8, 9)}
    assert json_lines.member_lines(text, "Resources", "A", "Properties", "Resources") == {"Inner": (4, 4)}
    assert json_lines.member_lines(text, "Missing") == {}


def test_undecided_notices_for_if_whose_branches_disagree(tmp_path):
    template = _write(tmp_path, "template.yaml", UNDECIDED_TRACING)
    result = _scan(template)
    assert result.errors == []
    # PricesFunction's tracing is PassThrough or not set: it fails either way
    assert _findings(result) == {("FG_05_01", "PricesFunction")}
    assert _disagreeing(result) == [("FG_05_01", "CartFunction")]
    assert all(u.file == str(template) for u in result.undecided)


def test_templates_are_valid_for_cfn_lint(tmp_path):
    paths = [_write(tmp_path, name, text) for name, text in VALID_TEMPLATES.items()]
    proc = run([CFN_LINT, "--format", "json", "--config-file", CONFIG, "--", *map(str, paths)], cwd=ROOT)
    assert proc.stdout.lstrip().startswith("["), (proc.stdout + proc.stderr)[-2000:]
    errors = [(Path(m["Filename"]).name, m["Rule"]["Id"], m["Message"]) for m in json.loads(proc.stdout)
              if m["Level"] == "Error"]
    assert errors == []


@pytest.mark.parametrize("text, rules", [(SAM_WITHOUT_TRANSFORM, {"E3038", "E3724"}),
                                         (CFN_WITHOUT_PROPERTIES, {"E3003"})])
def test_invalid_shapes_are_invalid_only_for_their_reason(tmp_path, text, rules):
    path = _write(tmp_path, "template.yaml", text)
    proc = run([CFN_LINT, "--format", "json", "--config-file", CONFIG, "--", str(path)], cwd=ROOT)
    assert {m["Rule"]["Id"] for m in json.loads(proc.stdout) if m["Level"] == "Error"} == rules
