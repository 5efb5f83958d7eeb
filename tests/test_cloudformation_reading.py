"""CloudFormation and SAM read the same in both engines (docs/formats/cloudformation.md): conditions,
alternatives (`Fn::If`, `Fn::FindInMap`), SAM without Transform, parameters in policy actions,
lower-case auth types, functions without Properties, lines in JSON templates, undecided notices, and
the function roles with what reaches them (the IAM views, compared record by record in both engines).

Each test writes a template into tmp_path and scans it with both engines for real."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from faasguard.inputs import json_lines
from faasguard.inputs.load import parse_file
from faasguard.model import build, iam
from faasguard.model.sam_policy_templates import sam_policy_template
from faasguard.rules.base import ALTERNATIVES_DISAGREE
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import LATER_COVERAGE, ROOT, run, tool
from tests.fixture_cases import FIXTURES
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
                                                    today=dt.date(2026, 12, 1), skip_check=LATER_COVERAGE))


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
    # resource faasguard reads (no notice); AppRole has no permissions boundary
    assert _findings(result) == {("FG_06_01", "InvoiceFunction"), ("FG_06_01", "RegionalFunction"),
                                 ("FG_04_07", "AppRole")}
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
        ("FG_07_03", "StageFunction"),  # ... in an environment without a customer-managed key
        ("FG_02_03", "StageUrl"),  # every stage's AuthType is NONE
        ("FG_04_01", "AppRole"),  # IsProd is false: AdministratorAccess
        ("FG_04_04", "AppRole"),  # ... a broad managed policy
        ("FG_09_03", "AppRole"),  # ... that invokes every function
        ("FG_04_05", "AppRole"),  # ... on a role three functions share
        ("FG_04_07", "AppRole"), ("FG_04_07", "StageRole"),  # no permissions boundary
    }
    undecided = [("FG_06_01", "StageFunction"), ("FG_05_01", "StageFunction"), ("FG_07_01", "StageFunction"),
                 ("FG_04_01", "StageRole"), ("FG_04_04", "StageRole"),  # AdministratorAccess on one stage only
                 ("FG_09_03", "StageRole"),  # ... which invokes every function; DB_PASSWORD: a secret on green only
                 ("FG_00_01", "StageRole")]  # ... behind StageUrl, open on every stage: maybe an attack path
    assert _disagreeing(result) == sorted(undecided)


def test_sam_resources_without_transform_are_read_as_sam(tmp_path):
    template = _write(tmp_path, "template.yaml", SAM_WITHOUT_TRANSFORM)
    result = _scan(template)
    assert result.errors == []
    assert [d.format for d in result.documents] == ["sam"]
    # the role SAM generates for OrdersFunction has no permissions boundary
    assert _findings(result) == {("FG_06_01", "OrdersFunction"), ("FG_02_03", "OrdersFunction"),
                                 ("FG_04_07", "OrdersFunction")}


def test_policy_actions_from_parameter_defaults(tmp_path):
    result = _scan(_write(tmp_path, "template.yaml", PARAMETER_ACTIONS))
    assert result.errors == []
    # "*" (the default) on Resource "*" is also data access and permission management everywhere;
    # ReadPolicy's action comes from a default too
    assert _findings(result) == {("FG_04_01", "WidePolicy"), ("FG_04_01", "ListedPolicy"),
                                 ("FG_04_03", "WidePolicy"), ("FG_04_03", "ListedPolicy"), ("FG_04_03", "ReadPolicy"),
                                 ("FG_04_06", "WidePolicy"), ("FG_04_06", "ListedPolicy"), ("FG_04_07", "AppRole"),
                                 # and reads every secret and invokes every function
                                 ("FG_07_06", "WidePolicy"), ("FG_07_06", "ListedPolicy"),
                                 ("FG_09_03", "WidePolicy"), ("FG_09_03", "ListedPolicy")}


def test_lower_case_auth_type_none(tmp_path):
    result = _scan(_write(tmp_path, "template.yaml", LOWER_CASE_AUTH))
    assert result.errors == []
    assert _findings(result) == {("FG_02_03", "WebhookUrl"), ("FG_02_03", "PreviewFunction"),
                                 ("FG_04_07", "AppRole"), ("FG_04_07", "PreviewFunction")}  # no boundaries


def test_functions_without_properties(tmp_path, monkeypatch):
    # a path under the working directory: Checkov names it relative to it ("/sam.yaml")
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "sam.yaml", SAM_GLOBALS_ONLY)
    _write(tmp_path, "cfn.yaml", CFN_WITHOUT_PROPERTIES)
    result = _scan("sam.yaml", "cfn.yaml")
    assert result.errors == []
    # DraftFunction has no Role: no role to judge; HealthFunction's generated role has no boundary
    assert _findings(result) == {("FG_06_01", "HealthFunction"), ("FG_05_01", "HealthFunction"),
                                 ("FG_05_01", "DraftFunction"), ("FG_04_07", "HealthFunction")}


def test_json_templates_have_lines(tmp_path):
    template = _write(tmp_path, "template.json", json.dumps(JSON_TEMPLATE, indent=2))
    result = _scan(template)
    assert result.errors == []
    assert _findings(result) == {("FG_06_01", "LegacyFunction"), ("FG_06_01", "VendorFunction"),
                                 ("FG_04_07", "AppRole")}
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
    # PricesFunction's tracing is PassThrough or not set: it fails either way (and the roles SAM
    # generates have no permissions boundary)
    assert _findings(result) == {("FG_05_01", "PricesFunction"), ("FG_04_07", "CartFunction"),
                                 ("FG_04_07", "PricesFunction")}
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


# --- SAS-4: function roles and what reaches them ----------------------------------------------------

SAS4_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: Orders - function roles written every way the views read them.
Parameters:
  TableArn:
    Type: String
  AnyResource:
    Type: String
    Default: "*"
  BucketName:
    Type: String
    Default: reports
  Stage:
    Type: String
  Boundary:
    Type: String
    Default: arn:aws:iam::123456789012:policy/boundary
Conditions:
  IsBlue: !Equals [!Ref Stage, blue]
  Never: !Equals [a, b]
Globals:
  Function:
    Runtime: python3.13
    Handler: app.handler
    CodeUri: src/
    PermissionsBoundary: !Ref Boundary
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: sts:AssumeRole
      PermissionsBoundary: !If [IsBlue, !Ref Boundary, !Ref AWS::NoValue]
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [dynamodb:GetItem, DynamoDB:*]
                Resource:
                  - !GetAtt Table.Arn
                  - !Sub arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*
                  - !Sub "arn:${AWS::Partition}:s3:::${BucketName}/*"
                  - !Sub "arn:aws:s3:::${Table}-export/*"
                  - !Ref TableArn
                  - !Ref AnyResource
                  - !Join ["", ["arn:aws:s3:::", !Ref BucketName]]
                  - !Join ["", ["arn:aws:s3:::", !Ref Table]]
                  - !If [IsBlue, "*", !GetAtt Table.Arn]
              - !If
                - IsBlue
                - Effect: Allow
                  Action: iam:PassRole
                  NotResource: arn:aws:iam::*:role/admin
                - !Ref AWS::NoValue
              - !If
                - Never
                - Effect: Allow
                  Action: "*"
                  Resource: "*"
                - Effect: Allow
                  Action: sqs:SendMessage
                  Resource: !Sub "${AnyResource}"
  SpareRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: >-
        {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole"}]}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonS3FullAccess
        - !GetAtt SharedManaged.PolicyArn
  EcsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ecs-tasks.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: all
          PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  SharedManaged:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref SharedRole, !Ref EcsRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::*/*
  SpareAssume:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref SpareRole
      PolicyName: assume
      PolicyDocument:
        Statement:
          Effect: Allow
          Action: sts:AssumeRole
          Resource: "*"
  PlainFunction:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt SharedRole.Arn
      Code: {S3Bucket: artifacts, S3Key: app.zip}
      Handler: app.handler
      Runtime: python3.13
  SamFunction:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt SharedRole.Arn
      Policies: [AdministratorAccess]
  TemplatesFunction:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambda_FullAccess
        - !Ref SharedManaged
        - Statement:
            - Effect: Allow
              Action: s3:*
              Resource: !Sub "arn:aws:s3:::${BucketName}"
        - DynamoDBReadPolicy:
            TableName: "*"
        - SQSPollerPolicy:
            QueueName: !Ref TableArn
        - S3ReadPolicy:
            BucketName: !Ref Table
  UnboundedFunction:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [PermissionsBoundary]
    Properties:
      Policies: !Sub arn:${AWS::Partition}:iam::aws:policy/AmazonDynamoDBFullAccess
"""

VALID_TEMPLATES["sas4.yaml"] = SAS4_TEMPLATE
_VIEW_NAMES = ("policy_statements", "managed_policies", "roles")


def _canonical(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def _python_iam_views(views) -> dict[str, list[dict]]:
    """The IAM views as the Rego model writes them: lists for tuples, no choice fields on plain values,
    a choice id only as present (each engine names its decision points its own way)."""
    def record(r) -> dict:
        fields = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(r).items()}
        plain = fields.get("choices", 1) == 1
        kept = {k: v for k, v in fields.items() if not (plain and k in ("choice", "choices"))}
        return {k: ("*" if k == "choice" else v) for k, v in kept.items()}
    return {name: sorted((record(r) for r in getattr(views, name)), key=_canonical) for name in _VIEW_NAMES}


def _rego_iam_views(documents: list[dict], tmp_path: Path) -> list[dict[str, list[dict]]]:
    """The same views from the Rego model (data.faasguard.model), one opa run for all documents."""
    (tmp_path / "input.json").write_text(json.dumps({"documents": documents}))
    query = ("[views | some doc in input.documents; views := {name: data.faasguard.model[name] | some name in "
             + json.dumps(list(_VIEW_NAMES)) + "} with input as doc]")
    proc = run([tool("opa"), "eval", "-f", "json", "--ignore", "*_test.rego", "-d", str(ROOT / "rego"),
                "-i", str(tmp_path / "input.json"), query], cwd=ROOT)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-2000:]
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]

    def record(r: dict) -> dict:
        return {k: ("*" if k == "choice" else v) for k, v in r.items() if k != "alternative"}
    return [{name: sorted((record(r) for r in views[name]), key=_canonical) for name in _VIEW_NAMES}
            for views in found]


def _statement(resource: str, actions: list[str], resources: list[str], roles: list[str], functions: list[str],
               not_resources: list[str] = ()) -> dict:
    return {"resource": resource, "effect": "Allow", "actions": actions, "not_actions": [],
            "iam_resources": resources, "iam_not_resources": list(not_resources), "roles": roles,
            "functions": functions}


def _template_statements(function: str, name: str, arguments: dict) -> list[dict]:
    """The records of a SAM policy template's statements on a function, expanded with `arguments`."""
    return [_statement(function, list(iam.strings_of(s.get("Action", []))), list(iam.strings_of(s.get("Resource", []))),
                       [function], [function])
            for s in sam_policy_template(name, arguments)]


def _managed(role: str, policy: str, functions: list[str]) -> dict:
    return {"resource": role, "policy": policy, "roles": [role], "functions": functions}


def test_function_roles_and_what_reaches_them(tmp_path):
    (tmp_path / "src").mkdir()  # the functions' CodeUri (no manifest: no dependency finding, no unknown)
    document, error = parse_file(_write(tmp_path, "template.yaml", SAS4_TEMPLATE), True)
    assert error is None and document.format == "sam"
    views = build("sam", document.data)
    python = _python_iam_views(views)
    assert python == _rego_iam_views([document.data], tmp_path)[0]
    shared = ["PlainFunction", "SamFunction"]
    # SharedRole: trusted by Lambda and used; SpareRole: trusted by Lambda, no function yet; the roles SAM
    # generates for functions without Role (Globals' boundary, unless ignored); EcsRole is no function role
    assert python["roles"] == sorted([
        {"resource": "SharedRole", "functions": shared, "permissions_boundary": True},  # set on one branch
        {"resource": "SpareRole", "functions": [], "permissions_boundary": False},
        {"resource": "TemplatesFunction", "functions": ["TemplatesFunction"], "permissions_boundary": True},
        {"resource": "UnboundedFunction", "functions": ["UnboundedFunction"], "permissions_boundary": False},
    ], key=_canonical)
    # Resource entries: references (GetAtt, ${Table}, Join with a Ref) name one resource and are left
    # out; the region and account of a !Sub ARN are any; parameter defaults are read (in !Sub too); an
    # entry that is "*" or a reference depending on an unknown condition is left out and recorded.
    # The IsBlue statement is undecided (left out, recorded), Never picks the sqs statement. SharedManaged
    # reaches SharedRole, SpareRole and the role SAM generates for TemplatesFunction, not EcsRole
    templates = [*_template_statements("TemplatesFunction", "DynamoDBReadPolicy", {"TableName": "*"}),
                 *_template_statements("TemplatesFunction", "SQSPollerPolicy", {"QueueName": None}),
                 *_template_statements("TemplatesFunction", "S3ReadPolicy", {"BucketName": None})]
    assert python["policy_statements"] == sorted([
        _statement("SharedRole", ["DynamoDB:*", "dynamodb:GetItem"],
                   ["*", "arn:aws:dynamodb:*:*:table/*", "arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
                   ["SharedRole"], shared),
        _statement("SharedRole", ["sqs:SendMessage"], ["*"], ["SharedRole"], shared),
        _statement("SharedManaged", ["s3:GetObject"], ["arn:aws:s3:::*/*"],
                   ["SharedRole", "SpareRole", "TemplatesFunction"], sorted(shared + ["TemplatesFunction"])),
        _statement("SpareAssume", ["sts:AssumeRole"], ["*"], ["SpareRole"], []),
        _statement("TemplatesFunction", ["s3:*"], ["arn:aws:s3:::reports"], ["TemplatesFunction"],
                   ["TemplatesFunction"]),
        *templates,
    ], key=_canonical)
    # the SAM policy templates: '*' names every table; a parameter without default or a resource
    # leaves the Resource out (the queue could be anything: recorded below)
    assert sorted(r for s in templates for r in s["iam_resources"]) == [
        "arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:*:*:table/*/index/*"]
    assert python["managed_policies"] == sorted([
        _managed("SpareRole", "arn:aws:iam::aws:policy/AmazonS3FullAccess", []),
        _managed("TemplatesFunction", "AWSLambda_FullAccess", ["TemplatesFunction"]),
        _managed("UnboundedFunction", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", ["UnboundedFunction"]),
    ], key=_canonical)  # SamFunction has a Role: SAM ignores its Policies
    assert sorted((u.resource, u.view, u.why) for u in views.unknowns) == [
        ("SharedRole", "policy_statements",  # the IsBlue Resource entry: "*" or the table
         "Fn::If on a condition the template does not settle chooses between different values"),
        ("SharedRole", "policy_statements", "only deployment settles this value"),  # the IsBlue statement
        ("SharedRole", "policy_statements", "parameter TableArn has no Default"),
        ("SharedRole", "roles", "only deployment settles this value"),  # the boundary on IsBlue
        ("TemplatesFunction", "policy_statements", "parameter TableArn has no Default"),
    ]


def test_iam_views_of_every_template_agree_in_both_engines(tmp_path):
    """The role graph is twinned, not only the verdicts: every fixture and example template gives the same
    function roles, statements and managed policies in both engines."""
    # (a fixture's code folder, <name>_src/ beside its template, is no template)
    templates = sorted(p for p in [*FIXTURES.glob("FG_*/cloudformation/*"), *FIXTURES.glob("FG_*/sam/*"),
                                   *(ROOT / "examples").glob("**/template.yaml")] if p.is_file())
    documents = []
    for path in templates:
        document, error = parse_file(path, True)
        assert error is None, error
        documents.append(document)
    rego = _rego_iam_views([d.data for d in documents], tmp_path)
    differ = [str(path.relative_to(ROOT)) for path, document, views in zip(templates, documents, rego)
              if _python_iam_views(build(document.format, document.data)) != views]
    assert len(templates) > 40 and differ == []
