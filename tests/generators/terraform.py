"""Random Terraform modules as the loader feeds them (conftest's HCL shape, values settled): what the
files do not settle is a "${…}" string, an unsettled conditional is `${c ? <JSON> : <JSON>}`, a
`dynamic` block the loader could not expand stays under `dynamic` (docs/formats/terraform.md)."""
from __future__ import annotations

import json
import random

from tests.generators.common import RUNTIMES, env, statement

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
MODES = ["Active", "PassThrough"]


def _conditional(rng: random.Random, values: list) -> str:
    """A conditional on an unknown condition, its branches as the loader writes them."""
    branches = [json.dumps(rng.choice(values)) if rng.random() < 0.85 else rng.choice(["null", "var.other"])
                for _ in range(2)]
    return "${var.prod ? %s : %s}" % tuple(branches)


def _maybe(rng: random.Random, values: list, unknown: str = "${var.nodefault}"):
    """A known value, a conditional between known values, or an unknown expression."""
    draw = rng.random()
    return rng.choice(values) if draw < 0.6 else _conditional(rng, values) if draw < 0.85 else unknown


def _existence(rng: random.Random) -> dict:
    return rng.choice([{}, {}, {}, {"count": 0}, {"count": 2}, {"for_each": {}}, {"for_each": []},
                       {"count": "${var.prod ? 1 : 0}"}, {"for_each": "${var.nodefault}"},
                       {"for_each": {"a": "${aws_iam_role.r.name}"}}, {"for_each": ["${aws_iam_role.r.arn}"]}])


def _policy(rng: random.Random) -> str:
    """A policy document, some of whose parts may be unknown ("${…}" strings inside the JSON)."""
    document = {"Statement": [statement(rng)]}
    if rng.random() < 0.3:
        document["Statement"][0]["Resource"] = "${aws_s3_bucket.b.arn}"
    if rng.random() < 0.15:
        document["Statement"].append({"Effect": "Allow", "Action": ["${var.nodefault}", "s3:GetObject"],
                                      "NotAction": rng.choice(["${var.nodefault}", []])})
    return json.dumps(document)


def _function(rng: random.Random, index: int) -> dict:
    fn = {"function_name": f"f{index}", **_existence(rng),
          "role": rng.choice(["${aws_iam_role.r.arn}", "arn:aws:iam::1:role/x", "arn:aws:iam::123456789012:role/r"])}
    if rng.random() < 0.8:
        fn["runtime"] = _maybe(rng, RUNTIMES)
    if rng.random() < 0.2:
        fn["package_type"] = _maybe(rng, ["Image", "Zip"])
    if rng.random() < 0.5:
        fn["tracing_config"] = [{"mode": _maybe(rng, MODES, "${var.mode}")}]
    if rng.random() < 0.15:
        unexpanded = {"for_each": "${var.modes}", "content": [{"mode": "${tracing_config.value}"}]}
        fn["dynamic"] = [{"tracing_config": unexpanded}]
    if rng.random() < 0.6:
        variables = env(rng, lambda: "${aws_secretsmanager_secret.s.arn}")
        if variables and rng.random() < 0.3:
            variables[next(iter(variables))] = _conditional(rng, ["hunter2-not-real", "debug", True, 8080])
        fn["environment"] = [{"variables": [variables]}]
    return fn


def _iam(rng: random.Random, resources: dict) -> None:
    if rng.random() < 0.4:
        resources["aws_iam_role_policy_attachment"] = {"a": [{
            "role": rng.choice(["${aws_iam_role.r.name}", "r"]),
            "policy_arn": rng.choice([ADMIN, _conditional(rng, [ADMIN, READ_ONLY]), "${data.aws_iam_policy.p.arn}"])}]}
    if rng.random() < 0.3:
        resources["aws_iam_role_policy"] = {"p": [{"name": "p", "role": rng.choice(["${aws_iam_role.r.id}", "other"]),
                                                   "policy": _policy(rng), **_existence(rng)}]}
        if rng.random() < 0.5:
            resources["aws_iam_role_policies_exclusive"] = {"e": [{
                "role_name": "${aws_iam_role.r.name}", "policy_names": ["${aws_iam_role_policy.p.name}"]}]}
    if rng.random() < 0.3:
        resources["aws_iam_role_policy_attachments_exclusive"] = {"x": [{
            "role_name": "${aws_iam_role.r.name}",
            "policy_arns": [rng.choice([ADMIN, READ_ONLY]), _conditional(rng, [ADMIN, READ_ONLY])]}]}


def terraform(rng: random.Random) -> dict:
    """A module as the loader feeds it (conftest's HCL shape, values settled)."""
    role = {"name": "r", "inline_policy": [{"name": "p", "policy": _policy(rng)}], **_existence(rng)}
    if rng.random() < 0.3:
        role["managed_policy_arns"] = [_maybe(rng, [ADMIN, READ_ONLY])]
    resources: dict = {"aws_iam_role": {"r": [role]}}
    functions = {}
    for i in range(rng.randint(1, 3)):
        functions[f"f{i}"] = [_function(rng, i)]
        if rng.random() < 0.3:
            resources.setdefault("aws_lambda_function_url", {})[f"u{i}"] = [{
                "function_name": f"${{aws_lambda_function.f{i}.function_name}}",
                "authorization_type": _maybe(rng, ["NONE", "AWS_IAM"])}]
    resources["aws_lambda_function"] = functions
    _iam(rng, resources)
    policy = rng.choice([{"name": "AdministratorAccess"}, {"arn": READ_ONLY}, {"name": "${var.nodefault}"}])
    return {"resource": resources, "data": {"aws_iam_policy": {"p": [policy]}},
            "variable": {"nodefault": [{}], "prod": [{}], "mode": [{}], "modes": [{}], "other": [{}]}}
