"""The lifecycle records (docs/model.md, "Lifecycle settings"): function_settings `trigger_enabled`,
`old_versions` and the tag keys FG_11_06 adds (`*`, Terraform default tags and keys whose value is not
settled, Serverless stack tags), for the shapes people write in each format; nothing for what only
deployment settles (an unknown instead); the same records from the Rego adapters (the real opa binary) on
these documents and on every fixture of the rules that read them."""
from __future__ import annotations

from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_11_02", "FG_11_05", "FG_11_06")
SETTINGS = {"trigger_enabled", "old_versions", "tag"}


def _settings(fmt: str, document: dict, *settings: str) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).function_settings if s.setting in (settings or SETTINGS)}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Stage": {"Type": "String"}, "Key": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Worker": {"Type": "AWS::Lambda::Function", "Properties": {
               "Runtime": "python3.13", "Handler": "w.h", "Code": {"ZipFile": "x"},
               "Tags": [{"Key": "owner", "Value": "team"}, {"Key": {"Ref": "Key"}, "Value": "x"}]}},
           "Queue": {"Type": "AWS::SQS::Queue"},
           "Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
               "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}, "FunctionName": {"Ref": "Worker"},
               "Enabled": "false"}},
           "Rule": {"Type": "AWS::Events::Rule", "Properties": {
               "State": {"Fn::If": ["Prod", "ENABLED", "DISABLED"]},
               "Targets": [{"Id": "w", "Arn": {"Fn::GetAtt": ["Worker", "Arn"]}}]}},
           "Schedule": {"Type": "AWS::Scheduler::Schedule", "Properties": {
               "State": {"Ref": "Stage"}, "Target": {"Arn": {"Fn::GetAtt": ["Worker", "Arn"]}}}},
           "Version": {"Type": "AWS::Lambda::Version", "DeletionPolicy": "RetainExceptOnCreate",
                       "Properties": {"FunctionName": {"Ref": "Worker"}}},
           "Replaced": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": "elsewhere"}},
           # policies of another shape than a string retain nothing (and crash neither engine)
           "Shapeless": {"Type": "AWS::Lambda::Version", "DeletionPolicy": ["Retain"],
                         "UpdateReplacePolicy": {"Retain": True}, "Properties": {"FunctionName": {"Ref": "Worker"}}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Worker", "function", "tag", "owner", ("Worker",), 1),
        ("Worker", "function", "tag", "*", ("Worker",), 1),  # a key only the deployment names
        ("Mapping", "trigger", "trigger_enabled", "false", ("Worker",), 1),  # "false" as text
        ("Rule", "trigger", "trigger_enabled", "true", ("Worker",), 2),
        ("Rule", "trigger", "trigger_enabled", "false", ("Worker",), 2),
        ("Version", "version", "old_versions", "retained", ("Worker",), 1),
        ("Replaced", "version", "old_versions", "deleted", (), 1),
        ("Shapeless", "version", "old_versions", "deleted", ("Worker",), 1),
    }
    assert _unknowns("cloudformation", CFN) == {("Worker", "tag"), ("Schedule", "trigger_enabled")}


SAM_TEMPLATE = {"Transform": SAM,
                "Parameters": {"Stage": {"Type": "String"}},
                "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
                "Globals": {"Function": {"Runtime": "nodejs22.x", "Tags": {"team": "search"},
                                         "VersionDeletionPolicy": "Delete"}},
                "Resources": {
                    "Query": {"Type": "AWS::Serverless::Function", "Properties": {
                        "Handler": "q.h", "AutoPublishAlias": "live", "Tags": {"owner": "search"},
                        "Events": {
                            "Old": {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:eu-west-1:1:q",
                                                                  "Enabled": False}},
                            "Nightly": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)",
                                                                           "Enabled": False}},
                            "Weekly": {"Type": "ScheduleV2", "Properties": {"ScheduleExpression": "rate(7 days)",
                                                                            "State": "ENABLED"}},
                            "Api": {"Type": "Api", "Properties": {"Path": "/q", "Method": "get"}}}}},
                    # the function's DeletionPolicy passes to its versions
                    "Retained": {"Type": "AWS::Serverless::Function", "DeletionPolicy": "Retain",
                                 "Properties": {"Handler": "r.h", "AutoPublishAlias": "live"}},
                    # only DeletionPolicy: each version SAM publishes has a new logical id (not replaced, deleted)
                    "Replacing": {"Type": "AWS::Serverless::Function", "DeletionPolicy": "Delete",
                                  "UpdateReplacePolicy": "Retain", "IgnoreGlobals": "*",
                                  "Properties": {"Handler": "p.h", "AutoPublishAlias": "live"}},
                    "Default": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["VersionDeletionPolicy"],
                                "Properties": {"Handler": "d.h", "AutoPublishAlias": "live",
                                               "Tags": {"Fn::If": ["Prod", {"tier": "1"}, {"tier": "2"}]}}},
                    "Managed": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*", "Properties": {
                        "Handler": "m.h", "Runtime": "nodejs22.x", "AutoPublishAlias": "live",
                        "CapacityProviderConfig": {"Arn": "arn:aws:lambda:eu-west-1:1:capacity-provider:p"}}},
                }}


def test_sam_records():
    assert _settings("sam", SAM_TEMPLATE, "trigger_enabled", "old_versions") == {
        ("Query", "event Old", "trigger_enabled", "false", ("Query",), 1),
        ("Query", "event Nightly", "trigger_enabled", "false", ("Query",), 1),  # Enabled without State
        ("Query", "event Weekly", "trigger_enabled", "true", ("Query",), 1),
        ("Query", "function", "old_versions", "deleted", ("Query",), 1),  # Globals' VersionDeletionPolicy
        ("Retained", "function", "old_versions", "retained", ("Retained",), 1),
        ("Replacing", "function", "old_versions", "deleted", ("Replacing",), 1),
        ("Default", "function", "old_versions", "retained", ("Default",), 1),  # SAM's default
        ("Managed", "function", "old_versions", "deleted", ("Managed",), 1),  # with CapacityProviderConfig
    }
    # Globals' tags merged into each function (faasguard.model.limits); a map the template does not settle: `*`
    assert {(r, v) for r, _, _, v, _, _ in _settings("sam", SAM_TEMPLATE, "tag")} == {
        ("Query", "team"), ("Query", "owner"), ("Retained", "team"), ("Default", "*")}


# ---- Serverless ----------------------------------------------------------------------------------------

SERVICE = {"service": "inventory", "provider": {"name": "aws", "runtime": "nodejs22.x",
                                                "stackTags": {"owner": "inventory-team"},
                                                "tags": "${ssm:/inventory/tags}"},
           "plugins": {"modules": ["serverless-prune-plugin"]},
           "custom": {"prune": {"automatic": "${env:PRUNE}"}},
           "functions": {
               "sync": {"handler": "s.h", "events": [
                   {"sqs": {"arn": "arn:aws:sqs:eu-west-1:1:q", "enabled": False}},
                   {"stream": "arn:aws:dynamodb:eu-west-1:1:table/t/stream/x"},
                   {"http": {"path": "sync", "method": "post"}},
                   {"schedule": {"rate": "rate(1 hour)", "enabled": "${env:ENABLED}"}}]},
               "report": {"handler": "r.h", "versionFunction": False, "tags": {"owner": "reports"}},
           }}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("sync", "event events[0].sqs", "trigger_enabled", "false", ("sync",), 1),
        ("sync", "event events[1].stream", "trigger_enabled", "true", ("sync",), 1),
        ("provider", "function", "tag", "owner", ("report", "sync"), 1),  # stack tags
        ("provider", "function", "tag", "*", ("report", "sync"), 1),  # tags from SSM
        ("report", "function", "tag", "owner", ("report",), 1),
        ("report", "function", "old_versions", "unpublished", ("report",), 1),
    }
    # the schedule's flag, and whether the prune plugin prunes (so sync's versions), only deployment settles
    assert _unknowns("serverless", SERVICE) == {("sync", "trigger_enabled"), ("provider", "tag"),
                                                ("provider", "old_versions")}


def test_serverless_versions_default_to_retained():
    service = {"service": "s", "provider": {"name": "aws"}, "functions": {"api": {"handler": "h"}}}
    assert _settings("serverless", service, "old_versions") == {
        ("provider", "function", "old_versions", "retained", ("api",), 1)}
    pruned = {**service, "plugins": ["serverless-prune-plugin"], "custom": {"prune": {"automatic": True}}}
    assert _settings("serverless", pruned, "old_versions") == {
        ("provider", "function", "old_versions", "pruned", ("api",), 1)}


# ---- Terraform -----------------------------------------------------------------------------------------

MODULE = '''
variable "enabled" {
  type = bool
}

variable "tags" {
  type = map(string)
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { owner = "platform" }
  }
}

provider "aws" {
  alias  = "audit"
  region = "us-east-1"
  default_tags {
    tags = var.tags
  }
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  runtime       = "python3.13"
  handler       = "h"
  role          = "arn:aws:iam::123456789012:role/api"
  publish       = var.enabled ? true : false
  tags = {
    data-classification = var.classification
  }
}

resource "aws_lambda_function" "audit" {
  provider      = aws.audit
  function_name = "audit"
  runtime       = "python3.13"
  handler       = "h"
  role          = "arn:aws:iam::123456789012:role/audit"
  publish       = true
  tags          = var.tags
}

resource "aws_lambda_alias" "audit" {
  name             = "live"
  function_name    = "audit"
  function_version = "1"
}

resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:q"
  function_name    = aws_lambda_function.api.arn
  enabled          = var.enabled
}

resource "aws_cloudwatch_event_rule" "legacy" {
  name                = "legacy"
  schedule_expression = "rate(1 day)"
  is_enabled          = false
}

resource "aws_cloudwatch_event_target" "legacy" {
  rule = aws_cloudwatch_event_rule.legacy.name
  arn  = aws_lambda_function.api.arn
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    api, audit = "aws_lambda_function.api", "aws_lambda_function.audit"
    assert _settings("terraform", module) == {
        ("aws_cloudwatch_event_rule.legacy", "trigger", "trigger_enabled", "false", (api,), 1),  # is_enabled
        (api, "function", "old_versions", "unaliased", (api,), 2),
        (api, "function", "old_versions", "unpublished", (api,), 2),
        (audit, "function", "old_versions", "aliased", (audit,), 1),  # the alias names it by its name
        (api, "function", "tag", "data-classification", (api,), 1),  # the key of an unsettled value
        ("provider.aws", "function", "tag", "owner", (api,), 1),
        (audit, "function", "tag", "*", (audit,), 1),
        ("provider.aws.audit", "function", "tag", "*", (audit,), 1),
    }
    assert _unknowns("terraform", module) == {("aws_lambda_event_source_mapping.queue", "trigger_enabled"),
                                              (audit, "tag"), ("provider.aws.audit", "tag")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("function_settings",), lambda view, r: r["setting"] in SETTINGS) == []
