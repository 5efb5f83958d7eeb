"""Parity on generated documents: the Python rules and the Rego bundle agree on hundreds of random
combinations of the settings each rule reads, in every format (beyond the hand-written fixtures)."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, tool

SEED, COUNT = 20261128, 150
RUNTIMES = ["python3.8", "python3.13", "nodejs16.x", "nodejs22.x", "go1.x", "java21", "provided.al2023"]
ENV_NAMES = ["DB_PASSWORD", "API_KEY", "apiKey", "LOG_LEVEL", "TOKEN_TTL", "SECRET_ARN", "db-pass", "AUTH",
             "GITHUB_TOKEN", "DATABASE_URL", "FEATURE_AUTH_ENABLED", "REGION"]
ENV_VALUES = ["hunter2-not-real", "3600", "true", "False", "debug", "arn:aws:secretsmanager:us-east-1:1:secret:x",
              "AKIAIOSFODNN7EXAMPLE", "postgres://app:pw@db:5432/app", "abc", "eyJhbGciOi.eyJzdWIiOi.sig",
              "{{resolve:secretsmanager:db}}", "${env:SECRET}", "sk_live_0123456789abcdefghij", "", 8080, 31.5,
              True, 123456789]
ACTIONS = ["*", "s3:*", "*:*", "dynamodb:GetItem", ["s3:GetObject", "*"], ["sqs:SendMessage"]]


def _env(rng: random.Random, intrinsic) -> dict:
    values = {}
    for name in rng.sample(ENV_NAMES, rng.randint(0, 4)):
        values[name] = intrinsic() if rng.random() < 0.15 else rng.choice(ENV_VALUES)
    return values


def _statement(rng: random.Random) -> dict:
    statement = {"Effect": rng.choice(["Allow", "allow", "Deny"]), "Resource": "*"}
    if rng.random() < 0.2:
        statement["NotAction"] = rng.choice(["iam:*", ["iam:*", "organizations:*"]])
    else:
        statement["Action"] = rng.choice(ACTIONS)
    return statement


def cloudformation(rng: random.Random) -> dict:
    sam = rng.random() < 0.5
    ref = lambda: {"Ref": rng.choice(["RuntimeParam", "NoDefault", "AWS::Region"])}  # noqa: E731
    resources = {"Role": {"Type": "AWS::IAM::Role", "Properties": {
        "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [_statement(rng)]}}],
        "ManagedPolicyArns": rng.sample(["arn:aws:iam::aws:policy/AdministratorAccess",
                                         "arn:aws:iam::aws:policy/ReadOnlyAccess"], rng.randint(0, 2))}}}
    for i in range(rng.randint(1, 3)):
        props = {"Handler": "a.b"}
        if rng.random() < 0.8:
            props["Runtime"] = ref() if rng.random() < 0.2 else rng.choice(RUNTIMES)
        if rng.random() < 0.6:
            props["Environment"] = {"Variables": _env(rng, ref)}
        if rng.random() < 0.5:
            props["Role"] = rng.choice([{"Fn::GetAtt": ["Role", "Arn"]}, {"Ref": "Role"}, "arn:aws:iam::1:role/x"])
        if sam:
            if rng.random() < 0.6:
                props["Tracing"] = rng.choice(["Active", "PassThrough", "Disabled", ref()])
            if rng.random() < 0.4:
                props["FunctionUrlConfig"] = {"AuthType": rng.choice(["NONE", "AWS_IAM"])}
            if "Role" not in props and rng.random() < 0.6:
                props["Policies"] = rng.choice(["AdministratorAccess", {"Statement": [_statement(rng)]},
                                                [{"SQSPollerPolicy": {"QueueName": "q"}}, "PowerUserAccess"]])
            resources[f"Fn{i}"] = {"Type": "AWS::Serverless::Function", "Properties": props}
        else:
            if rng.random() < 0.6:
                props["TracingConfig"] = {"Mode": rng.choice(["Active", "PassThrough"])}
            props.setdefault("Role", {"Fn::GetAtt": ["Role", "Arn"]})
            resources[f"Fn{i}"] = {"Type": "AWS::Lambda::Function", "Properties": props}
            if rng.random() < 0.3:
                resources[f"Url{i}"] = {"Type": "AWS::Lambda::Url", "Properties": {
                    "AuthType": rng.choice(["NONE", "AWS_IAM"]), "TargetFunctionArn": {"Fn::GetAtt": [f"Fn{i}", "Arn"]}}}
    template = {"Parameters": {"RuntimeParam": {"Type": "String", "Default": rng.choice(RUNTIMES)},
                               "NoDefault": {"Type": "String"}}, "Resources": resources}
    if sam:
        template["Transform"] = "AWS::Serverless-2016-10-31"
        if rng.random() < 0.5:
            template["Globals"] = {"Function": {"Runtime": rng.choice(RUNTIMES), "Tracing": rng.choice(["Active", "PassThrough"]),
                                                "Environment": {"Variables": _env(rng, ref)}}}
    return template


def serverless(rng: random.Random) -> dict:
    var = lambda: rng.choice(["${self:custom.runtime}", "${opt:stage, 'dev'}", "${env:X}", "${ssm:/a/b}"])  # noqa: E731
    provider = {"name": "aws"}
    if rng.random() < 0.7:
        provider["runtime"] = var() if rng.random() < 0.2 else rng.choice(RUNTIMES)
    if rng.random() < 0.5:
        provider["tracing"] = {"lambda": rng.choice([True, False, "Active", "PassThrough"])}
    if rng.random() < 0.5:
        provider["environment"] = _env(rng, var)
    if rng.random() < 0.6:
        provider["iam"] = {"role": rng.choice([{"statements": [_statement(rng)]}, "arn:aws:iam::1:role/x",
                                               {"managedPolicies": ["arn:aws:iam::aws:policy/AdministratorAccess"]}])}
    functions = {}
    for i in range(rng.randint(1, 3)):
        fn = {"handler": "h.h"}
        if rng.random() < 0.3:
            fn["runtime"] = rng.choice(RUNTIMES)
        if rng.random() < 0.3:
            fn["tracing"] = rng.choice([True, False, "Active", "PassThrough"])
        if rng.random() < 0.3:
            fn["url"] = rng.choice([True, {"cors": True}, {"authorizer": "aws_iam"}])
        if rng.random() < 0.4:
            fn["environment"] = _env(rng, var)
        if rng.random() < 0.2:
            fn["iamRoleStatements"] = [_statement(rng)]
        if rng.random() < 0.15:
            fn["role"] = "arn:aws:iam::1:role/own"
        functions[f"fn{i}"] = fn
    return {"service": "svc", "custom": {"runtime": rng.choice(RUNTIMES)}, "provider": provider, "functions": functions}


def terraform(rng: random.Random) -> dict:
    """A module as the loader feeds it (conftest's HCL shape, values settled)."""
    resources: dict = {"aws_iam_role": {"r": [{"name": "r", "inline_policy": [
        {"name": "p", "policy": '{"Statement": [%s]}' % str(_statement(rng)).replace("'", '"')}]}]}}
    functions = {}
    for i in range(rng.randint(1, 3)):
        fn = {"function_name": f"f{i}", "role": rng.choice(["${aws_iam_role.r.arn}", "arn:aws:iam::1:role/x"])}
        if rng.random() < 0.8:
            fn["runtime"] = rng.choice([*RUNTIMES, "${var.nodefault}"])
        if rng.random() < 0.5:
            fn["tracing_config"] = [{"mode": rng.choice(["Active", "PassThrough", "${var.mode}"])}]
        if rng.random() < 0.6:
            fn["environment"] = [{"variables": _env(rng, lambda: "${aws_secretsmanager_secret.s.arn}")}]
        functions[f"f{i}"] = [fn]
        if rng.random() < 0.3:
            resources.setdefault("aws_lambda_function_url", {})[f"u{i}"] = [{
                "function_name": f"${{aws_lambda_function.f{i}.function_name}}",
                "authorization_type": rng.choice(["NONE", "AWS_IAM"])}]
    resources["aws_lambda_function"] = functions
    if rng.random() < 0.4:
        resources["aws_iam_role_policy_attachment"] = {"a": [{
            "role": "${aws_iam_role.r.name}", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}
    return {"resource": resources}


GENERATORS = {"cloudformation": cloudformation, "serverless": serverless, "terraform": terraform}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_python_and_rego_agree_on_generated_documents(kind):
    rng = random.Random(f"{SEED}-{kind}")
    documents = [GENERATORS[kind](rng) for _ in range(COUNT)]
    rego = OpaCliBackend(tool("opa")).evaluate(documents, TODAY)
    disagreements = []
    for index, document in enumerate(documents):
        fmt = "sam" if document.get("Transform") else kind
        python = {(v.rule_id, v.resource) for v in evaluate(build(fmt, document), Context(dt.date.fromisoformat(TODAY)))}
        assert not isinstance(rego[index], Exception), rego[index]
        opa = {(f["id"], f["resource"]) for f in rego[index]}
        if python != opa:
            disagreements.append((index, sorted(python - opa), sorted(opa - python)))
    assert disagreements == []
