"""What every generator shares: the values each rule reads, and statements."""
from __future__ import annotations

import random

RUNTIMES = ["python3.8", "python3.13", "nodejs16.x", "nodejs22.x", "go1.x", "java21", "provided.al2023"]
ENV_NAMES = ["DB_PASSWORD", "API_KEY", "apiKey", "LOG_LEVEL", "TOKEN_TTL", "SECRET_ARN", "db-pass", "AUTH",
             "GITHUB_TOKEN", "DATABASE_URL", "FEATURE_AUTH_ENABLED", "REGION"]
ENV_VALUES = ["hunter2-not-real", "3600", "true", "False", "debug", "arn:aws:secretsmanager:us-east-1:1:secret:x",
              "AKIAIOSFODNN7EXAMPLE", "postgres://app:pw@db:5432/app", "abc", "eyJhbGciOi.eyJzdWIiOi.sig",
              "{{resolve:secretsmanager:db}}", "${env:SECRET}", "sk_live_0123456789abcdefghij", "", 8080, 31.5,
              True, 123456789]
ACTIONS = ["*", "s3:*", "*:*", "dynamodb:GetItem", ["s3:GetObject", "*"], ["sqs:SendMessage"]]


def env(rng: random.Random, intrinsic) -> dict:
    values = {}
    for name in rng.sample(ENV_NAMES, rng.randint(0, 4)):
        values[name] = intrinsic() if rng.random() < 0.15 else rng.choice(ENV_VALUES)
    return values


def statement(rng: random.Random) -> dict:
    statement = {"Effect": rng.choice(["Allow", "allow", "Deny"]), "Resource": "*"}
    if rng.random() < 0.2:
        statement["NotAction"] = rng.choice(["iam:*", ["iam:*", "organizations:*"]])
    else:
        statement["Action"] = rng.choice(ACTIONS)
    return statement
