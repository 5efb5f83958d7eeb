"""The trigger views of a serverless.yml (event_sources, source_policies; docs/formats/serverless_apis.md,
"Triggers"): the records the Python model builds for each way of writing `s3`, `sns`, `sqs`, `stream` and
`eventBridge` events and the policies of `resources.Resources`, and the same records from the Rego
adapter (the real opa binary)."""
from __future__ import annotations

import random

import pytest

from faasguard.inputs import cfn_yaml
from faasguard.model import build
from tests.test_serverless_apis import _python_view, _rego_views

QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:orders"
STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"
TABLE_STREAM_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000"
TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:alerts"
# the sources a service declares in resources.Resources
RESOURCES = {
    "Uploads": {"Type": "AWS::S3::Bucket"},
    "Alerts": {"Type": "AWS::SNS::Topic"},
    "Orders": {"Type": "AWS::SQS::Queue"},
    "Clicks": {"Type": "AWS::Kinesis::Stream"},
    "Table": {"Type": "AWS::DynamoDB::Table"},
    "Bus": {"Type": "AWS::Events::EventBus"},
}


def _service(events, resources: dict | None = None, **top) -> dict:
    """A service whose function `worker` has the given events."""
    return {
        "service": "shop",
        "provider": {"name": "aws", "runtime": "python3.12"},
        "functions": {"worker": {"handler": "w.handler", "events": events}},
        "resources": {"Resources": {**RESOURCES, **(resources or {})}},
        **top,
    }


def _sources(document: dict) -> set[tuple]:
    """(resource, kind, source, functions) of each event source."""
    return {(e.resource, e.kind, e.source, e.functions) for e in build("serverless", document).event_sources}


def _policies(document: dict) -> set[tuple]:
    return {(p.resource, p.target, p.effect, p.actions, p.public, p.constrained)
            for p in build("serverless", document).source_policies}


# event → (kind, source) of its one record on `worker`
TRIGGER_CASES = {
    "s3-name": ({"s3": "photos"}, ("s3", "S3BucketPhotos")),
    "s3-name-normalized": ({"s3": "my-photos.prod"}, ("s3", "S3BucketMyphotosprod")),
    "s3-map": ({"s3": {"bucket": "photos", "event": "s3:ObjectCreated:*"}}, ("s3", "S3BucketPhotos")),
    "s3-existing": ({"s3": {"bucket": "photos", "existing": True}}, ("s3", "")),
    "s3-existing-false": ({"s3": {"bucket": "photos", "existing": False}}, ("s3", "S3BucketPhotos")),
    "s3-existing-unsettled": ({"s3": {"bucket": "photos", "existing": "${env:EXISTING}"}}, ("s3", "")),
    "s3-name-variable": ({"s3": "${self:custom.bucket}"}, ("s3", "S3BucketUploadsprod")),
    "s3-name-unsettled": ({"s3": "${env:BUCKET}"}, ("s3", "")),
    "sns-name": ({"sns": "alerts"}, ("sns", "SNSTopicAlerts")),
    "sns-arn": ({"sns": TOPIC_ARN}, ("sns", "")),
    "sns-ref": ({"sns": {"arn": {"Ref": "Alerts"}}}, ("sns", "Alerts")),
    "sns-ref-undeclared": ({"sns": {"arn": {"Ref": "Elsewhere"}}}, ("sns", "")),
    "sns-topic-name": ({"sns": {"topicName": "alerts-prod", "filterPolicy": {"a": ["b"]}}}, ("sns", "SNSTopicAlertsprod")),
    "sns-import": ({"sns": {"arn": {"Fn::ImportValue": "alerts"}, "topicName": "alerts"}}, ("sns", "")),
    "sns-unsettled": ({"sns": "${ssm:/topic}"}, ("sns", "")),
    "sqs-arn": ({"sqs": QUEUE_ARN}, ("sqs", "")),
    "sqs-getatt-list": ({"sqs": {"Fn::GetAtt": ["Orders", "Arn"]}}, ("sqs", "Orders")),
    "sqs-getatt-string": ({"sqs": {"arn": {"Fn::GetAtt": "Orders.Arn"}, "batchSize": 5}}, ("sqs", "Orders")),
    "sqs-unsettled": ({"sqs": "${env:QUEUE}"}, ("sqs", "")),
    "kinesis-arn": ({"stream": STREAM_ARN}, ("kinesis", "")),
    "kinesis-getatt": ({"stream": {"type": "kinesis", "arn": {"Fn::GetAtt": ["Clicks", "Arn"]}}}, ("kinesis", "Clicks")),
    "dynamodb-arn": ({"stream": {"arn": TABLE_STREAM_ARN}}, ("dynamodb", "")),
    "dynamodb-getatt": ({"stream": {"type": "dynamodb", "arn": {"Fn::GetAtt": ["Table", "StreamArn"]}}},
                        ("dynamodb", "Table")),
    "stream-without-type": ({"stream": {"arn": {"Fn::GetAtt": ["Table", "StreamArn"]}}}, ("other", "Table")),
    "stream-unsettled": ({"stream": "${env:STREAM}"}, ("other", "")),
    "eventbridge-default-bus": ({"eventBridge": {"pattern": {"source": ["shop"]}}}, ("eventbridge", "")),
    "eventbridge-ref": ({"eventBridge": {"eventBus": {"Ref": "Bus"}, "pattern": {"source": ["shop"]}}},
                        ("eventbridge", "Bus")),
    "eventbridge-name": ({"eventBridge": {"eventBus": "orders-bus"}}, ("eventbridge", "")),
}


@pytest.mark.parametrize("event,expected", TRIGGER_CASES.values(), ids=TRIGGER_CASES.keys())
def test_each_trigger_event_is_one_record(event, expected):
    document = _service([event], custom={"bucket": "uploads-prod"})
    assert _sources(document) == {("worker", *expected, ("worker",))}


@pytest.mark.parametrize("events", [
    [{"http": {"method": "get", "path": "/a"}}, {"schedule": "rate(1 hour)"}, {"sqs": None}],
    "${env:EVENTS}", [], ["${env:EVENT}", "not-an-event", 3],
], ids=["other-events", "unsettled-list", "none", "unsettled-entries"])
def test_no_record_without_a_trigger_event_we_can_read(events):
    assert _sources(_service(events)) == set()


def test_one_record_per_trigger_and_function():
    document = _service([{"sqs": QUEUE_ARN}, {"sqs": {"arn": QUEUE_ARN}}, {"s3": "photos"}])
    document["functions"]["audit"] = {"handler": "a.handler", "events": [{"sqs": QUEUE_ARN}]}
    assert _sources(document) == {("worker", "sqs", "", ("worker",)), ("worker", "s3", "S3BucketPhotos", ("worker",)),
                                  ("audit", "sqs", "", ("audit",))}


def test_events_of_functions_and_resources_listed_in_files_are_merged():
    document = _service("${self:custom.events}", custom={"events": [{"sqs": "${self:custom.queue}"}],
                                                          "queue": {"Fn::GetAtt": ["Orders", "Arn"]}})
    document["resources"] = [{"Resources": {"Orders": {"Type": "AWS::SQS::Queue"}}}, {"Outputs": {}}]
    assert _sources(document) == {("worker", "sqs", "Orders", ("worker",))}


SERVERLESS_YML = """\
service: shop
provider:
  name: aws
  runtime: python3.12
functions:
  worker:
    handler: w.handler
    events:
      - sqs:
          arn: !GetAtt Orders.Arn
      - sns:
          arn: !Ref Alerts
          topicName: alerts
      - stream:
          type: dynamodb
          arn: !GetAtt Table.StreamArn
resources:
  Resources:
    Orders:
      Type: AWS::SQS::Queue
    Alerts:
      Type: AWS::SNS::Topic
    Table:
      Type: AWS::DynamoDB::Table
    OrdersPolicy:
      Type: AWS::SQS::QueuePolicy
      Properties:
        Queues: [!Ref Orders]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: sqs:SendMessage
              Condition:
                ArnEquals:
                  AWS:SourceArn: !Ref Alerts
            - Effect: Allow
              Principal: {AWS: "*"}
              Action: [sqs:SendMessage, sqs:ReceiveMessage]
"""


def test_short_form_intrinsics_as_people_write_them():
    document, _ = cfn_yaml.load(SERVERLESS_YML)
    assert _sources(document) == {("worker", "sqs", "Orders", ("worker",)), ("worker", "sns", "Alerts", ("worker",)),
                                  ("worker", "dynamodb", "Table", ("worker",))}
    assert _policies(document) == {
        ("OrdersPolicy", "Orders", "Allow", ("sqs:SendMessage",), True, True),
        ("OrdersPolicy", "Orders", "Allow", ("sqs:ReceiveMessage", "sqs:SendMessage"), True, False),
    }


POLICY_RESOURCES = {
    "UploadsPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": {"Ref": "Uploads"},
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "s3:PutObject",
                                          "Resource": {"Fn::Sub": "${Uploads.Arn}/*"}}]}}},
    "AlertsPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {
        "Topics": [{"Ref": "Alerts"}],
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
                                          "Action": "sns:Publish",
                                          "Condition": {"StringEquals": {"aws:sourceaccount": "123456789012"}}}]}}},
    "Public": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicReadWrite"}},
}


def test_policies_of_the_embedded_buckets_topics_and_queues():
    document = _service([{"s3": {"bucket": "photos", "existing": True}}], POLICY_RESOURCES)
    assert _policies(document) == {
        ("UploadsPolicy", "Uploads", "Allow", ("s3:PutObject",), True, False),
        ("AlertsPolicy", "Alerts", "Allow", ("sns:Publish",), False, True),
        ("Public", "Public", "Allow", ("s3:GetObject", "s3:PutObject"), True, False),
    }


def test_triggers_the_embedded_resources_declare_name_the_service_functions():
    mapping = {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
        "EventSourceArn": {"Fn::GetAtt": ["Orders", "Arn"]}, "FunctionName": {"Ref": "WorkerLambdaFunction"}}}
    document = _service([], {"Mapping": mapping})
    assert _sources(document) == {("Mapping", "sqs", "Orders", ("worker",))}


# ---- both engines -------------------------------------------------------------------------------

def _documents() -> list[dict]:
    """Every document of this file's cases, for the engine comparison."""
    documents = [_service([event], custom={"bucket": "uploads-prod"}) for event, _ in TRIGGER_CASES.values()]
    documents.append(_service([e for e, _ in TRIGGER_CASES.values()], POLICY_RESOURCES, custom={"bucket": "b"}))
    documents.append(cfn_yaml.load(SERVERLESS_YML)[0])
    documents.append(_service("${env:EVENTS}", {"Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
        "EventSourceArn": QUEUE_ARN, "FunctionName": {"Fn::GetAtt": ["WorkerLambdaFunction", "Arn"]}}}}))
    return documents


@pytest.mark.parametrize("view", ["event_sources", "source_policies"])
def test_both_engines_build_the_same_records(view):
    documents = _documents()
    assert _rego_views(documents, view) == [_python_view(d, view) for d in documents]


_ODD = [None, "", 0, True, False, 7, [], ["a"], {}, "${env:X}", "${self:custom.missing}", "${self:custom.name}",
        {"Ref": "Orders"}, {"Ref": "Missing"}, {"Fn::GetAtt": ["Table", "StreamArn"]}, {"Fn::GetAtt": "Clicks.Arn"},
        {"Fn::GetAtt": []}, {"Fn::ImportValue": "x"}, "arn:aws:kinesis:r:1:stream/s", "arn:aws:dynamodb:r:1:table/t",
        "arn:aws:sqs", "my-bucket", "a_b.c-d", "arn:aws:sns:r:1:t"]
_KEYS = {"s3": ["bucket", "existing", "event"], "sns": ["arn", "topicName"], "sqs": ["arn", "batchSize"],
         "stream": ["arn", "type"], "eventBridge": ["eventBus", "pattern"]}
_SETTINGS = {"existing": [True, False, None, "yes", 0, "${env:E}"], "type": ["kinesis", "dynamodb", "kafka", None]}


def _random_event(rng) -> dict | str:
    """Trigger events as people write them, and odd or unsettled values."""
    kind = rng.choice([*_KEYS, "http"])
    if rng.random() < 0.4:
        return {kind: rng.choice(_ODD)} if rng.random() < 0.9 else rng.choice(_ODD)
    return {kind: {key: rng.choice(_SETTINGS.get(key, _ODD)) for key in _KEYS.get(kind, ["path"])
                   if rng.random() < 0.7}}


def _random_service(rng) -> dict:
    events = [_random_event(rng) for _ in range(rng.randint(0, 4))]
    return _service(events, custom={"name": rng.choice(_ODD[11:])})


@pytest.mark.parametrize("view", ["event_sources"])
def test_both_engines_build_the_same_records_on_generated_services(view):
    rng = random.Random(20261201)
    documents = [_random_service(rng) for _ in range(150)]
    assert _rego_views(documents, view) == [_python_view(d, view) for d in documents]
