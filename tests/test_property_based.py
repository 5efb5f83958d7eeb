"""No rule crashes, in either engine, on any well-formed document: hypothesis builds templates of every
format from the shapes each format allows — literals of every JSON type, unknowns and intrinsics in every
position a rule reads — and both engines must evaluate them without error and agree on every violation.
(The Python model is what the Checkov checks report.)"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, tool

BATCH = 12  # documents per opa run: one process per example keeps the test fast
SETTINGS = settings(max_examples=15, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["", "*", "NONE", "none", "AWS_IAM", "Active", "PassThrough", "python3.8",
                                     "nodejs22.x", "hunter2-secret", "AKIAIOSFODNN7EXAMPLE", "s3:*", "Allow", "Deny",
                                     "arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess"]),
                    st.text(max_size=8))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                           max_leaves=8)

# ------------------------------------------------------------------------------- CloudFormation / SAM

cfn_unknowns = st.sampled_from([
    {"Ref": "NoDefault"}, {"Ref": "AWS::Region"}, {"Ref": "AWS::NoValue"}, {"Fn::GetAtt": ["Role", "Arn"]},
    {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x"}, {"Fn::ImportValue": "shared"},
    {"Fn::If": ["Unknown", "Active", "PassThrough"]}, {"Fn::If": ["IsProd", "NONE", {"Ref": "AWS::NoValue"}]},
    {"Fn::FindInMap": ["Stages", {"Ref": "Stage"}, "runtime"]}, {"Fn::FindInMap": ["Stages", "prod", "missing"]},
    {"Fn::Join": ["", ["a", {"Ref": "NoDefault"}]]}, "{{resolve:ssm:/app/token}}", {"Ref": "WithDefault"},
    {"Condition": "IsProd"}, {"Fn::Split": [",", "a,b"]},
])
cfn_value = st.one_of(json_values, cfn_unknowns)


def _maybe(strategy):
    return st.one_of(st.just(None), strategy)


cfn_statement = st.fixed_dictionaries({}, optional={
    "Effect": st.one_of(st.sampled_from(["Allow", "allow", "Deny"]), cfn_value),
    "Action": st.one_of(cfn_value, st.lists(cfn_value, max_size=3)),
    "NotAction": st.one_of(cfn_value, st.lists(cfn_value, max_size=2)),
    "Resource": cfn_value})
cfn_document = st.one_of(st.fixed_dictionaries({"Statement": st.one_of(st.lists(cfn_statement, max_size=3), cfn_statement,
                                                                        cfn_value)}), cfn_value)
cfn_function_properties = st.fixed_dictionaries({}, optional={
    "Runtime": cfn_value, "PackageType": st.sampled_from(["Image", "Zip"]),
    "TracingConfig": st.one_of(st.fixed_dictionaries({}, optional={"Mode": cfn_value}), cfn_value),
    "Tracing": cfn_value, "Environment": st.one_of(st.fixed_dictionaries({}, optional={
        "Variables": st.one_of(st.dictionaries(st.sampled_from(["DB_PASSWORD", "API_KEY", "LEVEL"]), cfn_value), cfn_value)}),
        cfn_value),
    "FunctionUrlConfig": st.one_of(st.fixed_dictionaries({}, optional={"AuthType": cfn_value}), cfn_value),
    "Role": st.one_of(st.just({"Fn::GetAtt": ["Role", "Arn"]}), st.just({"Ref": "Role"}), cfn_value),
    "Policies": st.one_of(cfn_value, st.lists(st.one_of(cfn_value, cfn_document), max_size=3)),
    "FunctionName": cfn_value,
})
cfn_resource_types = ["AWS::Lambda::Function", "AWS::Serverless::Function"]


@st.composite
def cloudformation_templates(draw) -> dict:
    resources = {
        "Role": {"Type": "AWS::IAM::Role", "Properties": draw(st.one_of(st.fixed_dictionaries({}, optional={
            "Policies": st.lists(st.fixed_dictionaries({"PolicyName": st.just("p"), "PolicyDocument": cfn_document}),
                                 max_size=2),
            "ManagedPolicyArns": st.one_of(st.lists(cfn_value, max_size=3), cfn_value)}), cfn_value))},
        "Policy": {"Type": draw(st.sampled_from(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"])),
                   "Properties": draw(st.fixed_dictionaries({}, optional={
                       "PolicyDocument": cfn_document, "Roles": st.one_of(st.just([{"Ref": "Role"}]), cfn_value),
                       "RoleName": st.one_of(st.just({"Ref": "Role"}), cfn_value)}))},
    }
    for index in range(draw(st.integers(1, 3))):
        resource = {"Type": draw(st.sampled_from(cfn_resource_types))}
        if draw(st.booleans()):
            resource["Properties"] = draw(st.one_of(cfn_function_properties, cfn_value))
        if draw(st.integers(0, 4)) == 0:
            resource["Condition"] = draw(st.sampled_from(["IsProd", "Unknown", "Missing"]))
        resources[f"Fn{index}"] = resource
        if draw(st.booleans()):
            resources[f"Url{index}"] = {"Type": "AWS::Lambda::Url", "Properties": draw(st.fixed_dictionaries(
                {"TargetFunctionArn": st.one_of(st.just({"Fn::GetAtt": [f"Fn{index}", "Arn"]}), cfn_value)},
                optional={"AuthType": cfn_value}))}
    template = {
        "Parameters": {"NoDefault": {"Type": "String"}, "WithDefault": {"Type": "String", "Default": "python3.8"},
                       "Stage": {"Type": "String", "Default": draw(st.sampled_from(["prod", "dev"]))}},
        "Mappings": {"Stages": {"prod": {"runtime": "python3.8"}, "dev": {"runtime": "python3.13"}}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
                       "Unknown": {"Fn::Equals": [{"Ref": "NoDefault"}, "x"]}},
        "Resources": resources,
    }
    if draw(st.booleans()):
        template["Transform"] = "AWS::Serverless-2016-10-31"
    if draw(st.booleans()):
        template["Globals"] = {"Function": draw(st.one_of(cfn_function_properties, cfn_value))}
    return template


# ------------------------------------------------------------------------------------------ Serverless

sls_unknowns = st.sampled_from(["${ssm:/app/x}", "${env:TOKEN}", "${opt:stage}", "${opt:stage, 'dev'}",
                                "${self:custom.missing}", "${self:custom.runtime}", "${self:custom.list.0}",
                                "prefix-${self:custom.runtime}", "${cf:stack.output}", "${file(./missing.yml)}"])
sls_value = st.one_of(json_values, sls_unknowns)
sls_statement = st.fixed_dictionaries({}, optional={"Effect": sls_value, "Action": st.one_of(sls_value, st.lists(sls_value)),
                                                    "NotAction": sls_value, "Resource": sls_value})
sls_iam = st.one_of(sls_value, st.fixed_dictionaries({}, optional={"role": st.one_of(sls_value, st.fixed_dictionaries({}, optional={
    "statements": st.one_of(sls_value, st.lists(st.one_of(sls_statement, sls_value), max_size=3)),
    "managedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2))}))}))
sls_function = st.one_of(st.none(), sls_value, st.fixed_dictionaries({}, optional={
    "handler": st.just("h.h"), "runtime": sls_value, "image": sls_value, "tracing": sls_value, "url": sls_value,
    "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), sls_value)),
    "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)), "role": sls_value,
    "name": sls_value}))


@st.composite
def serverless_services(draw) -> dict:
    provider = {"name": "aws", **draw(st.fixed_dictionaries({}, optional={
        "runtime": sls_value, "tracing": st.one_of(sls_value, st.fixed_dictionaries({}, optional={"lambda": sls_value})),
        "environment": st.one_of(sls_value, st.dictionaries(st.sampled_from(["API_KEY", "STAGE"]), sls_value)),
        "iam": sls_iam, "iamRoleStatements": st.one_of(sls_value, st.lists(sls_statement, max_size=2)),
        "iamManagedPolicies": st.one_of(sls_value, st.lists(sls_value, max_size=2)), "role": sls_value}))}
    functions = draw(st.one_of(st.dictionaries(st.sampled_from(["a", "b", "c"]), sls_function, max_size=3), sls_value))
    return {"service": "svc", "custom": {"runtime": "python3.8", "list": ["x"]}, "provider": provider,
            "functions": functions}


# ------------------------------------------------------------------------ Terraform (the loader's shape)

tf_unknowns = st.sampled_from(["${var.nodefault}", "${aws_iam_role.r.arn}", "${data.aws_iam_policy.p.arn}",
                               "${module.m.out}", "${local.missing}", "${each.value}", "${var.p ? \"a\" : \"b\"}",
                               "${jsonencode(var.x)}", "prefix-${var.nodefault}"])
tf_value = st.one_of(json_values, tf_unknowns)
tf_policy = st.one_of(tf_value, st.builds(json.dumps, st.fixed_dictionaries({"Statement": st.lists(st.fixed_dictionaries(
    {}, optional={"Effect": tf_value, "Action": st.one_of(tf_value, st.lists(tf_value, max_size=2)),
                  "NotAction": tf_value, "Resource": tf_value}), max_size=2)})))


@st.composite
def terraform_modules(draw) -> dict:
    def blocks(attributes: dict) -> list:
        return [draw(st.fixed_dictionaries({}, optional=attributes))]

    resource = {
        "aws_iam_role": {"r": blocks({"name": tf_value, "inline_policy": st.one_of(tf_value, st.lists(
            st.fixed_dictionaries({}, optional={"policy": tf_policy}), max_size=2))})},
        "aws_iam_role_policy": {"p": blocks({"role": st.one_of(st.just("${aws_iam_role.r.id}"), tf_value), "policy": tf_policy})},
        "aws_iam_role_policy_attachment": {"a": blocks({"role": st.one_of(st.just("${aws_iam_role.r.name}"), tf_value),
                                                        "policy_arn": tf_value, "count": tf_value})},
        "aws_lambda_function": {f"f{i}": blocks({
            "function_name": tf_value, "role": st.one_of(st.just("${aws_iam_role.r.arn}"), tf_value), "runtime": tf_value,
            "package_type": tf_value, "tracing_config": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={
                "mode": tf_value}), max_size=2)),
            "environment": st.one_of(tf_value, st.lists(st.fixed_dictionaries({}, optional={"variables": st.one_of(
                tf_value, st.dictionaries(st.sampled_from(["DB_PASSWORD", "LEVEL"]), tf_value))}), max_size=1)),
            "dynamic": st.one_of(tf_value, st.just([{"tracing_config": [{"for_each": "${var.x}"}]}])),
            "count": tf_value, "for_each": tf_value}) for i in range(draw(st.integers(1, 2)))},
        "aws_lambda_function_url": {"u": blocks({"function_name": st.one_of(st.just("${aws_lambda_function.f0.function_name}"),
                                                                            tf_value), "authorization_type": tf_value})},
    }
    return {"resource": resource, "data": {"aws_iam_policy": {"p": blocks({"arn": tf_value, "name": tf_value})}}}


# ------------------------------------------------------------------------------------------- the tests


def _assert_engines_agree(fmt: str, documents: list[dict]) -> None:
    context_date = dt.date.fromisoformat(TODAY)
    rego = OpaCliBackend(tool("opa")).evaluate(documents, TODAY)
    for document, outcome in zip(documents, rego):
        kind = "sam" if fmt == "cloudformation" and _is_sam(document) else fmt
        python = {(v.rule_id, v.resource) for v in evaluate(build(kind, document), Context(context_date))}
        assert not isinstance(outcome, Exception), (outcome, document)
        assert {(f["id"], f["resource"]) for f in outcome} == python, document


def _is_sam(template: dict) -> bool:
    resources = template.get("Resources") or {}
    return template.get("Transform") == "AWS::Serverless-2016-10-31" or any(
        isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::Serverless::") for r in resources.values())


@SETTINGS
@given(st.lists(cloudformation_templates(), min_size=BATCH, max_size=BATCH))
def test_cloudformation_and_sam_never_crash_and_engines_agree(templates):
    _assert_engines_agree("cloudformation", templates)


@SETTINGS
@given(st.lists(serverless_services(), min_size=BATCH, max_size=BATCH))
def test_serverless_never_crashes_and_engines_agree(services):
    _assert_engines_agree("serverless", services)


@SETTINGS
@given(st.lists(terraform_modules(), min_size=BATCH, max_size=BATCH))
def test_terraform_never_crashes_and_engines_agree(modules):
    _assert_engines_agree("terraform", modules)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(cloudformation_templates().map(lambda d: ("cloudformation", d)),
                 serverless_services().map(lambda d: ("serverless", d)),
                 terraform_modules().map(lambda d: ("terraform", d))))
def test_the_model_never_changes_the_document_it_reads(case):
    """The same document goes to both engines, and the Rego engine may serialise it while the Checkov
    engine's model reads it: the model must leave it as it found it."""
    fmt, document = case
    before = json.dumps(document, sort_keys=True)
    build("sam" if fmt == "cloudformation" and _is_sam(document) else fmt, document)
    assert json.dumps(document, sort_keys=True) == before

