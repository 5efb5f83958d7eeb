"""The monitoring records (docs/model.md, "Monitoring settings"): monitoring_settings of state machines
(tracing, and level OFF without a logging configuration), of alarms on Lambda metrics (the functions each
watches) and of CloudTrail trails (Lambda data events), for the shapes people write in each format; an
unknown, not a record, for what only deployment settles; and the same records from the Rego adapters (the
real opa binary) on these documents and on every fixture of the rules that read them."""
from __future__ import annotations

from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
VIEW = "monitoring_settings"
RULES = ("FG_05_05", "FG_05_06", "FG_05_07")


def _records(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, tuple(s.functions), s.choices)
            for s in build(fmt, document).monitoring_settings}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.view == VIEW}


def _alarm(metric: object, function: object, namespace: object = "AWS/Lambda") -> dict:
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": {
        "Namespace": namespace, "MetricName": metric, "Dimensions": [{"Name": "FunctionName", "Value": function}]}}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Metric": {"Type": "String"}, "Target": {"Type": "String"}, "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Checkout": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders-checkout"}},
           "Refund": {"Type": "AWS::Lambda::Function", "Properties": {}},
           "Live": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Refund"}, "Name": "live"}},
           "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
               "TracingConfiguration": {"Enabled": {"Fn::If": ["Prod", True, "false"]}}}},
           "Logged": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
               "LoggingConfiguration": {"Level": "ERROR"}, "TracingConfiguration": {"Enabled": {"Ref": "Metric"}}}},
           "ByRef": _alarm("Errors", {"Ref": "Checkout"}),
           "ByName": _alarm("Throttles", "orders-checkout"),
           "ByArn": _alarm("Errors", {"Fn::GetAtt": ["Refund", "Arn"]}),
           "BySub": _alarm("Throttles", {"Fn::Sub": "${Refund}"}),
           "Elsewhere": _alarm("Errors", "billing-charge"),
           "AllFunctions": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Namespace": "AWS/Lambda",
                                                                             "MetricName": "Errors"}},
           "Api": _alarm("5XXError", {"Ref": "Checkout"}, namespace="AWS/ApiGateway"),
           "ThroughAlias": _alarm("Errors", {"Ref": "Live"}),
           "Unsettled": _alarm({"Ref": "Metric"}, {"Ref": "Target"}),
           "Math": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Metrics": [
               {"Id": "t", "MetricStat": {"Metric": {
                   "Namespace": "AWS/Lambda", "MetricName": "Throttles",
                   "Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Refund"}}]}}},
               {"Id": "e", "Expression": "t * 2"}]}},
           "Audit": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [
               {"DataResources": [{"Type": "AWS::S3::Object"}]}]}},
           "Invocations": {"Type": "AWS::CloudTrail::Trail", "Properties": {"AdvancedEventSelectors": [
               {"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]},
                                   {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}]}]}},
           "Chosen": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [
               {"DataResources": [{"Type": {"Ref": "Target"}}]}]}},
           "Management": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": True}},
       }}


def test_cloudformation_records():
    assert _records("cloudformation", CFN) == {
        # Fn::If on a condition the template does not settle: both alternatives
        ("Machine", "state_machine", "tracing", "true", (), 2), ("Machine", "state_machine", "tracing", "false", (), 2),
        ("Machine", "state_machine", "log_level", "OFF", (), 1),  # no LoggingConfiguration: AWS's default
        ("ByRef", "alarm", "alarm_metric", "Errors", ("Checkout",), 1),
        ("ByName", "alarm", "alarm_metric", "Throttles", ("Checkout",), 1),  # the known FunctionName
        ("ByArn", "alarm", "alarm_metric", "Errors", ("Refund",), 1),
        ("BySub", "alarm", "alarm_metric", "Throttles", ("Refund",), 1),
        ("Math", "alarm", "alarm_metric", "Throttles", ("Refund",), 1),  # metric math: each metric it reads
        # a metric and a function only deployment settles: any metric of any function (undecided)
        ("Unsettled", "alarm", "alarm_metric", "*", ("Checkout", "Refund"), 1),
        ("Audit", "trail", "lambda_data_events", "false", (), 1),
        ("Invocations", "trail", "lambda_data_events", "true", (), 1),
        ("Management", "trail", "lambda_data_events", "false", (), 1),  # management events only
    }
    assert _unknowns("cloudformation", CFN) == {
        ("Logged", "tracing"), ("Unsettled", "alarm_metric"), ("Chosen", "lambda_data_events")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.12"}},
    "Resources": {
        "Resize": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "app.handler", "CodeUri": "src/"}},
        "ResizeErrors": _alarm("Errors", {"Ref": "Resize"}),
        "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {
            "Logging": {"Level": "ALL"}, "Tracing": {"Enabled": "True"}}},
        "Quiet": {"Type": "AWS::Serverless::StateMachine", "Properties": {}},
    }}


def test_sam_records():
    assert _records("sam", SAM_TEMPLATE) == {
        ("ResizeErrors", "alarm", "alarm_metric", "Errors", ("Resize",), 1),
        ("Flow", "state_machine", "tracing", "true", (), 1),
        ("Quiet", "state_machine", "tracing", "false", (), 1), ("Quiet", "state_machine", "log_level", "OFF", (), 1),
    }


# ---- Serverless ----------------------------------------------------------------------------------------

SERVICE = {
    "service": "orders",
    "plugins": ["serverless-step-functions", "serverless-plugin-aws-alerts"],
    "provider": {"name": "aws", "runtime": "python3.12"},
    "custom": {"level": "error", "alerts": {
        "definitions": {"slow": {"metric": "Duration", "threshold": 5000},
                        "queueDepth": {"namespace": "AWS/SQS", "metric": "ApproximateNumberOfMessagesVisible"}},
        "alarms": ["functionErrors", "queueDepth"]}},
    "functions": {
        "checkout": {"handler": "h.checkout", "name": "orders-checkout-fn",
                     "alarms": ["functionThrottles", "slow", {"name": "custom", "metric": "${opt:metric}"}]},
        "refund": {"handler": "h.refund"},
    },
    "stepFunctions": {"stateMachines": {
        "fulfilment": {"loggingConfig": {"level": "${self:custom.level}"}, "tracingConfig": {"enabled": True},
                       "definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}},
        "refunds": {"tracingConfig": {"enabled": "${opt:trace}"},
                    "definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}},
    }},
    "resources": {"Resources": {
        "RefundThrottles": _alarm("Throttles", {"Ref": "RefundLambdaFunction"}),
        "CheckoutByName": _alarm("Invocations", "orders-checkout-fn"),
        "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [
            {"DataResources": [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}]}]}},
    }},
}


def test_serverless_records():
    assert _records("serverless", SERVICE) == {
        # serverless-step-functions machines on provider, level through ${self:}, upper-cased
        ("provider", "state_machine", "stateMachines.fulfilment.tracing", "true", (), 1),
        ("provider", "state_machine", "stateMachines.fulfilment.log_level", "ERROR", (), 1),
        ("provider", "state_machine", "stateMachines.refunds.log_level", "OFF", (), 1),
        # serverless-plugin-aws-alerts: custom.alerts.alarms for every function (an AWS/SQS one is not Lambda's)
        ("provider", "alarm", "alarm_metric", "Errors", ("checkout", "refund"), 1),
        ("checkout", "alarm", "alarm_metric", "Throttles", ("checkout",), 1),
        ("checkout", "alarm", "alarm_metric", "Duration", ("checkout",), 1),  # a definition of custom.alerts
        ("checkout", "alarm", "alarm_metric", "*", ("checkout",), 1),  # a metric only deployment settles
        # resources.Resources: <Name>LambdaFunction and the function's `name`
        ("RefundThrottles", "alarm", "alarm_metric", "Throttles", ("refund",), 1),
        ("CheckoutByName", "alarm", "alarm_metric", "Invocations", ("checkout",), 1),
        ("Trail", "trail", "lambda_data_events", "true", (), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("provider", "stateMachines.refunds.tracing"),
                                                ("checkout", "alarm_metric")}


UNRESOLVED_ALERTS = {
    "service": "orders", "provider": {"name": "aws"},
    "custom": {"alerts": "${file(alerts.yml)}"},
    "functions": {"checkout": {"handler": "h.checkout", "alarms": ["${opt:alarm}"]},
                  "refund": {"handler": "h.refund", "alarms": "${self:custom.missing}"}},
}


def test_serverless_alerts_only_deployment_settles():
    # any alarm, for the functions the block or list covers: undecided, never a missing alarm
    assert _records("serverless", UNRESOLVED_ALERTS) == {
        ("provider", "alarm", "alarm_metric", "*", ("checkout", "refund"), 1),
        ("checkout", "alarm", "alarm_metric", "*", ("checkout",), 1),
        ("refund", "alarm", "alarm_metric", "*", ("refund",), 1),
    }
    assert _unknowns("serverless", UNRESOLVED_ALERTS) == {("provider", "alarm_metric"), ("checkout", "alarm_metric"),
                                                          ("refund", "alarm_metric")}


# ---- Terraform -------------------------------------------------------------------------------------------

MODULE = '''
variable "metric" {}
variable "selectors" {}
variable "trace" {
  default = true
}
resource "aws_lambda_function" "checkout" {
  function_name = "orders-checkout"
  role          = "arn:aws:iam::123456789012:role/checkout"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "checkout.zip"
}
resource "aws_lambda_function" "refund" {
  function_name = "orders-refund"
  role          = "arn:aws:iam::123456789012:role/refund"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "refund.zip"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.refund.function_name
  function_version = "1"
}
resource "aws_sfn_state_machine" "traced" {
  name       = "traced"
  role_arn   = "arn:aws:iam::123456789012:role/m"
  definition = "{}"
  tracing_configuration {
    enabled = var.trace
  }
  logging_configuration {
    level = "ERROR"
  }
}
resource "aws_sfn_state_machine" "quiet" {
  name       = "quiet"
  role_arn   = "arn:aws:iam::123456789012:role/m"
  definition = "{}"
}
resource "aws_cloudwatch_metric_alarm" "by_reference" {
  alarm_name          = "checkout-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.checkout.function_name }
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudwatch_metric_alarm" "by_name" {
  alarm_name          = "checkout-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = "orders-checkout" }
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudwatch_metric_alarm" "by_alias" {
  alarm_name          = "refund-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_alias.live.function_name }
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudwatch_metric_alarm" "each" {
  for_each            = toset(["Errors", "Throttles"])
  alarm_name          = "refund-${each.key}"
  namespace           = "AWS/Lambda"
  metric_name         = each.key
  dimensions          = { FunctionName = "orders-refund" }
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudwatch_metric_alarm" "account" {
  alarm_name          = "all-errors"
  namespace           = "AWS/Lambda"
  metric_name         = var.metric
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudwatch_metric_alarm" "queue" {
  alarm_name          = "queue-depth"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = "orders" }
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
}
resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "audit"
  event_selector {
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}
resource "aws_cloudtrail" "tables" {
  name           = "tables"
  s3_bucket_name = "audit"
  advanced_event_selector {
    field_selector {
      field  = "resources.type"
      equals = ["AWS::DynamoDB::Table"]
    }
  }
}
resource "aws_cloudtrail" "chosen" {
  name           = "chosen"
  s3_bucket_name = "audit"
  event_selector {
    data_resource {
      type   = var.selectors
      values = ["arn:aws:lambda"]
    }
  }
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _records("terraform", module) == {
        ("aws_sfn_state_machine.traced", "state_machine", "tracing", "true", (), 1),  # a variable default
        ("aws_sfn_state_machine.quiet", "state_machine", "tracing", "false", (), 1),
        ("aws_sfn_state_machine.quiet", "state_machine", "log_level", "OFF", (), 1),
        ("aws_cloudwatch_metric_alarm.by_reference", "alarm", "alarm_metric", "Errors",
         ("aws_lambda_function.checkout",), 1),
        ("aws_cloudwatch_metric_alarm.by_name", "alarm", "alarm_metric", "Throttles",
         ("aws_lambda_function.checkout",), 1),
        ("aws_cloudwatch_metric_alarm.by_alias", "alarm", "alarm_metric", "Errors", ("aws_lambda_function.refund",), 1),
        # `metric_name = each.key`: one alarm whose metric only deployment settles
        ("aws_cloudwatch_metric_alarm.each", "alarm", "alarm_metric", "*", ("aws_lambda_function.refund",), 1),
        ("aws_cloudtrail.audit", "trail", "lambda_data_events", "true", (), 1),
        ("aws_cloudtrail.tables", "trail", "lambda_data_events", "false", (), 1),
    }
    assert _unknowns("terraform", module) == {("aws_cloudwatch_metric_alarm.each", "alarm_metric"),
                                              ("aws_cloudtrail.chosen", "lambda_data_events")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading this view
    (Terraform modules and plans among them)."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE),
             ("UNRESOLVED_ALERTS", "serverless", UNRESOLVED_ALERTS)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    documents = _documents(tmp_path)
    assert {fmt for _, fmt, _ in documents} == {"cloudformation", "sam", "serverless", "terraform", "terraform_plan"}
    assert disagreements(documents, (VIEW,), lambda view, r: True) == []
