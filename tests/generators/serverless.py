"""Random serverless.yml documents (parsed), in the shapes people write."""
from __future__ import annotations

import random

from tests.generators.common import RUNTIMES, env, statement


def serverless(rng: random.Random) -> dict:
    var = lambda: rng.choice(["${self:custom.runtime}", "${opt:stage, 'dev'}", "${env:X}", "${ssm:/a/b}"])  # noqa: E731
    provider = {"name": "aws"}
    if rng.random() < 0.7:
        provider["runtime"] = var() if rng.random() < 0.2 else rng.choice(RUNTIMES)
    if rng.random() < 0.5:
        provider["tracing"] = {"lambda": rng.choice([True, False, "Active", "PassThrough"])}
    if rng.random() < 0.5:
        provider["environment"] = env(rng, var)
    if rng.random() < 0.6:
        provider["iam"] = {"role": rng.choice([{"statements": [statement(rng)]}, "arn:aws:iam::1:role/x",
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
            fn["environment"] = env(rng, var)
        if rng.random() < 0.2:
            fn["iamRoleStatements"] = [statement(rng)]
        if rng.random() < 0.15:
            fn["role"] = "arn:aws:iam::1:role/own"
        functions[f"fn{i}"] = fn
    return {"service": "svc", "custom": {"runtime": rng.choice(RUNTIMES)}, "provider": provider, "functions": functions}
