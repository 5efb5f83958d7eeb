"""Terraform modules and plans → function KMS keys (function_settings) and secret stores (secret_settings):
docs/model.md, "Secret stores". The twin is rego/faasguard/lib/terraform/secret_stores.rego, fed by the
adapters' secret_stores.rego (which hand it, for a module, each resource's block as written: `written`).
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.secret_stores import FUNCTION, PARAMETER, SECRET, key_flag, name_pattern, variables_flag
from faasguard.model.terraform import CONDITIONAL, Index, TfResource
from faasguard.model.values import UNKNOWN, Alternatives, choice_of, get_path
from faasguard.model.views import ABSENT

UNSETTLED_CHOICE = "a conditional the files do not settle chooses whether a key is set"


def add_views(index: Index, builder: ViewBuilder) -> None:
    for function in index.of_type("aws_lambda_function"):
        _key(builder, "function_settings", function, FUNCTION, "kms_key_arn")
        builder.setting("function_settings", function.address, FUNCTION, "environment_variables",
                        _has_variables(function), [function.address], function.as_written("environment"))
    rotated, open_rotations = _rotations(index)
    for secret in index.of_type("aws_secretsmanager_secret"):
        _key(builder, "secret_settings", secret, SECRET, "kms_key_id")
        if secret.address in rotated or not open_rotations:
            builder.setting("secret_settings", secret.address, SECRET, "rotation",
                            "true" if secret.address in rotated else "false")
        else:
            builder.unknown_because(secret.address, "secret_settings", "rotation",
                                    f"{open_rotations[0]} rotates a secret only deployment settles", [])
    for parameter in index.of_type("aws_ssm_parameter"):
        _parameter(builder, parameter)


def _key(builder: ViewBuilder, view: str, resource: TfResource, kind: str, attribute: str) -> None:
    """`kms_key`: set to anything (a reference, a variable) is "true"; a conditional the files do not
    settle is unknown unless its branches are literals (alternatives)."""
    value = resource.value(attribute)
    functions = [resource.address] if kind == FUNCTION else []
    written = resource.as_written(attribute)
    if value is UNKNOWN and isinstance(written, str) and CONDITIONAL.fullmatch(written):
        builder.unknown_because(resource.address, view, "kms_key", UNSETTLED_CHOICE, functions)
        return
    if isinstance(value, Alternatives):
        flag = choice_of([m if m is UNKNOWN else key_flag(m) for m in value.values])
    else:
        flag = key_flag(value)
    builder.setting(view, resource.address, kind, "kms_key", flag, functions)


def _has_variables(function: TfResource) -> Any:
    """Whether the environment block has variables (their values may be unknown: the names are known)."""
    if function.value("environment") is UNKNOWN or get_path(function.unknown, "environment", 0, "variables") is True:
        return UNKNOWN
    written = function.as_written("environment") if function.written is not None else function.value("environment")
    blocks = written if isinstance(written, list) else [written]
    variables = [b.get("variables") for b in blocks if isinstance(b, dict) and b.get("variables") is not None]
    if not variables:
        return "false"
    found = variables[0][0] if isinstance(variables[0], list) and variables[0] else variables[0]
    return variables_flag(found)


def _rotations(index: Index) -> tuple[set[str], list[str]]:
    """(the secrets an aws_secretsmanager_secret_rotation names — by reference, or by a known name or
    ARN —, the rotations whose secret only deployment settles)."""
    ids = [(v, s.address) for s in index.of_type("aws_secretsmanager_secret")
           for v in (s.value("name"), s.value("arn")) if isinstance(v, str)]
    rotated, open_rotations = set(), []
    for rotation in sorted(index.of_type("aws_secretsmanager_secret_rotation"), key=lambda r: r.address):
        found = {s.address for s in index.referenced(rotation, "secret_id", "aws_secretsmanager_secret")}
        secret_id = rotation.value("secret_id")
        found |= {address for v, address in ids if v == secret_id}
        rotated |= found
        if not found and not isinstance(secret_id, str):
            open_rotations.append(rotation.address)
    return rotated, open_rotations


def _parameter(builder: ViewBuilder, parameter: TfResource) -> None:
    address = parameter.address
    kind = parameter.value("type")
    builder.setting("secret_settings", address, PARAMETER, "type", ABSENT if kind is None else kind,
                    written=parameter.as_written("type"))
    name = parameter.value("name")
    if name is UNKNOWN:
        name = name_pattern(parameter.as_written("name"))
    builder.setting("secret_settings", address, PARAMETER, "name", ABSENT if name is None else name,
                    written=parameter.as_written("name"))
    for attribute in ("value", "insecure_value"):
        value = parameter.value(attribute)
        if isinstance(value, str):
            builder.setting("secret_settings", address, PARAMETER, "value", value)
