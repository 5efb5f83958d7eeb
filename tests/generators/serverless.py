"""Random serverless.yml documents (parsed), in the shapes people write. Includes (`${file(...)}`)
are resolved by the loader before either engine reads a document, so they never appear here."""
from __future__ import annotations

import random

from tests.generators.common import RUNTIMES, env, statement

TRACING = [True, False, "Active", "PassThrough", "", None, "${self:custom.tracing}", "${env:TRACING}"]
# provider.tracing as written: a map with or without `lambda`, or a bare value the Framework ignores for Lambda
PROVIDER_TRACING = [{"lambda": True}, {"lambda": False}, {"lambda": "Active"}, {"lambda": "PassThrough"},
                    {"lambda": None}, {"apiGateway": True}, {"lambda": "${self:custom.tracing}"}, True, False,
                    "${self:custom.providerTracing}", "${opt:tracing}"]


def _custom(rng: random.Random) -> dict:
    """`custom` values the provider and functions refer to, some through a chain of `${self:}`."""
    runtime = rng.choice(RUNTIMES)
    return {
        "runtime": rng.choice([runtime, "${self:custom.baseRuntime}", "${self:custom.missing, 'nodejs16.x'}"]),
        "baseRuntime": rng.choice([runtime, "${self:custom.stageRuntime}"]),
        "stageRuntime": rng.choice(RUNTIMES + ["${env:RUNTIME}"]),
        "tracing": rng.choice([True, False, "Active", "PassThrough", "${self:custom.tracingMode}"]),
        "tracingMode": rng.choice(["Active", "PassThrough", False]),
        "providerTracing": rng.choice([{"lambda": True}, {"lambda": "${self:custom.tracing}"}, True]),
        "token": rng.choice(["tok-0123456789", "${self:custom.secret}", "${ssm:/token}"]),
        "secret": "sk_live_0123456789abcdefghij",
    }


def _function(rng: random.Random, var) -> dict | None:
    if rng.random() < 0.1:
        return None  # `f:` with no body: the Framework deploys no function
    fn: dict = {"handler": "h.h"}
    if rng.random() < 0.15:
        fn = {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"}
    if rng.random() < 0.3:
        fn["runtime"] = rng.choice(RUNTIMES + ["${self:custom.runtime}"])
    if rng.random() < 0.4:
        fn["tracing"] = rng.choice(TRACING)
    if rng.random() < 0.3:
        fn["url"] = rng.choice([True, {"cors": True}, {"authorizer": "aws_iam"}, {"authorizer": None},
                                {"Fn::If": ["Public", True, False]}])
    if rng.random() < 0.4:
        fn["environment"] = env(rng, var)
    if rng.random() < 0.2:
        fn["iamRoleStatements"] = [statement(rng)]
    if rng.random() < 0.15:
        fn["role"] = rng.choice(["arn:aws:iam::1:role/own", None, {"Fn::GetAtt": ["OwnRole", "Arn"]}])
    return fn


def serverless(rng: random.Random) -> dict:
    var = lambda: rng.choice(["${self:custom.runtime}", "${opt:stage, 'dev'}", "${env:X}", "${ssm:/a/b}",  # noqa: E731
                              "${self:custom.token}"])
    provider = {"name": "aws"}
    if rng.random() < 0.7:
        provider["runtime"] = var() if rng.random() < 0.2 else rng.choice(RUNTIMES + ["${self:custom.runtime}"])
    if rng.random() < 0.6:
        provider["tracing"] = rng.choice(PROVIDER_TRACING)
    if rng.random() < 0.5:
        provider["environment"] = env(rng, var)
    if rng.random() < 0.6:
        provider["iam"] = {"role": rng.choice([{"statements": [statement(rng)]}, "arn:aws:iam::1:role/x",
                                               {"managedPolicies": ["arn:aws:iam::aws:policy/AdministratorAccess"]},
                                               {"Fn::GetAtt": ["SharedRole", "Arn"]}, None])}
    if rng.random() < 0.3:
        provider["iamRoleStatements"] = [statement(rng)]
    if rng.random() < 0.1:
        provider["role"] = rng.choice([None, "arn:aws:iam::1:role/legacy"])
    functions = {f"fn{i}": _function(rng, var) for i in range(rng.randint(1, 4))}
    return {"service": "svc", "custom": _custom(rng), "provider": provider, "functions": functions}
