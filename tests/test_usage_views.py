"""The usage records (docs/model.md, "Usage"; FG_11_03, FG_11_04): function_settings `invoked_by`,
`referenced_by`, `concurrency_disabled`, `deletion_policy` and `update_replace_policy`, for the shapes people
write in each format; unknowns instead of `absent` where only deployment settles a path; the same records from
the Rego adapters (the real opa binary) on these documents and on every fixture of the two rules; and a
template of thousands of resources read in linear time."""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, rego_each_document
from tests.fixture_cases import FIXTURES
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
TODAY_DATE = dt.date.fromisoformat(TODAY)
RULES = ("FG_11_03", "FG_11_04")
SETTINGS = {"invoked_by", "referenced_by", "concurrency_disabled", "deletion_policy", "update_replace_policy"}
TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                  "Action": "sts:AssumeRole"}]}


def _function(**extra) -> dict:
    return {"Type": "AWS::Lambda::Function", **extra.pop("attributes", {}), "Properties": {
        "Runtime": "python3.13", "Handler": "i.h", "Code": {"ZipFile": "x"}, "Role": {"Fn::GetAtt": ["Role", "Arn"]},
        **extra}}


def _records(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.choices) for s in build(fmt, document).function_settings
            if s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": TRUST}},
           "Spare": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": TRUST}},
           "SparePolicy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "Spare"}],
                                                                      "PolicyDocument": {}}},
           # named by its log group only
           "Quiet": _function(),
           "QuietLogs": {"Type": "AWS::Logs::LogGroup",
                         "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Quiet}"}}},
           # invoked through its alias; 0 only in one alternative
           "Aliased": _function(ReservedConcurrentExecutions={"Fn::If": ["Prod", 0, 10]}),
           "Alias": {"Type": "AWS::Lambda::Alias", "Properties": {"Name": "live", "FunctionName": {"Ref": "Aliased"},
                                                                  "FunctionVersion": "$LATEST"}},
           "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
               "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Alias"}, "Principal": "sns.amazonaws.com"}},
           # an event-invoke config's destination invokes; the function it configures is not invoked by it
           "Config": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
               "FunctionName": {"Ref": "Aliased"}, "Qualifier": "$LATEST",
               "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Destination", "Arn"]}}}}},
           "Destination": _function(attributes={"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Snapshot"}),
           # exported
           "Exported": _function(ReservedConcurrentExecutions=0),
       },
       "Outputs": {"ExportedArn": {"Value": {"Fn::GetAtt": ["Exported", "Arn"]}}}}


def test_cloudformation_records():
    assert _records("cloudformation", CFN) == {
        ("Role", "referenced_by", "Aliased", 1), ("Role", "referenced_by", "Destination", 1),
        ("Role", "referenced_by", "Exported", 1), ("Role", "referenced_by", "Quiet", 1),
        ("Spare", "referenced_by", "absent", 1),  # its policy configures it, nothing uses it
        ("Quiet", "invoked_by", "absent", 1),
        ("Aliased", "invoked_by", "Permission", 1),
        ("Aliased", "concurrency_disabled", "true", 2), ("Aliased", "concurrency_disabled", "false", 2),
        ("Destination", "invoked_by", "Config", 1),
        ("Destination", "deletion_policy", "RETAIN", 1), ("Destination", "update_replace_policy", "SNAPSHOT", 1),
        ("Exported", "invoked_by", "Outputs.ExportedArn", 1), ("Exported", "concurrency_disabled", "true", 1),
    }
    assert _unknowns("cloudformation", CFN) == set()


def test_an_invoker_naming_an_unknown_function_leaves_paths_unknown():
    template = {"Parameters": {"Target": {"Type": "String"}},
                "Resources": {"Role": CFN["Resources"]["Role"], "Quiet": _function(),
                              "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
                                  "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Target"},
                                  "Principal": "sns.amazonaws.com"}}}}
    assert ("Quiet", "invoked_by", "absent", 1) not in _records("cloudformation", template)
    assert _unknowns("cloudformation", template) == {("Quiet", "invoked_by")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.13", "Handler": "i.h"}},
    "Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "Consumer": {"Type": "AWS::Serverless::Function", "DeletionPolicy": "RetainExceptOnCreate", "Properties": {
            "CodeUri": "src/",
            "Events": {"Batch": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Queue", "Arn"]}}}}}},
        "Preview": {"Type": "AWS::Serverless::Function", "Properties": {
            "CodeUri": "src/", "FunctionUrlConfig": {"AuthType": "AWS_IAM"}}},
        "Idle": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "Events": {},
                                                                      "ReservedConcurrentExecutions": "5"}},
    },
}


def test_sam_records():
    assert _records("sam", SAM_TEMPLATE) == {
        ("Consumer", "invoked_by", "Events", 1), ("Consumer", "deletion_policy", "RETAINEXCEPTONCREATE", 1),
        ("Preview", "invoked_by", "FunctionUrlConfig", 1),
        ("Idle", "invoked_by", "absent", 1),  # an empty Events map
        ("Idle", "concurrency_disabled", "false", 1),
    }


# ---- Serverless ----------------------------------------------------------------------------------------------

SERVICE = {
    "service": "reports", "provider": {
        "name": "aws", "runtime": "python3.13", "iam": {"role": {"statements": [{
            "Effect": "Allow", "Action": "lambda:InvokeFunction",
            "Resource": {"Fn::GetAtt": ["QuietLambdaFunction", "Arn"]}}]}}},
    "custom": {"events": "${ssm:/reports/events}"},
    "functions": {
        "api": {"handler": "a.h", "events": [{"httpApi": "GET /"}], "role": "ApiRole"},
        "quiet": {"handler": "q.h"},  # named only by the provider's IAM statements
        "download": {"handler": "d.h", "url": True, "reservedConcurrency": "${self:custom.limit, '0'}"},
        "maybe": {"handler": "m.h", "events": "${self:custom.events}"},
        "task": {"handler": "t.h"},
        "exported": {"handler": "e.h"},
    },
    "stepFunctions": {"stateMachines": {"flow": {"definition": {"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": {"Fn::GetAtt": ["task", "Arn"]}, "End": True}}}}}},
    "resources": {
        "extensions": {"ExportedLambdaFunction": {"DeletionPolicy": "Retain"}},
        "Resources": {
            "ApiRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": TRUST}},
            "SpareRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": TRUST}},
        },
        "Outputs": {"ExportedArn": {"Value": {"Fn::GetAtt": ["ExportedLambdaFunction", "Arn"]}}},
    },
}


def test_serverless_records():
    assert _records("serverless", SERVICE) == {
        ("api", "invoked_by", "events", 1), ("quiet", "invoked_by", "absent", 1),
        ("download", "invoked_by", "url", 1), ("download", "concurrency_disabled", "true", 1),
        ("task", "invoked_by", "stepFunctions", 1),
        ("exported", "invoked_by", "Outputs.ExportedArn", 1), ("exported", "deletion_policy", "RETAIN", 1),
        ("ApiRole", "referenced_by", "api", 1), ("SpareRole", "referenced_by", "absent", 1),
    }
    assert _unknowns("serverless", SERVICE) == {("maybe", "invoked_by")}


# ---- Terraform ---------------------------------------------------------------------------------------------

MODULE = """
variable "target" {}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "unused" {
  name               = "unused"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "unused" {
  role       = aws_iam_role.unused.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_lambda_function" "quiet" {
  function_name = "quiet"
  role          = aws_iam_role.fn.arn
  handler       = "q.h"
  runtime       = "python3.13"
  filename      = "q.zip"
}
resource "aws_cloudwatch_log_group" "quiet" {
  name = "/aws/lambda/${aws_lambda_function.quiet.function_name}"
}
resource "aws_lambda_function" "passed" {
  function_name                  = "passed"
  role                           = aws_iam_role.fn.arn
  handler                        = "p.h"
  runtime                        = "python3.13"
  filename                       = "p.zip"
  reserved_concurrent_executions = 0
}
module "consumer" {
  source   = "./consumer"
  function = aws_lambda_function.passed.arn
}
"""


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _records("terraform", module) == {
        ("aws_iam_role.fn", "referenced_by", "aws_lambda_function.passed", 1),
        ("aws_iam_role.fn", "referenced_by", "aws_lambda_function.quiet", 1),
        ("aws_iam_role.unused", "referenced_by", "absent", 1),
        ("aws_lambda_function.quiet", "invoked_by", "absent", 1),
        ("aws_lambda_function.passed", "invoked_by", "module.consumer", 1),
        ("aws_lambda_function.passed", "concurrency_disabled", "true", 1),
    }


def test_terraform_invoker_naming_a_variable_leaves_paths_unknown(tmp_path):
    module = _module(tmp_path, MODULE + """
resource "aws_lambda_permission" "elsewhere" {
  action        = "lambda:InvokeFunction"
  function_name = var.target
  principal     = "sns.amazonaws.com"
}
""")
    assert ("aws_lambda_function.quiet", "invoked_by", "absent", 1) not in _records("terraform", module)
    assert ("aws_lambda_function.quiet", "invoked_by") in _unknowns("terraform", module)


def _in_module_instances(plan: dict, keys: list[str], dropped: dict[str, set[str]], name: str) -> dict:
    """The plan's root module moved into `module.app`, called with for_each over `keys`, as Terraform
    writes it, each instance's names prefixed with its key (`name`: the prefix of the plan's names);
    `dropped[key]` lists root addresses that instance does not have."""
    children, changes = [], []
    for key in keys:
        module = f'module.app["{key}"]'
        instance = json.loads(json.dumps([plan["planned_values"]["root_module"]["resources"], plan["resource_changes"]])
                              .replace(f'"{name}', f'"{key}-{name}').replace(f"/{name}-", f"/{key}-{name}-"))
        children.append({"address": module, "resources": [
            {**r, "address": f"{module}.{r['address']}"} for r in instance[0] if r["address"] not in dropped.get(key, set())]})
        changes += [{**c, "address": f"{module}.{c['address']}", "module_address": module}
                    for c in instance[1] if c["address"] not in dropped.get(key, set())]
    return {**plan, "planned_values": {"root_module": {"child_modules": children}}, "resource_changes": changes,
            "configuration": {"root_module": {"module_calls": {"app": {
                "source": "./app", "for_each_expression": {"references": ["var.apps"]},
                "module": plan["configuration"]["root_module"]}}}}}


def test_a_reference_in_a_module_instance_names_its_own_instance():
    """module.app["b"] has no permission for its summary function: module.app["a"]'s permission invokes
    only a's (a reference in the module's configuration names the resource of the same instance). Read
    across instances, every instance would count every other's paths, and the records grow with the square
    of the instances."""
    plan = json.loads((FIXTURES / "FG_11_03/terraform_plan/fail_orphaned_and_disabled.json").read_text())
    document = _in_module_instances(plan, ["a", "b"], {"b": {"aws_lambda_permission.summary_api"}}, "reports")
    expected = {("FG_11_03", f'module.app["{key}"].aws_lambda_function.{name}')
                for key in ("a", "b") for name in ("legacy_import", "weekly_export")}
    expected.add(("FG_11_03", 'module.app["b"].aws_lambda_function.summary'))
    python = {(v.rule_id, v.resource) for v in evaluate(build("terraform_plan", document), Context(TODAY_DATE))
              if v.rule_id == "FG_11_03"}
    [rego] = rego_each_document([document], '[[f.id, f.resource] | some f in data.faasguard.main.findings; f.id == "FG_11_03"]')
    assert python == expected
    assert {tuple(f) for f in rego} == expected


# ---- linear ------------------------------------------------------------------------------------------------


def test_thousands_of_resources_are_read_in_linear_time():
    """1,000 functions, each with a log group and a permission, one role: the references are indexed once."""
    resources = {"Role": CFN["Resources"]["Role"]}
    for i in range(1000):
        resources[f"F{i}"] = _function()
        resources[f"L{i}"] = {"Type": "AWS::Logs::LogGroup",
                              "Properties": {"LogGroupName": {"Fn::Sub": f"/aws/lambda/${{F{i}}}"}}}
        if i % 2:
            resources[f"P{i}"] = {"Type": "AWS::Lambda::Permission", "Properties": {
                "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": f"F{i}"}, "Principal": "sns.amazonaws.com"}}
    template = {"Resources": resources}
    from faasguard.model import cloudformation_usage
    from faasguard.model.builder import ViewBuilder
    from faasguard.model.cloudformation import Template, function_properties

    started = time.monotonic()
    parsed = Template(template)
    builder = ViewBuilder(parsed.why_unknown)
    cloudformation_usage.add_views(parsed, function_properties(parsed), builder)
    assert time.monotonic() - started < 10
    absent = {s.resource for s in builder.views.function_settings if s.value == "absent"}
    assert len(absent) == 500
    started = time.monotonic()
    usage = "data.faasguard.lib.usage"
    functions = '{id | some id, r in input.Resources; r.Type == "AWS::Lambda::Function"}'
    [found] = rego_each_document([template], f'count([r | some r in {usage}.records({usage}.types(input, {{}}), '
                                             f'{usage}.triples(input, {{}}), {functions}, {{"Role"}}, {{}}, {{}}); '
                                             'r.value == "absent"])')
    assert found == 500
    assert time.monotonic() - started < 60


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the two rules."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("function_settings",), lambda view, r: r["setting"] in SETTINGS) == []
