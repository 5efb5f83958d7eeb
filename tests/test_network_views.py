"""What the function entry-point rules (FG_09_01, FG_09_02) add to the views: `source_arn` / `source_account`
of lambda_permissions, and the event bus and Kinesis stream policies of source_policies (target "" when the
bus or stream is not declared: the default bus). Exact records from the Python model for the shapes people
write, and the same records from the Rego adapters (the real opa binary)."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import tempfile
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import ROOT, tool

VIEWS = ("lambda_permissions", "source_policies")
FUNCTION = {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.13", "Handler": "a.h"}}


def _permission(principal, **sources) -> dict:
    return {"Type": "AWS::Lambda::Permission",
            "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Handler"},
                           "Principal": principal, **sources}}


TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Stage": {"Type": "String"}},
    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
    "Resources": {
        "Handler": FUNCTION,
        "Bound": _permission("s3.amazonaws.com", SourceArn="arn:aws:s3:::drop",
                             SourceAccount={"Ref": "AWS::AccountId"}),
        "AccountOnly": _permission("events.amazonaws.com", SourceAccount="123456789012"),
        # SourceArn in one alternative of a condition only deployment settles: no record (unknown)
        "Maybe": _permission("sns.amazonaws.com",
                             SourceArn={"Fn::If": ["IsProd", "arn:aws:sns:eu-west-1:1:t", {"Ref": "AWS::NoValue"}]}),
        "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}},
        "BusPolicy": {"Type": "AWS::Events::EventBusPolicy", "Properties": {
            "EventBusName": {"Ref": "Bus"}, "StatementId": "Anyone",
            "Statement": {"Effect": "Allow", "Principal": "*", "Action": "events:PutEvents"}}},
        "LegacyPolicy": {"Type": "AWS::Events::EventBusPolicy", "Properties": {
            "StatementId": "Org", "Action": "events:PutEvents", "Principal": "*",
            "Condition": {"Type": "StringEquals", "Key": "aws:PrincipalOrgID", "Value": "o-a1b2c3d4e5"}}},
        "AccountPolicy": {"Type": "AWS::Events::EventBusPolicy", "Properties": {
            "StatementId": "Partner", "Action": "events:PutEvents", "Principal": "210987654321"}},
        "Stream": {"Type": "AWS::Kinesis::Stream", "Properties": {"ShardCount": 1}},
        "StreamPolicy": {"Type": "AWS::Kinesis::ResourcePolicy", "Properties": {
            "ResourceArn": {"Fn::GetAtt": ["Stream", "Arn"]},
            "ResourcePolicy": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["kinesis:PutRecord"]}]}}},
    },
}

MODULE = '''
variable "rule_arn" {
  type = string
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  runtime       = "python3.13"
  handler       = "worker.handler"
  filename      = "worker.zip"
}

resource "aws_lambda_permission" "s3" {
  function_name  = aws_lambda_function.worker.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::drop"
  source_account = "123456789012"
}

resource "aws_lambda_permission" "events" {
  function_name = aws_lambda_function.worker.function_name
  principal     = "events.amazonaws.com"
  source_arn    = var.rule_arn
}

resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}

resource "aws_cloudwatch_event_bus_policy" "orders" {
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "events:PutEvents" }]
  })
}

resource "aws_cloudwatch_event_bus_policy" "default" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_kinesis_stream" "clicks" {
  name        = "clicks"
  shard_count = 1
}

resource "aws_kinesis_resource_policy" "clicks" {
  resource_arn = aws_kinesis_stream.clicks.arn
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kinesis:Put*" }]
  })
}
'''


def _module(tmp_path: Path) -> dict:
    (tmp_path / "main.tf").write_text(MODULE)
    return load_module(tmp_path)[0].data


def _permissions(views) -> set[tuple]:
    return {(p.resource, p.principal, p.source_arn, p.source_account) for p in views.lambda_permissions}


def _policies(views) -> set[tuple]:
    return {(p.resource, p.target, p.actions, p.public, p.constrained) for p in views.source_policies}


def test_template_permissions_say_which_source_they_name():
    views = build("cloudformation", TEMPLATE)
    assert _permissions(views) == {("Bound", "s3.amazonaws.com", True, True),
                                   ("AccountOnly", "events.amazonaws.com", False, True)}
    assert {(u.resource, u.view) for u in views.unknowns} == {("Maybe", "lambda_permissions")}


def test_template_bus_and_stream_policies():
    assert _policies(build("cloudformation", TEMPLATE)) == {
        ("BusPolicy", "Bus", ("events:PutEvents",), True, False),
        ("LegacyPolicy", "", ("events:PutEvents",), True, True),
        ("AccountPolicy", "", ("events:PutEvents",), False, False),
        ("StreamPolicy", "Stream", ("kinesis:PutRecord",), True, False),
    }


def test_module_permissions_and_policies(tmp_path):
    views = build("terraform", _module(tmp_path))
    assert _permissions(views) == {("aws_lambda_permission.s3", "s3.amazonaws.com", True, True),
                                   ("aws_lambda_permission.events", "events.amazonaws.com", True, False)}
    assert _policies(views) == {
        ("aws_cloudwatch_event_bus_policy.orders", "aws_cloudwatch_event_bus.orders", ("events:PutEvents",), True,
         False),
        ("aws_cloudwatch_event_bus_policy.default", "", ("events:PutEvents",), True, True),
        ("aws_kinesis_resource_policy.clicks", "aws_kinesis_stream.clicks", ("kinesis:Put*",), True, False),
    }


def _rego_views(document: dict, names: tuple[str, ...] = VIEWS) -> dict:
    views = "{" + ", ".join(f'"{v}": data.faasguard.model.{v}' for v in names) + "}"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps(document))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", views], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def _comparable(record: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in record.items()))


def test_both_engines_build_the_same_records(tmp_path):
    for fmt, document in (("cloudformation", TEMPLATE), ("terraform", _module(tmp_path))):
        python, rego = build(fmt, document), _rego_views(document)
        for view in VIEWS:
            ours = sorted(_comparable(dataclasses.asdict(r)) for r in getattr(python, view))
            assert ours == sorted(_comparable(r) for r in rego[view]), (fmt, view)


# --- network_settings: the egress rules of the security groups functions use (FG_03_05) -----------------

def _group(egress=None) -> dict:
    props = {"GroupDescription": "functions", "VpcId": "vpc-0a1b2c3d4e5f60718"}
    return {"Type": "AWS::EC2::SecurityGroup",
            "Properties": props if egress is None else {**props, "SecurityGroupEgress": egress}}


def _vpc_function(*groups) -> dict:
    return {"Type": "AWS::Lambda::Function", "Properties": {
        "Runtime": "python3.13", "Handler": "a.h", "Role": "arn:aws:iam::123456789012:role/a",
        "Code": {"ZipFile": "def h(e, c): pass"},
        "VpcConfig": {"SecurityGroupIds": list(groups), "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]}}}


def _rule(protocol, **cidr) -> dict:
    return {"IpProtocol": protocol, **cidr}


NETWORK_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Stage": {"Type": "String"}, "Open": {"Type": "String", "Default": "0.0.0.0/0"},
                   "Destination": {"Type": "String"}},
    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
    "Resources": {
        "Api": _vpc_function({"Fn::GetAtt": ["Default", "GroupId"]}, {"Ref": "Listed"}, "Empty"),
        "Worker": _vpc_function({"Ref": "Listed"}, {"Ref": "Chosen"}, {"Ref": "NoValue"}),
        # no SecurityGroupEgress, an empty list, AWS::NoValue: AWS's default egress rule
        "Default": _group(),
        "Empty": _group([]),
        "NoValue": _group({"Ref": "AWS::NoValue"}),
        "Listed": _group([_rule(-1, CidrIpv6="::/0"), _rule("TCP", CidrIp={"Ref": "Open"}),
                          {"IpProtocol": "-1", "DestinationPrefixListId": "pl-0a1b2c3d"}]),
        # an Fn::If between CIDRs and a rule only some deployments have: unknown
        "Chosen": _group([_rule("-1", CidrIp={"Fn::If": ["IsProd", "10.0.0.0/8", "0.0.0.0/0"]}),
                          {"Fn::If": ["IsProd", _rule("-1", CidrIp="0.0.0.0/0"), {"Ref": "AWS::NoValue"}]}]),
        "Unused": _group(),
        "ListedAll": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
            "GroupId": {"Fn::GetAtt": ["Listed", "GroupId"]}, "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}},
        "ListedSomewhere": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
            "GroupId": {"Ref": "Listed"}, "IpProtocol": "-1", "CidrIp": {"Ref": "Destination"}}},
        "UnusedAll": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
            "GroupId": {"Ref": "Unused"}, "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}},
    },
}

NETWORK_MODULE = '''
variable "destination" {
  type = string
}

variable "all_traffic" {
  type = bool
}

resource "aws_security_group" "open" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "all"
    cidr_blocks      = ["10.0.0.0/8", "0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.destination]
  }
}

# Terraform removes AWS's default egress rule: no record
resource "aws_security_group" "closed" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group" "generated" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  dynamic "egress" {
    for_each = var.destination == "" ? [] : [var.destination]
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = [egress.value]
    }
  }
}

resource "aws_vpc_security_group_egress_rule" "closed_all" {
  security_group_id = aws_security_group.closed.id
  ip_protocol       = -1
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "closed_chosen" {
  security_group_id = aws_security_group.closed.id
  ip_protocol       = var.all_traffic ? "-1" : "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group_rule" "closed_ingress" {
  type              = "ingress"
  security_group_id = aws_security_group.closed.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "closed_egress" {
  type              = "egress"
  security_group_id = aws_security_group.closed.id
  protocol          = "udp"
  from_port         = 53
  to_port           = 53
  cidr_blocks       = ["10.0.0.2/32"]
}

resource "aws_security_group" "unused" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.13"
  handler       = "api.handler"
  filename      = "api.zip"

  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d4e5f60718"]
    security_group_ids = [aws_security_group.open.id, aws_security_group.closed.id, aws_security_group.generated.id]
  }
}
'''

NETWORK_SAM = {
    "Transform": "AWS::Serverless-2016-10-31",
    "Globals": {"Function": {"Runtime": "python3.13", "VpcConfig": {
        "SecurityGroupIds": [{"Ref": "Shared"}], "SubnetIds": ["subnet-0a1b2c3d4e5f60718"]}}},
    "Resources": {
        "Shared": _group(),
        "Own": _group([_rule("-1", CidrIp="0.0.0.0/0")]),
        "Inherits": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.h", "CodeUri": "src/"}},
        # SAM concatenates a function's SecurityGroupIds list with the Globals' one
        "Adds": {"Type": "AWS::Serverless::Function", "Properties": {
            "Handler": "b.h", "CodeUri": "src/", "VpcConfig": {"SecurityGroupIds": [{"Ref": "Own"}]}}},
    },
}

NETWORK_SERVICE = {
    "service": "orders",
    "custom": {"groups": [{"Ref": "Shared"}]},
    "provider": {"name": "aws", "runtime": "python3.13",
                 "vpc": {"securityGroupIds": "${self:custom.groups}", "subnetIds": ["subnet-0a1b2c3d4e5f60718"]}},
    "functions": {
        "create": {"handler": "create.handler"},
        "export": {"handler": "export.handler", "vpc": {"securityGroupIds": [{"Fn::GetAtt": ["Own", "GroupId"]}],
                                                         "subnetIds": ["subnet-0a1b2c3d4e5f60718"]}},
        "lookup": {"handler": "lookup.handler", "vpc": {"securityGroupIds": "${ssm:/network/groups}"}},
    },
    "resources": {"Resources": {
        "Shared": _group(),
        "Own": _group([_rule("tcp", CidrIp="0.0.0.0/0")]),
        "Unused": _group(),
    }},
}


def _network(views) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.functions) for s in views.network_settings}


def _network_unknowns(views) -> set[tuple]:
    return {(u.resource, u.attribute) for u in views.unknowns if u.view == "network_settings"}


def test_template_security_groups_of_functions():
    views = build("cloudformation", NETWORK_TEMPLATE)
    both, api, worker = ("Api", "Worker"), ("Api",), ("Worker",)
    assert _network(views) == {
        ("Default", "security_group", "egress", "-1 0.0.0.0/0", api),
        ("Empty", "security_group", "egress", "-1 0.0.0.0/0", api),
        ("NoValue", "security_group", "egress", "-1 0.0.0.0/0", worker),
        ("Listed", "security_group", "egress", "-1 ::/0", both),
        ("Listed", "security_group", "egress", "tcp 0.0.0.0/0", both),
        ("ListedAll", "security_group", "egress", "-1 0.0.0.0/0", both),
    }
    assert _network_unknowns(views) == {("Chosen", "egress"), ("ListedSomewhere", "egress")}


def test_module_security_groups_of_functions(tmp_path):
    (tmp_path / "main.tf").write_text(NETWORK_MODULE)
    views = build("terraform", load_module(tmp_path)[0].data)
    api = ("aws_lambda_function.api",)
    assert _network(views) == {
        ("aws_security_group.open", "security_group", "egress", "-1 10.0.0.0/8", api),
        ("aws_security_group.open", "security_group", "egress", "-1 0.0.0.0/0", api),
        ("aws_security_group.open", "security_group", "egress", "-1 ::/0", api),
        ("aws_vpc_security_group_egress_rule.closed_all", "security_group", "egress", "-1 ::/0", api),
        ("aws_security_group_rule.closed_egress", "security_group", "egress", "udp 10.0.0.2/32", api),
    }
    assert _network_unknowns(views) == {("aws_security_group.open", "egress"), ("aws_security_group.generated", "egress"),
                                        ("aws_vpc_security_group_egress_rule.closed_chosen", "egress")}


def test_sam_globals_and_serverless_vpc_name_the_groups():
    sam = build("sam", NETWORK_SAM)
    assert _network(sam) == {
        ("Shared", "security_group", "egress", "-1 0.0.0.0/0", ("Adds", "Inherits")),
        ("Own", "security_group", "egress", "-1 0.0.0.0/0", ("Adds",)),
    }
    service = build("serverless", NETWORK_SERVICE)
    assert _network(service) == {
        ("Shared", "security_group", "egress", "-1 0.0.0.0/0", ("create",)),
        ("Own", "security_group", "egress", "tcp 0.0.0.0/0", ("export",)),
    }


def _settings(records) -> list[tuple]:
    fields = ("resource", "kind", "setting", "value", "functions")
    return sorted(tuple(tuple(r[f]) if isinstance(r[f], list) else r[f] for f in fields) for r in records)


def test_both_engines_build_the_same_network_settings(tmp_path):
    (tmp_path / "main.tf").write_text(NETWORK_MODULE)
    documents = (("cloudformation", NETWORK_TEMPLATE), ("terraform", load_module(tmp_path)[0].data),
                 ("sam", NETWORK_SAM), ("serverless", NETWORK_SERVICE))
    for fmt, document in documents:
        python = [dataclasses.asdict(r) for r in build(fmt, document).network_settings]
        rego = _rego_views(document, ("network_settings",))["network_settings"]
        assert python and _settings(python) == _settings(rego), fmt
