"""SAM policy templates (`DynamoDBCrudPolicy: {TableName: orders}`) expanded into the IAM statements SAM
writes for them (mirrors rego/faasguard/lib/iam/sam_policy_templates.rego). The templates are the ones
aws-sam-translator ships, from the generated IAM data."""
from __future__ import annotations

import re
from typing import Any

from faasguard.model import iam, iam_data

# Pseudo parameters as a template for any account and region says them.
PSEUDO_PARAMETERS = {"AWS::Partition": "aws", "AWS::Region": "*", "AWS::AccountId": "*"}
_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_STARS = re.compile(r"\*+")


def sam_policy_template(name: str, parameters: Any) -> list[dict[str, Any]] | None:
    """The statements ({Effect, Action, Resource}) of the SAM policy template `name` with `parameters`
    (name -> known string, or None when unknown) substituted; None when `name` is no SAM template.
    A Resource entry that depends on an unknown or missing parameter is left out: it names a resource
    chosen at deployment. So is an unscoped entry of a statement with a Condition: the template names the
    resource there (AWSSecretsManagerRotationPolicy grants `secret:*` only for the secrets whose
    rotation function is this one). Region and account are `*`, the partition `aws`; runs of `*` count
    as one."""
    template = iam_data.sam_policy_templates().get(name)
    if template is None:
        return None
    known = parameters if isinstance(parameters, dict) else {}
    return [_expand_statement(statement, known) for statement in template["statements"]]


def _expand_statement(statement: dict[str, Any], parameters: dict[str, Any]) -> dict[str, Any]:
    entries = statement.get("Resource", [])
    entries = entries if isinstance(entries, list) else [entries]
    resolved = (_template_value(entry, parameters) for entry in entries)
    known = [_STARS.sub("*", value) for value in resolved if value is not None]
    if "Condition" in statement:
        known = [value for value in known if not iam.is_unscoped(value)]
    return {"Effect": statement["Effect"], "Action": statement["Action"], "Resource": known}


# The shapes the templates use, resolved without recursion to stay identical to the Rego engine (which has
# none): a value is a leaf (a string or a Ref), an Fn::Sub whose variables are leaves, or an Fn::Join of
# leaves and such Fn::Subs. None means unknown.
def _template_value(value: Any, parameters: dict[str, Any]) -> str | None:
    if isinstance(value, dict) and "Fn::Join" in value:
        return _join_value(value["Fn::Join"], parameters)
    return _leaf_or_sub(value, parameters)


def _leaf_or_sub(value: Any, parameters: dict[str, Any]) -> str | None:
    if isinstance(value, dict) and "Fn::Sub" in value:
        return _sub_value(value["Fn::Sub"], parameters)
    return _leaf_value(value, parameters)


def _join_value(arguments: Any, parameters: dict[str, Any]) -> str | None:
    if not (isinstance(arguments, list) and len(arguments) == 2 and isinstance(arguments[0], str)
            and isinstance(arguments[1], list)):
        return None
    parts = [_leaf_or_sub(item, parameters) for item in arguments[1]]
    return None if None in parts else arguments[0].join(parts)


def _leaf_value(value: Any, parameters: dict[str, Any]) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Ref" in value:
        return _named_value(value["Ref"], parameters)
    return None


def _sub_value(arguments: Any, parameters: dict[str, Any]) -> str | None:
    if isinstance(arguments, str):
        return _substitute(arguments, {}, parameters)
    if isinstance(arguments, list) and len(arguments) >= 2 and isinstance(arguments[1], dict):
        return _substitute(arguments[0], arguments[1], parameters)
    return None


def _substitute(text: Any, variables: dict[str, Any], parameters: dict[str, Any]) -> str | None:
    """`${name}` replaced by its variable (a leaf), pseudo parameter or parameter; None if any is unknown."""
    if not isinstance(text, str):
        return None
    values = {}
    for name in set(_VARIABLE.findall(text)):
        value = _leaf_value(variables[name], parameters) if name in variables else _named_value(name, parameters)
        if value is None:
            return None
        values[name] = value
    return _VARIABLE.sub(lambda match: values[match.group(1)], text)


def _named_value(name: Any, parameters: dict[str, Any]) -> str | None:
    if isinstance(name, str) and name in PSEUDO_PARAMETERS:
        return PSEUDO_PARAMETERS[name]
    value = parameters.get(name) if isinstance(name, str) else None
    return value if isinstance(value, str) else None
