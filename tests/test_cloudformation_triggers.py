"""The trigger views of CloudFormation and SAM templates (event_sources, source_policies;
docs/formats/cloudformation_triggers.md): the records the Python model builds for each way of writing a
trigger or a resource policy, and the same records from the Rego adapters (the real opa binary)."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.model import build
from tests.conftest import ROOT, tool

SAM = "AWS::Serverless-2016-10-31"
QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:orders"


def _template(resources: dict, sam: bool = False, **top) -> dict:
    """A template with a function `Handler` (a SAM function when `sam`) and the given resources."""
    function = ({"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.h"}}
                if sam else {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.h"}})
    document = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Handler": function, **resources}, **top}
    if sam:
        document["Transform"] = SAM
    return document


def _sam(events: dict, resources: dict | None = None) -> dict:
    document = _template(resources or {}, sam=True)
    document["Resources"]["Handler"]["Properties"]["Events"] = events
    return document


def _format(document: dict) -> str:
    return "sam" if document.get("Transform") == SAM else "cloudformation"


def _sources(document: dict) -> set[tuple]:
    return {(e.resource, e.kind, e.source, e.functions) for e in build(_format(document), document).event_sources}


def _policies(document: dict) -> set[tuple]:
    return {(p.resource, p.target, p.effect, p.actions, p.public, p.constrained)
            for p in build(_format(document), document).source_policies}


BUCKET = {"Type": "AWS::S3::Bucket"}
TOPIC = {"Type": "AWS::SNS::Topic"}
QUEUE = {"Type": "AWS::SQS::Queue"}
STREAM = {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}}
TABLE = {"Type": "AWS::DynamoDB::Table"}


def _mapping(arn) -> dict:
    return {"Type": "AWS::Lambda::EventSourceMapping",
            "Properties": {"EventSourceArn": arn, "FunctionName": {"Ref": "Handler"}}}


# ---- event sources ---------------------------------------------------------------------------------

MAPPING_CASES = {
    "queue by GetAtt": ({"Fn::GetAtt": ["Orders", "Arn"]}, ("Mapping", "sqs", "Orders", ("Handler",))),
    "queue by short GetAtt": ({"Fn::GetAtt": "Orders.Arn"}, ("Mapping", "sqs", "Orders", ("Handler",))),
    "queue, conftest's dropped tag": ("Orders.Arn", ("Mapping", "sqs", "Orders", ("Handler",))),
    "stream": ({"Fn::GetAtt": ["Clicks", "Arn"]}, ("Mapping", "kinesis", "Clicks", ("Handler",))),
    "table stream": ({"Fn::GetAtt": ["Items", "StreamArn"]}, ("Mapping", "dynamodb", "Items", ("Handler",))),
    "literal queue ARN": (QUEUE_ARN, ("Mapping", "sqs", "", ("Handler",))),
    "Sub ARN with the partition only": ({"Fn::Sub": "arn:${AWS::Partition}:kinesis:eu-west-1:1:stream/s"},
                                        ("Mapping", "kinesis", "", ("Handler",))),
    "parameter without default": ({"Ref": "SourceArn"}, ("Mapping", "other", "", ("Handler",))),
}


@pytest.mark.parametrize("arn, expected", MAPPING_CASES.values(), ids=MAPPING_CASES.keys())
def test_an_event_source_mapping_links_its_source_and_function(arn, expected):
    document = _template({"Orders": QUEUE, "Clicks": STREAM, "Items": TABLE, "Mapping": _mapping(arn)},
                         Parameters={"SourceArn": {"Type": "String"}})
    assert _sources(document) == {expected}


def test_a_mapping_naming_a_function_by_literal_name_has_no_function():
    mapping = _mapping(QUEUE_ARN)
    mapping["Properties"]["FunctionName"] = "orders-handler"
    assert _sources(_template({"Mapping": mapping})) == {("Mapping", "sqs", "", ())}


def test_bucket_notifications_are_written_at_the_bucket():
    configurations = [{"Event": "s3:ObjectCreated:*", "Function": {"Fn::GetAtt": ["Handler", "Arn"]}},
                      {"Event": "s3:ObjectRemoved:*", "Function": {"Fn::GetAtt": ["Handler", "Arn"]}},
                      {"Event": "s3:ObjectCreated:*", "Function": "arn:aws:lambda:eu-west-1:1:function:x"}]
    bucket = {"Type": "AWS::S3::Bucket",
              "Properties": {"NotificationConfiguration": {"LambdaConfigurations": configurations}}}
    assert _sources(_template({"Uploads": bucket})) == {("Uploads", "s3", "Uploads", ("Handler",)),
                                                        ("Uploads", "s3", "Uploads", ())}


def test_sns_subscriptions_of_protocol_lambda():
    resources = {
        "Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"Subscription": [
            {"Protocol": "lambda", "Endpoint": {"Fn::GetAtt": ["Handler", "Arn"]}},
            {"Protocol": "email", "Endpoint": "ops@example.com"}]}},
        "Sub": {"Type": "AWS::SNS::Subscription", "Properties": {
            "Protocol": "LAMBDA", "TopicArn": {"Ref": "Alerts"}, "Endpoint": {"Fn::GetAtt": "Handler.Arn"}}},
        "Elsewhere": {"Type": "AWS::SNS::Subscription", "Properties": {
            "Protocol": "lambda", "TopicArn": "arn:aws:sns:eu-west-1:1:t", "Endpoint": {"Ref": "Handler"}}},
        "Mail": {"Type": "AWS::SNS::Subscription", "Properties": {
            "Protocol": "email", "TopicArn": {"Ref": "Alerts"}, "Endpoint": "a@example.com"}},
    }
    assert _sources(_template(resources)) == {("Alerts", "sns", "Alerts", ("Handler",)),
                                              ("Sub", "sns", "Alerts", ("Handler",)),
                                              ("Elsewhere", "sns", "", ("Handler",))}


def test_eventbridge_rules_keep_the_targets_that_are_functions():
    rule = {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"source": ["aws.ec2"]}, "Targets": [
        {"Id": "f", "Arn": {"Fn::GetAtt": ["Handler", "Arn"]}}, {"Id": "q", "Arn": {"Fn::GetAtt": ["Orders", "Arn"]}}]}}
    assert _sources(_template({"Rule": rule, "Orders": QUEUE})) == {("Rule", "eventbridge", "", ("Handler",))}


def test_a_resource_under_a_false_condition_is_no_trigger():
    mapping = {**_mapping({"Fn::GetAtt": ["Orders", "Arn"]}), "Condition": "Never"}
    document = _template({"Orders": QUEUE, "Mapping": mapping},
                         Conditions={"Never": {"Fn::Equals": ["a", "b"]}})
    assert _sources(document) == set()


SAM_CASES = {
    "S3": ({"Type": "S3", "Properties": {"Bucket": {"Ref": "Uploads"}, "Events": "s3:ObjectCreated:*"}},
           ("Handler", "s3", "Uploads", ("Handler",))),
    "SNS": ({"Type": "SNS", "Properties": {"Topic": {"Ref": "Alerts"}}}, ("Handler", "sns", "Alerts", ("Handler",))),
    "SNS elsewhere": ({"Type": "SNS", "Properties": {"Topic": "arn:aws:sns:eu-west-1:1:t"}},
                      ("Handler", "sns", "", ("Handler",))),
    "SQS": ({"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Orders", "Arn"]}}},
            ("Handler", "sqs", "Orders", ("Handler",))),
    "SQS, dropped tag": ({"Type": "SQS", "Properties": {"Queue": "Orders.Arn"}},
                         ("Handler", "sqs", "Orders", ("Handler",))),
    "Kinesis": ({"Type": "Kinesis", "Properties": {"Stream": {"Fn::GetAtt": "Clicks.Arn"}}},
                ("Handler", "kinesis", "Clicks", ("Handler",))),
    "DynamoDB": ({"Type": "DynamoDB", "Properties": {"Stream": {"Fn::GetAtt": ["Items", "StreamArn"]}}},
                 ("Handler", "dynamodb", "Items", ("Handler",))),
    "EventBridgeRule": ({"Type": "EventBridgeRule", "Properties": {"Pattern": {"source": ["aws.ec2"]}}},
                        ("Handler", "eventbridge", "", ("Handler",))),
    "CloudWatchEvent": ({"Type": "CloudWatchEvent", "Properties": {"Pattern": {"source": ["aws.ec2"]}}},
                        ("Handler", "eventbridge", "", ("Handler",))),
    "SQS from a parameter": ({"Type": "SQS", "Properties": {"Queue": {"Ref": "QueueArn"}}},
                             ("Handler", "sqs", "", ("Handler",))),
}

SAM_SOURCES = {"Uploads": BUCKET, "Alerts": TOPIC, "Orders": QUEUE, "Clicks": STREAM, "Items": TABLE}


@pytest.mark.parametrize("event, expected", SAM_CASES.values(), ids=SAM_CASES.keys())
def test_sam_events_are_triggers_written_at_the_function(event, expected):
    document = _sam({"Trigger": event}, SAM_SOURCES)
    document["Parameters"] = {"QueueArn": {"Type": "String"}}
    assert _sources(document) == {expected}


def test_sam_events_that_are_no_triggers_give_nothing():
    events = {"Api": {"Type": "Api", "Properties": {"Path": "/", "Method": "get"}},
              "Nightly": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)"}}}
    assert _sources(_sam(events)) == set()


# ---- source policies -------------------------------------------------------------------------------

def _statement(principal, condition=None, action="sqs:SendMessage", effect="Allow") -> dict:
    statement = {"Effect": effect, "Principal": principal, "Action": action, "Resource": "*"}
    return {**statement, "Condition": condition} if condition else statement


def _queue_policy(*statements, queues=None) -> dict:
    return {"Type": "AWS::SQS::QueuePolicy", "Properties": {
        "Queues": queues or [{"Ref": "Orders"}],
        "PolicyDocument": {"Version": "2012-10-17", "Statement": list(statements)}}}


PRINCIPAL_CASES = {
    "star": ("*", None, True, False),
    "AWS star": ({"AWS": "*"}, None, True, False),
    "AWS star list": ({"AWS": ["*"]}, None, True, False),
    "account": ({"AWS": "arn:aws:iam::123456789012:root"}, None, False, False),
    "service": ({"Service": "sns.amazonaws.com"}, {"ArnEquals": {"aws:SourceArn": {"Ref": "Alerts"}}}, False, True),
    "star, SourceArn": ("*", {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:1:t"}}, True, True),
    "star, lower-case key": ("*", {"StringEquals": {"aws:sourceaccount": "123456789012"}}, True, True),
    "star, PrincipalOrgID": ("*", {"StringEquals": {"AWS:PrincipalOrgID": "o-1"}}, True, True),
    "star, SourceVpce": ("*", {"StringEquals": {"aws:SourceVpce": "vpce-1"}}, True, True),
    "star, SourceOwner": ("*", {"StringEquals": {"aws:SourceOwner": "1"}}, True, True),
    "star, other key": ("*", {"Bool": {"aws:SecureTransport": "true"}}, True, False),
}


@pytest.mark.parametrize("principal, condition, public, constrained", PRINCIPAL_CASES.values(),
                         ids=PRINCIPAL_CASES.keys())
def test_queue_policy_statements(principal, condition, public, constrained):
    document = _template({"Orders": QUEUE, "Alerts": TOPIC, "Policy": _queue_policy(_statement(principal, condition))})
    assert _policies(document) == {("Policy", "Orders", "Allow", ("sqs:SendMessage",), public, constrained)}


def test_topic_policy_gives_one_record_per_topic_and_statement():
    policy = {"Type": "AWS::SNS::TopicPolicy", "Properties": {
        "Topics": [{"Ref": "Alerts"}, {"Ref": "Audit"}, "arn:aws:sns:eu-west-1:1:elsewhere"],
        "PolicyDocument": {"Statement": [_statement("*", action=["SNS:Publish", "sns:Subscribe"]),
                                         _statement({"AWS": "*"}, action="sns:Publish", effect="Deny")]}}}
    document = _template({"Alerts": TOPIC, "Audit": TOPIC, "Policy": policy})
    assert _policies(document) == {
        ("Policy", "Alerts", "Allow", ("SNS:Publish", "sns:Subscribe"), True, False),
        ("Policy", "Audit", "Allow", ("SNS:Publish", "sns:Subscribe"), True, False),
        ("Policy", "Alerts", "Deny", ("sns:Publish",), True, False),
        ("Policy", "Audit", "Deny", ("sns:Publish",), True, False),
    }


def test_bucket_policy_with_unknown_parts():
    policy = {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "Uploads", "PolicyDocument": {"Statement": {
        "Effect": {"Ref": "EffectParam"}, "Principal": "*",
        "Action": ["s3:GetObject", {"Ref": "ActionParam"}, {"Ref": "Known"}],
        "Resource": {"Fn::Sub": "${Uploads.Arn}/*"}}}}}
    parameters = {"EffectParam": {"Type": "String"}, "ActionParam": {"Type": "String"},
                  "Known": {"Type": "String", "Default": "s3:PutObject"}}
    document = _template({"Uploads": BUCKET, "Policy": policy}, Parameters=parameters)
    assert _policies(document) == {("Policy", "Uploads", "", ("s3:GetObject", "s3:PutObject"), True, False)}


def test_a_policy_of_an_undeclared_queue_gives_nothing():
    document = _template({"Policy": _queue_policy(_statement("*"), queues=["https://sqs.eu-west-1.amazonaws.com/1/q"])})
    assert _policies(document) == set()


@pytest.mark.parametrize("acl, actions", [
    ("PublicRead", ("s3:GetObject",)), ("PublicReadWrite", ("s3:GetObject", "s3:PutObject")),
    ("public-read-write", ("s3:GetObject", "s3:PutObject")), ("Private", None), ({"Ref": "Acl"}, None)])
def test_a_public_bucket_acl_is_a_public_allow(acl, actions):
    document = _template({"Uploads": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": acl}}},
                         Parameters={"Acl": {"Type": "String"}})
    expected = {("Uploads", "Uploads", "Allow", actions, True, False)} if actions else set()
    assert _policies(document) == expected


# ---- both engines ----------------------------------------------------------------------------------

def _documents() -> list[dict]:
    """Every document of this file's cases, for the engine comparison."""
    parameters = {"SourceArn": {"Type": "String"}, "QueueArn": {"Type": "String"}, "Acl": {"Type": "String"},
                  "EffectParam": {"Type": "String"}, "ActionParam": {"Type": "String"},
                  "Known": {"Type": "String", "Default": "s3:PutObject"}}
    documents = [_template({"Orders": QUEUE, "Clicks": STREAM, "Items": TABLE, "Mapping": _mapping(arn)},
                           Parameters=parameters) for arn, _ in MAPPING_CASES.values()]
    for event, _ in SAM_CASES.values():
        document = _sam({"Trigger": event}, SAM_SOURCES)
        document["Parameters"] = parameters
        documents.append(document)
    documents += [_template({"Orders": QUEUE, "Alerts": TOPIC, "Policy": _queue_policy(_statement(p, c))})
                  for p, c, _, _ in PRINCIPAL_CASES.values()]
    documents += [_template({"Uploads": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": acl}}},
                            Parameters=parameters) for acl in ("PublicRead", "public-read-write", {"Ref": "Acl"})]
    documents.append(_everything())
    return documents


def _everything() -> dict:
    """One SAM template with every kind of trigger and policy, some behind conditions."""
    resources = {
        **SAM_SOURCES,
        "Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "p.h"}},
        "Mapping": _mapping({"Fn::If": ["Prod", {"Fn::GetAtt": ["Orders", "Arn"]}, QUEUE_ARN]}),
        "Maybe": {**_mapping({"Fn::GetAtt": ["Clicks", "Arn"]}), "Condition": "Unknown"},
        "Notified": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicReadWrite",
                                                                "NotificationConfiguration": {"LambdaConfigurations": [
                                                                    {"Event": "s3:ObjectCreated:*",
                                                                     "Function": {"Fn::GetAtt": ["Plain", "Arn"]}}]}}},
        "Sub": {"Type": "AWS::SNS::Subscription", "Properties": {
            "Protocol": "lambda", "TopicArn": {"Ref": "Alerts"}, "Endpoint": {"Fn::GetAtt": ["Plain", "Arn"]}}},
        "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Targets": [
            {"Id": "a", "Arn": {"Fn::GetAtt": ["Handler", "Arn"]}}, {"Id": "b", "Arn": {"Fn::GetAtt": "Plain.Arn"}}]}},
        "Policy": _queue_policy(_statement("*", {"ArnEquals": {"aws:SourceArn": {"Ref": "Alerts"}}}),
                                {"Fn::If": ["Prod", _statement({"AWS": "*"}), {"Ref": "AWS::NoValue"}]}),
        "BucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "Uploads"}, "PolicyDocument": {"Fn::If": ["Unknown", {"Statement": []}, {
                "Statement": [_statement("*", action="s3:PutObject")]}]}}},
    }
    document = _sam({"Queue": SAM_CASES["SQS"][0], "Topic": SAM_CASES["SNS"][0],
                     "Api": {"Type": "Api", "Properties": {"Path": "/", "Method": "get"}}}, resources)
    document["Parameters"] = {"Stage": {"Type": "String", "Default": "prod"}, "Other": {"Type": "String"}}
    document["Conditions"] = {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
                              "Unknown": {"Fn::Equals": [{"Ref": "Other"}, "x"]}}
    return document


def test_everything_template():
    document = _everything()
    assert _sources(document) == {
        ("Handler", "sqs", "Orders", ("Handler",)), ("Handler", "sns", "Alerts", ("Handler",)),
        ("Mapping", "sqs", "Orders", ("Handler",)), ("Maybe", "kinesis", "Clicks", ("Handler",)),
        ("Notified", "s3", "Notified", ("Plain",)), ("Sub", "sns", "Alerts", ("Plain",)),
        ("Rule", "eventbridge", "", ("Handler",)), ("Rule", "eventbridge", "", ("Plain",)),
    }
    assert _policies(document) == {
        ("Notified", "Notified", "Allow", ("s3:GetObject", "s3:PutObject"), True, False),
        ("Policy", "Orders", "Allow", ("sqs:SendMessage",), True, True),
        ("Policy", "Orders", "Allow", ("sqs:SendMessage",), True, False),
    }


def _python_view(document: dict, view: str) -> list[dict]:
    records = [{k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(r).items()}
               for r in getattr(build(_format(document), document), view)]
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def _rego_views(documents: list[dict], view: str) -> list[list[dict]]:
    query = (f"[records | some doc in input.documents; "
             f"records := [r | some r in data.faasguard.model.{view}] with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return [sorted(records, key=lambda r: json.dumps(r, sort_keys=True)) for records in found]


@pytest.mark.parametrize("view", ["event_sources", "source_policies"])
def test_both_engines_build_the_same_records(view):
    documents = _documents()
    assert _rego_views(documents, view) == [_python_view(d, view) for d in documents]
