"""The function-log records (docs/model.md, "Function logs"): function_settings `log_group` / `logs_disabled` and
store_settings `retention_days`, for the shapes people write in each format; an unknown instead of a record for
what only deployment settles; and the same records from the Rego adapters (the real opa binary) on these
documents and on every fixture of FG_05_02."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
VIEWS = ("function_settings", "store_settings")
OURS = {"log_group", "logs_disabled", "retention_days"}


def _records(fmt: str, document: dict) -> set[tuple]:
    views = build(fmt, document)
    return {(s.resource, s.setting, s.value, s.functions, s.choices)
            for s in [*views.function_settings, *views.store_settings] if s.setting in OURS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in OURS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Name": {"Type": "String", "Default": "orders"}, "Free": {"Type": "String"},
                      "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           # a parameter default on both sides
           "Orders": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Ref": "Name"}}},
           "OrdersLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {
               "LogGroupName": {"Fn::Sub": "/aws/lambda/${Name}"}, "RetentionInDays": 30}},
           # a generated name, named by the function's Ref in an Fn::Join; no retention
           "Billing": {"Type": "AWS::Lambda::Function", "Properties": {}},
           "BillingLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {
               "LogGroupName": {"Fn::Join": ["", ["/aws/lambda/", {"Ref": "Billing"}]]}}},
           # LoggingConfig names its own group; retention 0 and an Fn::If on an unsettled condition
           "Audit": {"Type": "AWS::Lambda::Function", "Properties": {"LoggingConfig": {"LogGroup": {"Ref": "Shared"}}}},
           "Shared": {"Type": "AWS::Logs::LogGroup", "Properties": {
               "RetentionInDays": {"Fn::If": ["Prod", 365, {"Ref": "AWS::NoValue"}]}}},
           # the same text on both sides (the stack name)
           "Stacked": {"Type": "AWS::Lambda::Function", "Properties": {
               "FunctionName": {"Fn::Sub": "${AWS::StackName}-stacked"}}},
           "StackedLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {
               "LogGroupName": {"Fn::Sub": "/aws/lambda/${AWS::StackName}-stacked"}, "RetentionInDays": 7}},
           # no group: Lambda creates one
           "Lonely": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "lonely"}},
           # a group of another stack
           "External": {"Type": "AWS::Lambda::Function", "Properties": {
               "LoggingConfig": {"LogGroup": "/org/lambda/shared"}}},
       }}


def test_cloudformation_links_and_retention():
    assert _records("cloudformation", CFN) == {
        ("Orders", "log_group", "OrdersLogs", ("Orders",), 1),
        ("OrdersLogs", "retention_days", "30", ("Orders",), 1),
        ("Billing", "log_group", "BillingLogs", ("Billing",), 1),
        ("BillingLogs", "retention_days", "absent", ("Billing",), 1),
        ("Audit", "log_group", "Shared", ("Audit",), 1),
        ("Shared", "retention_days", "365", ("Audit",), 2), ("Shared", "retention_days", "absent", ("Audit",), 2),
        ("Stacked", "log_group", "StackedLogs", ("Stacked",), 1),
        ("StackedLogs", "retention_days", "7", ("Stacked",), 1),
        ("Lonely", "log_group", "absent", ("Lonely",), 1),
    }
    assert _unknowns("cloudformation", CFN) == set()


def test_a_group_only_deployment_names_leaves_unmatched_functions_undecided():
    template = {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "fn"}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Free}"}}},
    }}
    assert _records("cloudformation", template) == set()
    assert _unknowns("cloudformation", template) == {("Fn", "log_group")}


def test_an_unsettled_function_name_and_a_lambda_group_are_undecided():
    template = {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Ref": "Free"}}},
        "Other": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/aws/lambda/other"}},
        "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "named"}},
    }}
    # `Named` is settled: /aws/lambda/other is not its group
    assert _records("cloudformation", template) == {("Named", "log_group", "absent", ("Named",), 1)}
    assert _unknowns("cloudformation", template) == {("Fn", "log_group")}


# conftest's plain strings (dropped !Ref / !Sub tags), Globals.Function LoggingConfig
SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.12", "Handler": "app.handler",
                             "LoggingConfig": {"LogGroup": "AppLogs"}}},
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/"}},
        "AppLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}},
        "Worker": {"Type": "AWS::Serverless::Function", "Properties": {
            "CodeUri": "src/", "FunctionName": "worker", "LoggingConfig": {"LogGroup": {"Ref": "AWS::NoValue"}}}},
        "Jobs": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/"}},
        "JobsLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/aws/lambda/${Jobs}"}},
    },
}


def test_sam_globals_and_conftest_strings():
    records = _records("sam", SAM_TEMPLATE)
    assert ("Api", "log_group", "AppLogs", ("Api",), 1) in records
    assert ("Jobs", "log_group", "AppLogs", ("Jobs",), 1) in records  # Globals.Function.LoggingConfig
    assert ("AppLogs", "retention_days", "14", ("Api", "Jobs"), 1) in records


# ---- Serverless -------------------------------------------------------------------------------------------

SERVICE = {
    "service": "shop",
    "provider": {"name": "aws", "runtime": "python3.12", "logRetentionInDays": "${self:custom.retention}"},
    "custom": {"retention": 14},
    "functions": {
        "orders": {"handler": "a.h"},
        "billing-job": {"handler": "a.h", "logRetentionInDays": 3},
        "audit": {"handler": "a.h", "disableLogs": True},
        "replay": {"handler": "a.h", "disableLogs": "${env:REPLAY_QUIET}"},
        "legacy_x": {"handler": "a.h"},
        "custom": {"handler": "a.h", "logs": {"logGroup": "/shop/custom"}},
        "zero": {"handler": "a.h", "logRetentionInDays": 0},
        "unknown": {"handler": "a.h", "logRetentionInDays": "${param:days}"},
    },
    "resources": {"Resources": {
        "LegacyUnderscorexLogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 0}},
        "Custom": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/shop/custom"}},
    }},
}


def test_serverless_framework_groups():
    assert _records("serverless", SERVICE) == {
        *((key, "logs_disabled", "false", (key,), 1)
          for key in ("orders", "billing-job", "legacy_x", "custom", "zero", "unknown")),
        ("audit", "logs_disabled", "true", ("audit",), 1),
        ("billing-job", "retention_days", "3", ("billing-job",), 1),
        # the function's 0 is falsy: it inherits the provider's ${self:} value
        ("provider", "retention_days", "14", ("orders", "zero"), 1),
        # overridden in resources.Resources (naming.js: _ is Underscore)
        ("LegacyUnderscorexLogGroup", "retention_days", "0", ("legacy_x",), 1),
        # a custom v4 group declared in resources.Resources
        ("Custom", "retention_days", "absent", ("custom",), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("replay", "logs_disabled"), ("unknown", "retention_days")}


def test_serverless_without_retention_is_absent_on_each_function():
    service = {"service": "s", "provider": {"name": "aws"}, "functions": {"a": {"handler": "h"}, "b": {"handler": "h"}}}
    records = _records("serverless", service)
    assert {r for r in records if r[1] == "retention_days"} == {
        ("a", "retention_days", "absent", ("a",), 1), ("b", "retention_days", "absent", ("b",), 1)}


# ---- Terraform -------------------------------------------------------------------------------------------

MODULE = '''
variable "name" { type = string }
variable "days" { type = number }
variable "known" {
  type    = string
  default = "known-fn"
}
resource "aws_lambda_function" "a" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_cloudwatch_log_group" "a" {
  name              = "/aws/lambda/orders"
  retention_in_days = 30
}
resource "aws_lambda_function" "b" {
  function_name = "billing"
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_cloudwatch_log_group" "b" {
  name              = "/aws/lambda/${aws_lambda_function.b.function_name}"
  retention_in_days = var.days
}
resource "aws_lambda_function" "c" {
  function_name = var.name
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_cloudwatch_log_group" "c" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = 0
}
resource "aws_lambda_function" "d" {
  function_name = var.known
  role          = "arn:aws:iam::123456789012:role/r"
  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.shared.name
  }
}
resource "aws_cloudwatch_log_group" "shared" {
  name = "/shop/shared"
}
resource "aws_lambda_function" "e" {
  function_name = "/known/elsewhere"
  role          = "arn:aws:iam::123456789012:role/r"
  logging_config {
    log_format = "JSON"
    log_group  = "/org/shared"
  }
}
resource "aws_lambda_function" "f" {
  function_name = "lonely"
  role          = "arn:aws:iam::123456789012:role/r"
}
locals {
  workers = { import = "shop-import", export = "shop-export" }
}
resource "aws_lambda_function" "import" {
  function_name = local.workers.import
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_lambda_function" "export" {
  function_name = "shop-export"
  role          = "arn:aws:iam::123456789012:role/r"
}
# one block for both functions' groups, as teams write it
resource "aws_cloudwatch_log_group" "workers" {
  for_each          = local.workers
  name              = "/aws/lambda/${each.value}"
  retention_in_days = 14
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_links(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _records("terraform", module) == {
        ("aws_lambda_function.a", "log_group", "aws_cloudwatch_log_group.a", ("aws_lambda_function.a",), 1),
        ("aws_cloudwatch_log_group.a", "retention_days", "30", ("aws_lambda_function.a",), 1),
        # the name expression references the function
        ("aws_lambda_function.b", "log_group", "aws_cloudwatch_log_group.b", ("aws_lambda_function.b",), 1),
        # the same `${var.name}` text on both sides
        ("aws_lambda_function.c", "log_group", "aws_cloudwatch_log_group.c", ("aws_lambda_function.c",), 1),
        ("aws_cloudwatch_log_group.c", "retention_days", "0", ("aws_lambda_function.c",), 1),
        # logging_config by reference
        ("aws_lambda_function.d", "log_group", "aws_cloudwatch_log_group.shared", ("aws_lambda_function.d",), 1),
        ("aws_cloudwatch_log_group.shared", "retention_days", "absent", ("aws_lambda_function.d",), 1),
        # e names a group the module does not declare: no record
        ("aws_lambda_function.f", "log_group", "absent", ("aws_lambda_function.f",), 1),
        # a for_each block's name with each.value: one name per instance
        ("aws_lambda_function.import", "log_group", "aws_cloudwatch_log_group.workers", ("aws_lambda_function.import",), 1),
        ("aws_lambda_function.export", "log_group", "aws_cloudwatch_log_group.workers", ("aws_lambda_function.export",), 1),
        ("aws_cloudwatch_log_group.workers", "retention_days", "14",
         ("aws_lambda_function.export", "aws_lambda_function.import"), 1),
    }
    assert _unknowns("terraform", module) == {("aws_cloudwatch_log_group.b", "retention_days")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every FG_05_02 fixture."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    found += [(f"EXTRA{i}", "cloudformation", d) for i, d in enumerate(EXTRA_TEMPLATES)]
    return found + fixture_documents(["FG_05_02"])


EXTRA_TEMPLATES = [
    {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "fn"}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Free}"}}}}},
    {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Ref": "Free"}}},
        "Other": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/aws/lambda/other"}},
        "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "named"}}}},
    {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Ref": "Free"}}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/aws/lambda/${Free}",
                                                                "RetentionInDays": "90"}}}},
]


@pytest.mark.parametrize("view", VIEWS)
def test_both_engines_build_the_same_records(tmp_path, view):
    assert disagreements(_documents(tmp_path), (view,), lambda view, r: r["setting"] in OURS) == []
