"""Random Terraform modules as the loader feeds them (conftest's HCL shape, values settled)."""
from __future__ import annotations

import random

from tests.generators.common import RUNTIMES, env, statement


def terraform(rng: random.Random) -> dict:
    """A module as the loader feeds it (conftest's HCL shape, values settled)."""
    resources: dict = {"aws_iam_role": {"r": [{"name": "r", "inline_policy": [
        {"name": "p", "policy": '{"Statement": [%s]}' % str(statement(rng)).replace("'", '"')}]}]}}
    functions = {}
    for i in range(rng.randint(1, 3)):
        fn = {"function_name": f"f{i}", "role": rng.choice(["${aws_iam_role.r.arn}", "arn:aws:iam::1:role/x"])}
        if rng.random() < 0.8:
            fn["runtime"] = rng.choice([*RUNTIMES, "${var.nodefault}"])
        if rng.random() < 0.5:
            fn["tracing_config"] = [{"mode": rng.choice(["Active", "PassThrough", "${var.mode}"])}]
        if rng.random() < 0.6:
            fn["environment"] = [{"variables": env(rng, lambda: "${aws_secretsmanager_secret.s.arn}")}]
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
