"""The failure routing records (docs/model.md, "Failure routing"; FG_08_06): function_settings
`async_failure_route` / `async_trigger` and store_settings `on_failure_destination` / `redrive_policy` /
`dead_letter_queue`, for the shapes people write in each format; and the same records from the Rego
adapters (the real opa binary) on these documents and on every fixture of FG_08_06."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import rego_each_document, views_object
from tests.fixture_cases import FIXTURES

SAM = "AWS::Serverless-2016-10-31"
VIEWS = ("function_settings", "store_settings")
SETTINGS = {"async_failure_route", "async_trigger", "on_failure_destination", "redrive_policy", "dead_letter_queue"}
FAILED = "arn:aws:sqs:us-east-1:123456789012:failed"


def _settings(fmt: str, document: dict) -> set[tuple]:
    views = build(fmt, document)
    return {(s.resource, s.kind, s.setting, s.value, s.functions, s.choices)
            for s in [*views.function_settings, *views.store_settings] if s.setting in SETTINGS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Stage": {"Type": "String"}, "Dlq": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Plain": {"Type": "AWS::Lambda::Function", "Properties": {}},
           # a parameter without default is a queue all the same
           "ByParameter": {"Type": "AWS::Lambda::Function", "Properties": {"DeadLetterConfig": {"TargetArn": {"Ref": "Dlq"}}}},
           "Maybe": {"Type": "AWS::Lambda::Function", "Properties": {"DeadLetterConfig": {"Fn::If": [
               "Prod", {"TargetArn": FAILED}, {"Ref": "AWS::NoValue"}]}}},
           "Routed": {"Type": "AWS::Lambda::Function", "Properties": {}},
           "RoutedConfig": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
               "FunctionName": {"Ref": "Routed"}, "Qualifier": "$LATEST",
               "DestinationConfig": {"OnFailure": {"Destination": FAILED}}}},
           "Stream": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}},
           "StreamMapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
               "EventSourceArn": {"Fn::GetAtt": ["Stream", "Arn"]}, "FunctionName": {"Ref": "Plain"}}},
           "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"RedrivePolicy": {"deadLetterTargetArn": FAILED}}},
           # a queue mapping is judged on its queue, not as a stream
           "QueueMapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
               "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}, "FunctionName": {"Ref": "Plain"}}},
           "Topic": {"Type": "AWS::SNS::Topic", "Properties": {
               "Subscription": [{"Protocol": "lambda", "Endpoint": {"Fn::GetAtt": ["Routed", "Arn"]}}]}},
           "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
               "TopicArn": {"Ref": "Topic"}, "Protocol": "lambda", "Endpoint": {"Fn::GetAtt": ["Plain", "Arn"]},
               "RedrivePolicy": {"Fn::If": ["Prod", {"deadLetterTargetArn": FAILED}, {"Ref": "AWS::NoValue"}]}}},
           "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Targets": [
               {"Id": "a", "Arn": {"Fn::GetAtt": ["Plain", "Arn"]}, "DeadLetterConfig": {"Arn": FAILED}},
               {"Id": "b", "Arn": FAILED}]}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Plain", "function", "async_failure_route", "absent", ("Plain",), 1),
        ("ByParameter", "function", "async_failure_route", "dead_letter_queue", ("ByParameter",), 1),
        ("Maybe", "function", "async_failure_route", "dead_letter_queue", ("Maybe",), 2),
        ("Maybe", "function", "async_failure_route", "absent", ("Maybe",), 2),
        ("Routed", "function", "async_failure_route", "on_failure_destination", ("Routed",), 1),
        ("StreamMapping", "event_source_mapping", "on_failure_destination", "absent", ("Plain",), 1),
        ("Queue", "sqs_queue", "redrive_policy", "set", ("Plain",), 1),
        ("Topic", "sns_subscription", "redrive_policy", "absent", ("Routed",), 1),  # inline: cannot carry one
        ("Subscription", "sns_subscription", "redrive_policy", "set", ("Plain",), 2),
        ("Subscription", "sns_subscription", "redrive_policy", "absent", ("Plain",), 2),
        ("Rule", "event_rule_target", "dead_letter_queue", "set", ("Plain",), 1),  # the queue target is not judged
    }


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"EventInvokeConfig": {"DestinationConfig": {"OnFailure": {"Type": "SQS", "Destination": FAILED}}}}},
    "Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket"},
        "Routed": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
            "Nightly": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)", "DeadLetterConfig": {"Type": "SQS"}}},
            "Logs": {"Type": "CloudWatchLogs", "Properties": {"LogGroupName": "app", "FilterPattern": ""}},
            "Table": {"Type": "DynamoDB", "Properties": {"Stream": "arn:aws:dynamodb:us-east-1:1:table/t/stream/x"}},
            "Topic": {"Type": "SNS", "Properties": {"Topic": "arn:aws:sns:us-east-1:1:t", "RedrivePolicy": {}}}}}},
        "Own": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*", "Properties": {
            "DeadLetterQueue": {"Type": "SNS", "TargetArn": "arn:aws:sns:us-east-1:1:dlq"}}},
        "Bare": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["EventInvokeConfig"], "Properties": {}},
    }}


def test_sam_records():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Routed", "function", "async_failure_route", "on_failure_destination", ("Routed",), 1),  # from Globals
        ("Routed", "function", "async_trigger", "Schedule", ("Routed",), 1),
        ("Routed", "function", "async_trigger", "CloudWatchLogs", ("Routed",), 1),
        ("Routed", "event_rule_target", "dead_letter_queue", "set", ("Routed",), 1),
        ("Routed", "event_source_mapping", "on_failure_destination", "absent", ("Routed",), 1),
        ("Routed", "sns_subscription", "redrive_policy", "set", ("Routed",), 1),
        ("Own", "function", "async_failure_route", "dead_letter_queue", ("Own",), 1),
        ("Bare", "function", "async_failure_route", "absent", ("Bare",), 1),
    }


# ---- Serverless -----------------------------------------------------------------------------------------

SERVICE = {
    "service": "pipeline", "provider": {"name": "aws"},
    "custom": {"dlq": FAILED},
    "functions": {
        "plain": {"handler": "h.h", "events": [{"schedule": "rate(1 day)"}, {"stream": "arn:aws:kinesis:us-east-1:1:stream/s"}]},
        "variable": {"handler": "h.h", "onError": "${ssm:/failed-topic}",
                     "events": [{"sns": {"arn": "arn:aws:sns:us-east-1:1:t", "redrivePolicy": {"deadLetterTargetArn": FAILED}}}]},
        "destined": {"handler": "h.h", "destinations": {"onFailure": "${self:custom.dlq}"},
                     "events": [{"eventBridge": {"pattern": {"source": ["a"]}}},
                                {"sqs": {"arn": {"Fn::GetAtt": ["Queue", "Arn"]}}}]},
        "embedded": {"handler": "h.h"},
    },
    "resources": {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Config": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
            "FunctionName": {"Ref": "EmbeddedLambdaFunction"}, "Qualifier": "$LATEST",
            "DestinationConfig": {"OnFailure": {"Destination": FAILED}}}}}},
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("plain", "function", "async_failure_route", "absent", ("plain",), 1),
        ("plain", "function", "async_trigger", "schedule", ("plain",), 1),
        ("plain", "event_source_mapping", "on_failure_destination", "absent", ("plain",), 1),
        ("variable", "function", "async_failure_route", "dead_letter_queue", ("variable",), 1),
        ("variable", "sns_subscription", "redrive_policy", "set", ("variable",), 1),
        ("destined", "function", "async_failure_route", "on_failure_destination", ("destined",), 1),
        ("destined", "event_rule_target", "dead_letter_queue", "absent", ("destined",), 1),
        ("Queue", "sqs_queue", "redrive_policy", "absent", ("destined",), 1),
        ("embedded", "function", "async_failure_route", "on_failure_destination", ("embedded",), 1),
    }


# ---- Terraform -----------------------------------------------------------------------------------------

MODULE = """
variable "dlq_arn" {}

resource "aws_lambda_function" "plain" {
  function_name = "plain"
}

resource "aws_lambda_function" "variable" {
  function_name = "variable"
  dead_letter_config {
    target_arn = var.dlq_arn
  }
}

resource "aws_lambda_function_event_invoke_config" "named" {
  function_name = "plain"
  destination_config {
    on_failure {
      destination = var.dlq_arn
    }
  }
}

resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = var.dlq_arn
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.variable.arn
}

resource "aws_lambda_event_source_mapping" "table" {
  event_source_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024"
  function_name    = aws_lambda_function.variable.arn
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = "arn:aws:sns:us-east-1:123456789012:t"
  protocol  = "email"
  endpoint  = "ops@example.com"
}
"""


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    assert _settings("terraform", _module(tmp_path, MODULE)) == {
        # the invoke configuration names it by its known function_name
        ("aws_lambda_function.plain", "function", "async_failure_route", "on_failure_destination",
         ("aws_lambda_function.plain",), 1),
        ("aws_lambda_function.variable", "function", "async_failure_route", "dead_letter_queue",
         ("aws_lambda_function.variable",), 1),
        ("aws_sqs_queue.jobs", "sqs_queue", "redrive_policy", "set", ("aws_lambda_function.variable",), 1),
        ("aws_lambda_event_source_mapping.table", "event_source_mapping", "on_failure_destination", "absent",
         ("aws_lambda_function.variable",), 1),
    }


# ---- both engines ------------------------------------------------------------------------------------------


def _records(records) -> list[tuple]:
    """This concern's records as tuples, without the decision point's id and index (each engine names them its
    own way)."""
    return sorted((r["resource"], r["kind"], r["setting"], r["value"], tuple(r["functions"]), r.get("choices", 1))
                  for r in records if r["setting"] in SETTINGS)


def test_both_engines_build_the_same_records(tmp_path):
    """On this file's documents and every fixture of FG_08_06."""
    (tmp_path / "module").mkdir()
    documents = [("cloudformation", CFN), ("sam", SAM_TEMPLATE), ("serverless", SERVICE),
                 ("terraform", _module(tmp_path / "module", MODULE))]
    documents += [(d.format, d.data) for case in sorted((FIXTURES / "FG_08_06").glob("*/*"))
                  for d in load_paths([str(case)]).documents]
    rego = rego_each_document([document for _, document in documents], views_object(VIEWS))
    for (fmt, document), opa in zip(documents, rego):
        views = build(fmt, document)
        for view in VIEWS:
            python = _records(dataclasses.asdict(r) for r in getattr(views, view))
            assert python == _records(opa[view]), (fmt, view)
