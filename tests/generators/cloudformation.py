"""Random CloudFormation and SAM templates, in the shapes people write: parameters, mappings and
conditions, resources under a Condition, `Fn::If` (known and unknown conditions, `AWS::NoValue`,
nested), `Fn::FindInMap` (known and unknown keys), SAM with and without its Transform, functions
without Properties."""
from __future__ import annotations

import random

from tests.generators.common import ACTIONS, RUNTIMES, env, statement

# Env has a default (dev), Stage has none: IsProd/IsDev are known, IsBlue and InUsEast unknown
PARAMETERS = {"RuntimeParam": {"Type": "String"}, "NoDefault": {"Type": "String"},
              "Env": {"Type": "String", "Default": "dev"}, "Stage": {"Type": "String"},
              "Everything": {"Type": "String", "Default": "*"}, "AuthParam": {"Type": "String"}}
CONDITIONS = {
    "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
    "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
    "IsBlue": {"Fn::Equals": [{"Ref": "Stage"}, "blue"]},
    "InUsEast": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
    "ProdOrBlue": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsBlue"}]},
    "DevAndBlue": {"Fn::And": [{"Condition": "IsDev"}, {"Condition": "IsBlue"}]},
    "ProdAndBlue": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsBlue"}]},
}
NO_VALUE = {"Ref": "AWS::NoValue"}
MODES = ["Active", "PassThrough"]
AUTH_TYPES = ["NONE", "AWS_IAM", "none"]


def _mappings(rng: random.Random) -> dict:
    return {
        "ByEnv": {env_name: {"Runtime": rng.choice(RUNTIMES), "Mode": rng.choice(MODES), "Auth": rng.choice(AUTH_TYPES)}
                  for env_name in ("dev", "prod")},
        "ByRegion": {region: {"Runtime": rng.choice(RUNTIMES), "Mode": rng.choice(MODES)}
                     for region in ("us-east-1", "eu-west-1")},
    }


def _choice(rng: random.Random, options: list, depth: int = 0):
    """One of `options`, or an Fn::If / Fn::FindInMap choosing between some of them."""
    if rng.random() < 0.7 or depth > 1:
        return rng.choice(options)
    branch = lambda: NO_VALUE if rng.random() < 0.15 else _choice(rng, options, depth + 1)  # noqa: E731
    return {"Fn::If": [rng.choice(list(CONDITIONS)), branch(), branch()]}


def _mapped(rng: random.Random, key: str):
    """Fn::FindInMap with a known key (Env), an unknown one (Stage, the region) or an unknown second key."""
    mapping, top = rng.choice([("ByEnv", {"Ref": "Env"}), ("ByEnv", {"Ref": "Stage"}), ("ByEnv", "prod"),
                               ("ByRegion", {"Ref": "AWS::Region"})])
    second = {"Ref": "NoDefault"} if rng.random() < 0.1 else key
    return {"Fn::FindInMap": [mapping, top, second]}


def _value(rng: random.Random, options: list, key: str, ref):
    roll = rng.random()
    if roll < 0.15:
        return ref()
    if roll < 0.3 and key:
        return _mapped(rng, key)
    return _choice(rng, options)


def _condition(rng: random.Random) -> dict:
    return {"Condition": rng.choice(list(CONDITIONS))} if rng.random() < 0.25 else {}


def _role(rng: random.Random) -> dict:
    managed = ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
    arns = [_choice(rng, managed) for _ in range(rng.randint(0, 2))]
    return {"Type": "AWS::IAM::Role", **_condition(rng), "Properties": {
        "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [statement(rng)]}}],
        "ManagedPolicyArns": arns}}


def _parameter_policy(rng: random.Random) -> dict:
    """An AWS::IAM::Policy on Role whose Action is a parameter (Default "*"), alone or in a list."""
    action = rng.choice([{"Ref": "Everything"}, [{"Ref": "Everything"}], ["s3:GetObject", {"Ref": "NoDefault"}],
                         rng.choice(ACTIONS)])
    return {"Type": "AWS::IAM::Policy", **_condition(rng), "Properties": {
        "PolicyName": "p", "Roles": [{"Ref": "Role"}],
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}}}


def _function_properties(rng: random.Random, sam: bool) -> dict:
    ref = lambda: {"Ref": rng.choice(["RuntimeParam", "NoDefault", "AWS::Region"])}  # noqa: E731
    props: dict = {"Handler": "a.b"}
    if rng.random() < 0.8:
        props["Runtime"] = _value(rng, RUNTIMES, "Runtime", ref)
    if rng.random() < 0.6:
        props["Environment"] = {"Variables": env(rng, lambda: _choice(rng, ["hunter2-not-real", "debug", NO_VALUE]))}
    if rng.random() < 0.5:
        props["Role"] = rng.choice([{"Fn::GetAtt": ["Role", "Arn"]}, {"Ref": "Role"}, "arn:aws:iam::1:role/x",
                                    {"Fn::If": ["IsProd", "arn:aws:iam::1:role/x", {"Fn::GetAtt": ["Role", "Arn"]}]}])
    mode = lambda: _value(rng, MODES, "Mode", ref)  # noqa: E731
    if sam:
        if rng.random() < 0.6:
            props["Tracing"] = _choice(rng, ["Active", "PassThrough", "Disabled", ref()])
        if rng.random() < 0.4:
            url = {"AuthType": _value(rng, AUTH_TYPES, "Auth", lambda: {"Ref": "AuthParam"})}
            props["FunctionUrlConfig"] = _choice(rng, [url, NO_VALUE]) if rng.random() < 0.3 else url
        if "Role" not in props and rng.random() < 0.6:
            props["Policies"] = rng.choice([
                "AdministratorAccess", {"Statement": [statement(rng)]},
                [{"SQSPollerPolicy": {"QueueName": "q"}}, "PowerUserAccess"],
                [_choice(rng, ["AdministratorAccess", "ReadOnlyAccess"])]])
    else:
        if rng.random() < 0.6:
            props["TracingConfig"] = rng.choice([{"Mode": mode()}, {"Fn::If": ["IsBlue", {"Mode": mode()}, NO_VALUE]}])
        props.setdefault("Role", {"Fn::GetAtt": ["Role", "Arn"]})
    return props


def cloudformation(rng: random.Random) -> dict:
    sam = rng.random() < 0.5
    resources = {"Role": _role(rng)}
    if rng.random() < 0.4:
        resources["ParamPolicy"] = _parameter_policy(rng)
    for i in range(rng.randint(1, 3)):
        kind = "AWS::Serverless::Function" if sam else "AWS::Lambda::Function"
        function = {"Type": kind, **_condition(rng), "Properties": _function_properties(rng, sam)}
        if rng.random() < 0.05:
            del function["Properties"]  # everything from Globals (SAM) or a draft (CloudFormation)
        resources[f"Fn{i}"] = function
        if not sam and rng.random() < 0.3:
            resources[f"Url{i}"] = {"Type": "AWS::Lambda::Url", **_condition(rng), "Properties": {
                "AuthType": _value(rng, AUTH_TYPES, "Auth", lambda: {"Ref": "AuthParam"}),
                "TargetFunctionArn": {"Fn::GetAtt": [f"Fn{i}", "Arn"]}}}
    parameters = {**PARAMETERS, "RuntimeParam": {"Type": "String", "Default": rng.choice(RUNTIMES)}}
    template = {"Parameters": parameters, "Mappings": _mappings(rng), "Conditions": CONDITIONS, "Resources": resources}
    if sam:
        if rng.random() < 0.8:  # without it, AWS::Serverless::* resources still make it a SAM template
            template["Transform"] = "AWS::Serverless-2016-10-31"
        if rng.random() < 0.5:
            template["Globals"] = {"Function": {"Runtime": rng.choice(RUNTIMES), "Tracing": _choice(rng, MODES),
                                                "Environment": {"Variables": env(rng, lambda: {"Ref": "NoDefault"})}}}
    return template
