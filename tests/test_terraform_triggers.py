"""The trigger views of Terraform modules and plans (docs/formats/terraform_apis.md, "Triggers"): exact
event_sources and source_policies records for the shapes people write, no record for what only
deployment settles, and the same records from both engines."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import terraform
from faasguard.model.views import EventSource, SourcePolicyStatement
from tests.conftest import rego_each_document, views_object
from tests.fixture_cases import FIXTURES

TRIGGER_VIEWS = ("event_sources", "source_policies")
WORKER = ("aws_lambda_function.worker",)


def _module(tmp_path: Path, text: str):
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


MODULE = '''
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "app.handler"
  runtime       = "python3.13"
  filename      = "app.zip"
}
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*",
      Condition = { ArnEquals = { "AWS:SourceArn" = aws_sns_topic.events.arn } } }]
  })
}
resource "aws_sns_topic" "events" {
  name = "events"
}
resource "aws_sns_topic_policy" "events" {
  arn    = aws_sns_topic.events.arn
  policy = data.aws_iam_policy_document.publish.json
}
data "aws_iam_policy_document" "publish" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions = ["sns:Publish", "sns:Subscribe"]
  }
  statement {
    effect = "Deny"
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    actions = ["sns:Publish"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account]
    }
  }
}
resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}
resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  acl    = "public-read-write"
}
resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.bucket
  policy = <<POLICY
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:PutObject"], "Resource": "*"},
  {"Effect": "Allow", "Principal": {"AWS": "${var.who}"}, "Action": "s3:GetObject", "Resource": "*"}]}
POLICY
}
resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.worker.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
resource "aws_sns_topic_subscription" "worker" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.worker.arn
}
resource "aws_sns_topic_subscription" "mail" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "email"
  endpoint  = "a@example.com"
}
resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
}
resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 1
}
resource "aws_lambda_event_source_mapping" "clicks" {
  event_source_arn  = aws_kinesis_stream.clicks.arn
  function_name     = "worker"
  starting_position = "LATEST"
}
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"
}
resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn  = aws_dynamodb_table.orders.stream_arn
  function_name     = aws_lambda_function.worker.function_name
  starting_position = "LATEST"
}
resource "aws_lambda_event_source_mapping" "external" {
  event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:elsewhere"
  function_name    = var.function
}
resource "aws_lambda_event_source_mapping" "unknown" {
  event_source_arn = var.source_arn
  function_name    = aws_lambda_function.worker.arn
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.worker.arn
}
resource "aws_cloudwatch_event_target" "to_queue" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_sqs_queue.jobs.arn
}
'''


def test_triggers_of_a_module(tmp_path):
    views = terraform.hcl_views(_module(tmp_path, MODULE))
    assert sorted(views.event_sources, key=lambda e: e.resource) == [
        EventSource("aws_cloudwatch_event_target.nightly", "eventbridge", "aws_cloudwatch_event_rule.nightly", WORKER),
        EventSource("aws_lambda_event_source_mapping.clicks", "kinesis", "aws_kinesis_stream.clicks", WORKER),
        EventSource("aws_lambda_event_source_mapping.external", "sqs", "", ()),
        EventSource("aws_lambda_event_source_mapping.jobs", "sqs", "aws_sqs_queue.jobs", WORKER),
        EventSource("aws_lambda_event_source_mapping.orders", "dynamodb", "aws_dynamodb_table.orders", WORKER),
        EventSource("aws_lambda_event_source_mapping.unknown", "other", "", WORKER),
        EventSource("aws_s3_bucket_notification.uploads", "s3", "aws_s3_bucket.uploads", WORKER),
        EventSource("aws_sns_topic_subscription.worker", "sns", "aws_sns_topic.events", WORKER),
    ]


def test_source_policies_of_a_module(tmp_path):
    views = terraform.hcl_views(_module(tmp_path, MODULE))
    assert set(views.source_policies) == {
        # heredoc JSON; the statement whose principal is a variable gives no record
        SourcePolicyStatement("aws_s3_bucket_policy.uploads", "aws_s3_bucket.uploads", "Allow", ("s3:PutObject",),
                              True, False),
        # data.aws_iam_policy_document: principals blocks, condition `variable`
        SourcePolicyStatement("aws_sns_topic_policy.events", "aws_sns_topic.events", "Allow",
                              ("sns:Publish", "sns:Subscribe"), True, False),
        SourcePolicyStatement("aws_sns_topic_policy.events", "aws_sns_topic.events", "Deny", ("sns:Publish",),
                              False, True),
        # jsonencode embedded in the queue, condition key in another case
        SourcePolicyStatement("aws_sqs_queue.jobs", "aws_sqs_queue.jobs", "Allow", ("sqs:SendMessage",), True, True),
        SourcePolicyStatement("aws_s3_bucket_acl.uploads", "aws_s3_bucket.uploads", "Allow",
                              ("s3:GetObject", "s3:PutObject"), True, False),
    }
    assert len(views.source_policies) == 5


UNSETTLED = '''
resource "aws_sqs_queue" "q" {
  policy = var.policy
}
resource "aws_s3_bucket_acl" "b" {
  bucket = "elsewhere"
  acl    = "public-read"
}
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.b.id
  acl    = var.acl
}
resource "aws_sns_topic" "t" {
  policy = jsonencode({ Statement = [{ Effect = var.effect, Principal = "*", Action = "sns:Publish" },
                                     { Effect = "Allow", Principal = { AWS = "*" }, Action = [var.action, "sns:Publish"] }] })
}
resource "aws_sns_topic_subscription" "s" {
  topic_arn = var.topic
  protocol  = var.protocol
  endpoint  = var.endpoint
}
'''


def test_values_only_deployment_settles_give_no_record(tmp_path):
    views = terraform.hcl_views(_module(tmp_path, UNSETTLED))
    assert views.event_sources == []
    assert views.source_policies == [
        SourcePolicyStatement("aws_sns_topic.t", "aws_sns_topic.t", "Allow", ("sns:Publish",), True, False)]


def _change(address: str, after: dict, unknown: dict | None = None) -> dict:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown or {}}}


def _config(address: str, expressions: dict) -> dict:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name, "expressions": expressions}


def _refs(*keys: str) -> dict:
    return {"references": list(keys)}


PUBLIC_SEND = json.dumps({"Version": "2012-10-17", "Statement": {
    "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "sqs:SendMessage",
    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}})
PLAN = {"format_version": "1.2", "resource_changes": [
    _change("aws_lambda_function.worker", {"function_name": "worker"}, {"arn": True}),
    _change("aws_sqs_queue.jobs", {"name": "jobs"}, {"arn": True, "url": True}),
    _change("aws_sqs_queue_policy.jobs", {"policy": PUBLIC_SEND}, {"queue_url": True}),
    _change("aws_lambda_event_source_mapping.jobs", {"function_name": "worker"}, {"event_source_arn": True}),
    _change("aws_s3_bucket.uploads", {"bucket": "uploads"}, {"arn": True}),
    _change("aws_s3_bucket_notification.uploads", {"bucket": "uploads", "lambda_function": [
        {"events": ["s3:ObjectCreated:*"]}]}, {"lambda_function": [{"lambda_function_arn": True}]}),
    _change("aws_s3_bucket_acl.uploads", {"bucket": "uploads", "acl": "public-read"}),
    _change("aws_sns_topic.events", {"name": "events", "policy": None}, {"policy": True}),
], "configuration": {"root_module": {"resources": [
    _config("aws_lambda_function.worker", {"function_name": {"constant_value": "worker"}}),
    _config("aws_sqs_queue_policy.jobs", {"queue_url": _refs("aws_sqs_queue.jobs.url", "aws_sqs_queue.jobs"),
                                          "policy": {"constant_value": PUBLIC_SEND}}),
    _config("aws_lambda_event_source_mapping.jobs", {
        "event_source_arn": _refs("aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs"),
        "function_name": _refs("aws_lambda_function.worker.function_name", "aws_lambda_function.worker")}),
    _config("aws_s3_bucket_notification.uploads", {
        "bucket": _refs("aws_s3_bucket.uploads.id", "aws_s3_bucket.uploads"),
        "lambda_function": [{"lambda_function_arn": _refs("aws_lambda_function.worker.arn",
                                                          "aws_lambda_function.worker")}]}),
    _config("aws_s3_bucket_acl.uploads", {"bucket": _refs("aws_s3_bucket.uploads.id", "aws_s3_bucket.uploads"),
                                          "acl": {"constant_value": "public-read"}}),
    _config("aws_sns_topic.events", {"policy": _refs("data.aws_iam_policy_document.p.json",
                                                     "data.aws_iam_policy_document.p")}),
]}}}


def test_triggers_and_policies_of_a_plan():
    views = terraform.plan_views(PLAN)
    assert sorted(views.event_sources, key=lambda e: e.resource) == [
        EventSource("aws_lambda_event_source_mapping.jobs", "sqs", "aws_sqs_queue.jobs", WORKER),
        EventSource("aws_s3_bucket_notification.uploads", "s3", "aws_s3_bucket.uploads", WORKER),
    ]
    # the topic's policy is only known at apply time: no record
    assert sorted(views.source_policies, key=lambda p: p.resource) == [
        SourcePolicyStatement("aws_s3_bucket_acl.uploads", "aws_s3_bucket.uploads", "Allow", ("s3:GetObject",),
                              True, False),
        SourcePolicyStatement("aws_sqs_queue_policy.jobs", "aws_sqs_queue.jobs", "Allow", ("sqs:SendMessage",),
                              True, True),
    ]


# ------------------------------------------------------------------------- both engines


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's modules and plan and of every Terraform fixture."""
    found = [("PLAN", "terraform_plan", PLAN)]
    for name, text in {"MODULE": MODULE, "UNSETTLED": UNSETTLED}.items():
        (tmp / name).mkdir()
        found.append((name, "terraform", _module(tmp / name, text)))
    for case in sorted(FIXTURES.glob("*/terraform/*")):
        if case.is_dir():
            found.append((str(case.relative_to(FIXTURES)), "terraform", load_module(case)[0].data))
    for case in sorted(FIXTURES.glob("*/terraform_plan/*.json")):
        found.append((str(case.relative_to(FIXTURES)), "terraform_plan", json.loads(case.read_text())))
    return found


def _rego_views(documents: list[dict]) -> list[dict]:
    return rego_each_document(documents, views_object(TRIGGER_VIEWS))


def _comparable(record: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in record.items()))


def test_both_engines_build_the_same_records(tmp_path):
    documents = _documents(tmp_path)
    rego = _rego_views([d for _, _, d in documents])
    disagreements = []
    for (name, fmt, document), opa in zip(documents, rego):
        python = terraform.hcl_views(document) if fmt == "terraform" else terraform.plan_views(document)
        for view in TRIGGER_VIEWS:
            ours = sorted(_comparable(dataclasses.asdict(r)) for r in getattr(python, view))
            theirs = sorted(_comparable(r) for r in opa[view])
            if ours != theirs:
                disagreements.append((name, view, ours, theirs))
    assert disagreements == []
