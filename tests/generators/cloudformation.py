"""Random CloudFormation and SAM templates, in the shapes people write."""
from __future__ import annotations

import random

from tests.generators.common import RUNTIMES, env, statement


def cloudformation(rng: random.Random) -> dict:
    sam = rng.random() < 0.5
    ref = lambda: {"Ref": rng.choice(["RuntimeParam", "NoDefault", "AWS::Region"])}  # noqa: E731
    resources = {"Role": {"Type": "AWS::IAM::Role", "Properties": {
        "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [statement(rng)]}}],
        "ManagedPolicyArns": rng.sample(["arn:aws:iam::aws:policy/AdministratorAccess",
                                         "arn:aws:iam::aws:policy/ReadOnlyAccess"], rng.randint(0, 2))}}}
    for i in range(rng.randint(1, 3)):
        props = {"Handler": "a.b"}
        if rng.random() < 0.8:
            props["Runtime"] = ref() if rng.random() < 0.2 else rng.choice(RUNTIMES)
        if rng.random() < 0.6:
            props["Environment"] = {"Variables": env(rng, ref)}
        if rng.random() < 0.5:
            props["Role"] = rng.choice([{"Fn::GetAtt": ["Role", "Arn"]}, {"Ref": "Role"}, "arn:aws:iam::1:role/x"])
        if sam:
            if rng.random() < 0.6:
                props["Tracing"] = rng.choice(["Active", "PassThrough", "Disabled", ref()])
            if rng.random() < 0.4:
                props["FunctionUrlConfig"] = {"AuthType": rng.choice(["NONE", "AWS_IAM"])}
            if "Role" not in props and rng.random() < 0.6:
                props["Policies"] = rng.choice(["AdministratorAccess", {"Statement": [statement(rng)]},
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
                                                "Environment": {"Variables": env(rng, ref)}}}
    return template
