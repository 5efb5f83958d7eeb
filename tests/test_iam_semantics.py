"""The IAM semantics the SAS-4 rules call (faasguard.model.iam, sam_policy_templates), with exact results,
and their parity with the Rego functions (data.faasguard.lib.iam) through the real `opa` binary."""
from __future__ import annotations

import json

import pytest

from faasguard.model import iam, iam_data, sam_policy_templates
from faasguard.model.iam import (broad_managed_policy, data_plane_actions, escalation_methods, grants_action,
                                 grants_unscoped, is_admin_managed_policy, is_allow, is_unscoped, method_actions,
                                 permissions_management_actions, service_wildcards)
from faasguard.model.sam_policy_templates import sam_policy_template
from faasguard.model.views import PolicyStatement
from tests.conftest import ROOT, run, tool


def statement(effect="Allow", actions=(), not_actions=(), resources=("*",), not_resources=()) -> PolicyStatement:
    return PolicyStatement(resource="aws_iam_role_policy.p", effect=effect, actions=tuple(actions),
                           not_actions=tuple(not_actions), functions=(), iam_resources=tuple(resources),
                           iam_not_resources=tuple(not_resources))


def test_is_allow():
    assert [is_allow(e) for e in ("Allow", "allow", "ALLOW", "Deny", "", None, {"Ref": "Effect"})] == \
        [True, True, True, False, False, False, False]


def test_service_wildcards_are_service_star_entries_as_written():
    actions = ("s3:*", "*", "*:*", "**:*", ":*", "S3:GetObject", "DynamoDB:*", "lambda:Get*", "s3*:*")
    assert service_wildcards(actions) == ("DynamoDB:*", "s3*:*", "s3:*")
    assert service_wildcards(("*",)) == ()


@pytest.mark.parametrize("resource", [
    "*", "**", "arn:aws:dynamodb:*:*:table/*", "arn:aws:s3:::*", "arn:aws:s3:::*/*",
    "arn:aws:lambda:*:*:function:*", "arn:aws:lambda:*:*:function:**", "arn:aws:ssm:*:*:parameter/*",
    "arn:aws:sqs:*:*:*", "arn:aws-cn:logs:*:*:log-group:*", "arn:aws:dynamodb:*:*:table/*/index/*",
    "arn:aws:dynamodb:us-east-1:123456789012:table/*", "arn:aws:logs:*:*:log-group:*:*",
    "arn:aws:states:*:*:stateMachine:*", "arn:aws:newservice:*:*:*/*",
])
def test_unscoped_resources(resource):
    assert is_unscoped(resource)


@pytest.mark.parametrize("resource", [
    "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "arn:aws:dynamodb:*:*:table/orders/index/*",
    "arn:aws:s3:::my-bucket/*", "arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket*",
    "arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:lambda:*:*:function:my-fn*", "arn:*", "table/*", "",
    "arn:aws:sns:*:*:alerts:*", "arn:aws:sqs:*:*:jobs-*", "arn:aws:dynamodb:*:*:table/?", "arn:aws:s3:::my.bucket/*",
    "arn:aws:dynamodb:*:*:table/* table/*", "arn:aws:newservice:*:*:thing/*", None,
])
def test_scoped_or_unknown_resources(resource):
    assert not is_unscoped(resource)


def test_grants_unscoped():
    assert grants_unscoped(statement(resources=("arn:aws:s3:::b/*", "*")))
    assert grants_unscoped(statement(resources=(), not_resources=("arn:aws:s3:::b",)))
    assert grants_unscoped(statement(effect="allow", resources=("arn:aws:s3:::*",)))
    assert not grants_unscoped(statement(resources=("arn:aws:s3:::b/*",)))
    assert not grants_unscoped(statement(effect="Deny"))
    assert not grants_unscoped(statement(resources=()))


def test_data_plane_actions_are_restrictable_reads_and_writes():
    actions = ("S3:Get*", "xray:PutTraceSegments", "logs:CreateLogStream", "sqs:sendmessage", "s3", "s3:Get:Object",
               "s3:Get Object", "lambda:InvokeFunction", "ec2:DescribeInstances", "s3:ListAllMyBuckets", "*", "*:*",
               "s3*:Get*", "?3:GetObject", "S3:GETOBJECT", "dynamodb:Query", "sts:GetCallerIdentity")
    assert data_plane_actions(statement(actions=actions)) == (
        "*", "*:*", "?3:GetObject", "S3:GETOBJECT", "S3:Get*", "dynamodb:Query", "lambda:InvokeFunction",
        "logs:CreateLogStream", "s3*:Get*", "sqs:sendmessage")


def test_not_action_is_marked_for_allow_only():
    assert data_plane_actions(statement(not_actions=("iam:*",))) == ("NotAction",)
    assert permissions_management_actions(statement(not_actions=("s3:*",))) == ("NotAction",)
    assert data_plane_actions(statement(effect="Deny", not_actions=("iam:*",))) == ()
    assert data_plane_actions(statement(actions=("s3:GetObject",), not_actions=("iam:*",))) == \
        ("NotAction", "s3:GetObject")


def test_xray_writes_are_no_data_plane_action():
    # xray:PutTraceSegments takes no resource type: Resource "*" is the only way to grant it
    assert data_plane_actions(statement(actions=("xray:PutTraceSegments", "xray:PutTelemetryRecords"))) == ()


def test_permissions_management_actions():
    actions = ("iam:PassRole", "sts:AssumeRole", "iam:Put*", "s3:GetObject", "iam:GetRole", "IAM:*",
               "s3:PutBucketPolicy", "sts:Assume*", "kms:PutKeyPolicy", "lambda:AddPermission",
               "iam:CreateAccessKey", "sts:GetCallerIdentity", "iam:Pass?ole")
    assert permissions_management_actions(statement(actions=actions)) == (
        "IAM:*", "iam:CreateAccessKey", "iam:Pass?ole", "iam:PassRole", "iam:Put*", "kms:PutKeyPolicy",
        "lambda:AddPermission", "s3:PutBucketPolicy", "sts:Assume*", "sts:AssumeRole")


def test_action_matching():
    assert iam.action_matches("S3:Get*", "s3:getobject")
    assert iam.action_matches("*", "iam:passrole")
    assert iam.action_matches("iam:Pass?ole", "iam:passrole")
    assert not iam.action_matches("iam:Pass", "iam:passrole")
    assert not iam.action_matches("iam", "iam:passrole")
    assert not iam.action_matches("s3:*", "iam:passrole")


def test_grants_action():
    assert grants_action(statement(actions=("iam:Pass*",)), "iam:passrole")
    assert grants_action(statement(not_actions=("s3:*",)), "iam:passrole")
    assert not grants_action(statement(not_actions=("iam:*",)), "iam:passrole")
    assert not grants_action(statement(effect="Deny", actions=("*",)), "iam:passrole")


def test_escalation_across_two_statements():
    pass_role = statement(actions=("iam:PassRole",), resources=("arn:aws:iam::123456789012:role/worker",))
    create_and_invoke = statement(actions=("lambda:CreateFunction", "lambda:InvokeFunction"))
    assert escalation_methods([pass_role, create_and_invoke]) == ("PassExistingRoleToNewLambdaThenInvoke",)
    assert escalation_methods([pass_role]) == ()
    assert escalation_methods([create_and_invoke]) == ()
    assert escalation_methods([pass_role, statement(effect="Deny", actions=create_and_invoke.actions)]) == ()


def test_escalation_with_wildcards_and_not_action():
    assert escalation_methods([statement(actions=("iam:*",))]) == (
        "AddUserToGroup", "AttachGroupPolicy", "AttachUserPolicy", "CreateAccessKey", "CreateLoginProfile",
        "CreateNewPolicyVersion", "PutGroupPolicy", "PutUserPolicy", "SetExistingDefaultPolicyVersion",
        "UpdateLoginProfile")
    assert escalation_methods([statement(not_actions=("iam:*",))]) == (
        "EditExistingLambdaFunctionWithRole", "UpdateExistingGlueDevEndpoint")
    assert escalation_methods([statement(actions=("*",))]) == tuple(sorted(iam_data.escalation_methods()))
    assert escalation_methods([statement(actions=("lambda:UpdateFunctionCode",))]) == \
        ("EditExistingLambdaFunctionWithRole",)


def test_method_actions():
    assert method_actions("PassExistingRoleToNewLambdaThenInvoke") == \
        ("iam:passrole", "lambda:createfunction", "lambda:invokefunction")
    assert method_actions("AttachRolePolicy") == ("iam:attachrolepolicy", "sts:assumerole")
    assert method_actions("NoSuchMethod") is None


@pytest.mark.parametrize(("policy", "expected"), [
    ("AWSLambda_FullAccess", "AWSLambda_FullAccess"),
    ("AWSLambdaFullAccess", "AWSLambdaFullAccess"),
    ("arn:aws:iam::aws:policy/AWSLambda_FullAccess", "AWSLambda_FullAccess"),
    ("arn:aws-cn:iam::aws:policy/AmazonS3FullAccess", "AmazonS3FullAccess"),
    ("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaRole", "service-role/AWSLambdaRole"),
    ("arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "service-role/AWSLambdaRole"),
    ("AWSLambdaRole", "service-role/AWSLambdaRole"),
    ("service-role/AWSLambdaRole", "service-role/AWSLambdaRole"),
    ("AdministratorAccess", "AdministratorAccess"),
    ("AWSLambdaExecute", "AWSLambdaExecute"),
    ("arn:aws:iam::aws:policy/AWSLambdaRole", None),  # no such ARN: the policy lives under service-role/
    ("arn:aws:iam::123456789012:policy/AdministratorAccess", None),  # a customer policy of that name
    ("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", None),
    ("AWSLambdaBasicExecutionRole", None),
    ("AWSXrayWriteOnlyAccess", None),
    ("amazons3fullaccess", None),
    ("", None),
    (None, None),
])
def test_broad_managed_policy(policy, expected):
    assert broad_managed_policy(policy) == expected


def test_is_admin_managed_policy_is_unchanged():
    assert is_admin_managed_policy("arn:aws:iam::aws:policy/PowerUserAccess")
    assert not is_admin_managed_policy("AmazonS3FullAccess")


DYNAMODB_CRUD_ACTIONS = ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
                         "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
                         "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"]


def test_sam_template_with_star_parameters():
    assert sam_policy_template("DynamoDBCrudPolicy", {"TableName": "*"}) == [{
        "Effect": "Allow", "Action": DYNAMODB_CRUD_ACTIONS,
        "Resource": ["arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:*:*:table/*/index/*"]}]
    assert [s["Resource"] for s in sam_policy_template("S3CrudPolicy", {"BucketName": "*"})] == \
        [["arn:aws:s3:::*", "arn:aws:s3:::*/*"]]
    assert sam_policy_template("LambdaInvokePolicy", {"FunctionName": "*"}) == [{
        "Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": ["arn:aws:lambda:*:*:function:*"]}]


def test_sam_template_with_known_and_unknown_parameters():
    assert sam_policy_template("LambdaInvokePolicy", {"FunctionName": "worker"})[0]["Resource"] == \
        ["arn:aws:lambda:*:*:function:worker*"]
    assert sam_policy_template("SQSPollerPolicy", {"QueueName": "jobs"})[0]["Resource"] == \
        ["arn:aws:sqs:*:*:jobs"]
    # a !Ref to a resource, or a missing parameter: the resource is chosen at deployment, left out
    for parameters in ({"TableName": None}, {}, None, {"TableName": {"Ref": "Table"}}):
        assert sam_policy_template("DynamoDBCrudPolicy", parameters) == [
            {"Effect": "Allow", "Action": DYNAMODB_CRUD_ACTIONS, "Resource": []}]


def test_sam_templates_without_parameters_expand():
    vpc = sam_policy_template("VPCAccessPolicy", {})
    assert [s["Resource"] for s in vpc] == [["*"]]
    # AWSXrayWriteOnlyAccess is an AWS managed policy SAM accepts by name, not a policy template
    assert sam_policy_template("AWSXrayWriteOnlyAccess", {}) is None
    assert sam_policy_template("NoSuchPolicy", {"X": "*"}) is None


def test_sam_rotation_template_names_its_secrets_by_its_condition():
    # `secret:*` under a Condition on the rotation function is not every secret: the entry is left out, as
    # a resource chosen at deployment is (else FG_04_03 would flag every rotation function)
    assert sam_policy_template("AWSSecretsManagerRotationPolicy", {"FunctionName": None}) == [
        {"Effect": "Allow", "Action": ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                                       "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
         "Resource": []},
        {"Effect": "Allow", "Action": ["secretsmanager:GetRandomPassword"], "Resource": ["*"]}]


def _resource_entries(template: dict) -> list[int]:
    return [len(s["Resource"]) if isinstance(s["Resource"], list) else 1 for s in template["statements"]
            if "Condition" not in s]


@pytest.mark.parametrize("name", sorted(iam_data.sam_policy_templates()))
def test_every_sam_template_expands(name):
    template = iam_data.sam_policy_templates()[name]
    known = sam_policy_template(name, {p: "*" for p in template["parameters"]})
    # with every parameter known, every Resource entry resolves: the expansion understands every shape
    unconditioned = [s for s, written in zip(known, template["statements"]) if "Condition" not in written]
    assert [len(s["Resource"]) for s in unconditioned] == _resource_entries(template)
    assert all("${" not in r and "**" not in r for s in known for r in s["Resource"])
    unknown = sam_policy_template(name, {p: None for p in template["parameters"]})
    assert [s["Action"] for s in unknown] == [s["Action"] for s in template["statements"]]
    if not template["parameters"]:
        assert unknown == known


def test_fn_join_is_joined(monkeypatch):
    joined = {"statements": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
        {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "BucketName"}, "/*"]]},
        {"Fn::Join": ["/", [{"Fn::Sub": "arn:${AWS::Partition}:s3:::${BucketName}"}, "logs"]]},
        {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Other"}]]}]}], "parameters": ["BucketName", "Other"]}
    monkeypatch.setitem(iam_data.sam_policy_templates(), "JoinedPolicy", joined)
    assert sam_policy_templates.sam_policy_template("JoinedPolicy", {"BucketName": "b"}) == [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/logs"]}]


# --- parity: the same inputs through the Python functions and `opa eval` on the Rego functions -----------

PARITY_STATEMENTS = [
    statement(actions=("s3:GetObject",), resources=("arn:aws:s3:::my-bucket/*",)),
    statement(actions=("S3:Get*", "s3:PutObject"), resources=("*",)),
    statement(actions=("xray:PutTraceSegments", "xray:PutTelemetryRecords")),
    statement(actions=("dynamodb:*",), resources=("arn:aws:dynamodb:*:*:table/*",)),
    statement(actions=("dynamodb:Query",), resources=("arn:aws:dynamodb:*:*:table/orders/index/*",)),
    statement(actions=("dynamodb:Query",), resources=("arn:aws:dynamodb:*:*:table/*/index/*",)),
    statement(actions=("lambda:InvokeFunction",), resources=("arn:aws:lambda:*:*:function:*",)),
    statement(actions=("lambda:InvokeFunction",), resources=("arn:aws:lambda:*:*:function:worker*",)),
    statement(actions=("ssm:GetParameter*",), resources=("arn:aws:ssm:*:*:parameter/*",)),
    statement(actions=("iam:PassRole",), resources=("arn:aws:iam::123456789012:role/worker",)),
    statement(actions=("lambda:CreateFunction", "lambda:InvokeFunction")),
    statement(actions=("sts:AssumeRole",), resources=("*",)),
    statement(actions=("iam:*",)),
    statement(actions=("*",)),
    statement(actions=("*:*",)),
    statement(actions=("s3*:*", "?3:GetObject")),
    statement(not_actions=("iam:*", "organizations:*", "account:*")),
    statement(effect="Deny", not_actions=("s3:*",)),
    statement(effect="Deny", actions=("*",)),
    statement(effect="allow", actions=("KMS:Decrypt", "kms:PutKeyPolicy"), resources=("arn:aws:kms:*:*:key/*",)),
    statement(actions=("s3", "s3:Get:Object", "s3:Get Object", ":GetObject", "s3:")),
    statement(actions=("sqs:SendMessage", "sns:Publish"), resources=(), not_resources=("arn:aws:sns:*:*:alerts",)),
    statement(actions=("logs:CreateLogStream", "logs:PutLogEvents"), resources=("arn:aws:logs:*:*:*",)),
    statement(actions=("secretsmanager:GetSecretValue",), resources=("arn:aws:secretsmanager:*:*:secret:*",)),
    statement(actions=("iam:CreateAccessKey", "iam:Put*Policy"), resources=("**",)),
    statement(actions=("lambda:UpdateFunctionCode",), resources=("arn:aws:lambda:*:*:function:**",)),
    statement(actions=("events:PutEvents", "states:StartExecution"),
              resources=("arn:aws:events:*:*:event-bus/default",)),
    statement(actions=("ec2:DescribeInstances", "s3:ListAllMyBuckets", "sts:GetCallerIdentity")),
    statement(effect="ALLOW", actions=("DynamoDB:*", "dynamodb:Get*"), resources=("arn:*",)),
    statement(effect="Allow", actions=(), resources=()),
]
PARITY_GROUPS = [[9, 10], [9], [10], [12], [16], [13], [9, 18], [11, 12], [25], [2, 3, 4]]
PARITY_RESOURCES = ["*", "**", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:s3:::b/*", "arn:aws:s3:::b*",
                    "arn:aws:ssm:*:*:parameter/*", "arn:aws:ssm:*:*:parameter/app/*", "arn:*", "table/*",
                    "arn:aws:dynamodb:*:*:table/*/stream/*", "arn:aws:logs:*:*:log-group:*:*", "",
                    "arn:aws:s3:::my.bucket+(1)/*", "arn:aws:s3:::*.*", "arn:aws:s3:::[a]/*", "arn:aws:sqs:*:*:q?",
                    "arn:aws:execute-api:*:*:*/*/*/*", "arn:aws:newservice:*:*:thing/*", "arn:aws:sns:*:*:a b"]
PARITY_POLICIES = ["AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "AWSLambdaRole",
                   "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/AWSLambdaRole",
                   "service-role/AWSLambdaRole", "arn:aws-us-gov:iam::aws:policy/AmazonDynamoDBFullAccess",
                   "arn:aws:iam::123456789012:policy/AmazonS3FullAccess", "AWSLambdaBasicExecutionRole",
                   "PowerUserAccess", "amazonsqsfullaccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]
PARITY_TEMPLATES = [["DynamoDBCrudPolicy", {"TableName": "*"}], ["DynamoDBCrudPolicy", {"TableName": None}],
                    ["S3CrudPolicy", {"BucketName": "*"}], ["S3ReadPolicy", {"BucketName": "reports"}],
                    ["LambdaInvokePolicy", {"FunctionName": "*"}], ["LambdaInvokePolicy", {}],
                    ["KMSDecryptPolicy", {"KeyId": "*"}], ["VPCAccessPolicy", {}],
                    ["AWSSecretsManagerRotationPolicy", {"FunctionName": "rotator"}],
                    ["EFSWriteAccessPolicy", {"FileSystem": "fs-1", "AccessPoint": None}],
                    ["StepFunctionsExecutionPolicy", {"StateMachineName": "*"}], ["AWSXrayWriteOnlyAccess", {}],
                    ["SSMParameterReadPolicy", {"ParameterName": "app/*"}], ["DynamoDBCrudPolicy", None]]
PARITY_METHODS = ["PassExistingRoleToNewLambdaThenInvoke", "CreateAccessKey", "NoSuchMethod"]

PARITY_QUERY = """
package faasguard_parity

import data.faasguard.lib.iam

statements := [{
	"is_allow": count({1 | iam.is_allow(s)}) == 1,
	"service_wildcards": iam.service_wildcards(s.actions),
	"grants_unscoped": count({1 | iam.grants_unscoped(s)}) == 1,
	"data_plane_actions": iam.data_plane_actions(s),
	"permissions_management_actions": iam.permissions_management_actions(s),
	"escalation_methods": iam.escalation_methods([s]),
} | some s in input.statements]

groups := [iam.escalation_methods([input.statements[i] | some i in group]) | some group in input.groups]

resources := [unscoped |
	some r in input.resources
	unscoped := count({1 | iam.is_unscoped(r)}) == 1
]

policies := [[p | p := iam.broad_managed_policy(policy)] | some policy in input.policies]

templates := [[t | t := iam.sam_policy_template(case[0], case[1])] | some case in input.templates]

methods := [[a | a := iam.method_actions(name)] | some name in input.methods]
"""


def _statement_record(s: PolicyStatement) -> dict:
    return {"effect": s.effect, "actions": list(s.actions), "not_actions": list(s.not_actions),
            "iam_resources": list(s.iam_resources), "iam_not_resources": list(s.iam_not_resources)}


def _maybe(value) -> list:
    return [] if value is None else [list(value) if isinstance(value, tuple) else value]


def _python_results() -> dict:
    return {
        "statements": [{
            "is_allow": is_allow(s.effect),
            "service_wildcards": list(service_wildcards(s.actions)),
            "grants_unscoped": grants_unscoped(s),
            "data_plane_actions": list(data_plane_actions(s)),
            "permissions_management_actions": list(permissions_management_actions(s)),
            "escalation_methods": list(escalation_methods([s])),
        } for s in PARITY_STATEMENTS],
        "groups": [list(escalation_methods([PARITY_STATEMENTS[i] for i in g])) for g in PARITY_GROUPS],
        "resources": [is_unscoped(r) for r in PARITY_RESOURCES],
        "policies": [_maybe(broad_managed_policy(p)) for p in PARITY_POLICIES],
        "templates": [_maybe(sam_policy_template(n, p)) for n, p in PARITY_TEMPLATES],
        "methods": [_maybe(method_actions(m)) for m in PARITY_METHODS],
    }


def test_python_and_rego_agree(tmp_path):
    (tmp_path / "parity.rego").write_text(PARITY_QUERY)
    (tmp_path / "input.json").write_text(json.dumps({
        "statements": [_statement_record(s) for s in PARITY_STATEMENTS], "groups": PARITY_GROUPS,
        "resources": PARITY_RESOURCES, "policies": PARITY_POLICIES, "templates": PARITY_TEMPLATES,
        "methods": PARITY_METHODS}))
    # the two packages the functions live in (the rest of the bundle is other rules' concern)
    proc = run([tool("opa"), "eval", "--format", "json", "-d", str(ROOT / "rego/faasguard/lib/iam"),
                "-d", str(ROOT / "rego/faasguard/lib/iam_data"), "-d", str(tmp_path / "parity.rego"),
                "-i", str(tmp_path / "input.json"), "data.faasguard_parity"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rego = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    python = _python_results()
    assert {key: rego[key] for key in python} == python
    assert len(python["statements"]) == len(PARITY_STATEMENTS)
    # the inputs exercise every outcome, so agreement means something
    assert {r["grants_unscoped"] for r in python["statements"]} == {True, False}
    assert any(r["escalation_methods"] for r in python["statements"]) and python["groups"][0]
    assert [] in python["policies"] and [] in python["templates"]
