"""CloudFormation and SAM templates → function KMS keys (function_settings) and secret stores
(secret_settings): docs/model.md, "Secret stores".

`resource_views` reads the plain types of any Template (Secrets Manager secrets and their rotation
schedules, SSM parameters), so that Serverless `resources.Resources` is read the same way. The twin is
rego/faasguard/lib/cloudformation_secret_stores, exposed by adapters/{cloudformation,sam,serverless}/secret_stores.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, Template
from faasguard.model.secret_stores import FUNCTION, PARAMETER, SECRET, key_flag, name_pattern, variables_flag
from faasguard.model.values import UNKNOWN, choice_of, intrinsic, is_map
from faasguard.model.views import ABSENT

SECRET_TYPE = "AWS::SecretsManager::Secret"
ROTATION_TYPE = "AWS::SecretsManager::RotationSchedule"
PARAMETER_TYPE = "AWS::SSM::Parameter"


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """`functions`: logical id → (type, effective properties: SAM's merged with Globals.Function)."""
    for rid, (_, props) in functions.items():
        function_views(template, builder, rid, props)
    resource_views(template, builder)


def function_views(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    """`kms_key` (KmsKeyArn) and `environment_variables` (Environment.Variables) of one function."""
    builder.setting("function_settings", rid, FUNCTION, "kms_key", _key(template, props, "KmsKeyArn"), [rid])
    variables = choice_of([variables_flag(m, (NO_VALUE,))
                           for m in template.alternatives_at(props, "Environment", "Variables")])
    written = props.get("Environment")
    builder.setting("function_settings", rid, FUNCTION, "environment_variables", variables, [rid],
                    written.get("Variables") if is_map(written) else written)


def resource_views(template: Template, builder: ViewBuilder) -> None:
    """The secrets (key, rotation) and SSM parameters (type, name, value) a template declares."""
    rotated, open_rotations = _rotations(template)
    for rid in template.of_type(SECRET_TYPE):
        props = template.properties(rid)
        builder.setting("secret_settings", rid, SECRET, "kms_key", _key(template, props, "KmsKeyId"))
        if rid in rotated or not open_rotations:
            builder.setting("secret_settings", rid, SECRET, "rotation", "true" if rid in rotated else "false")
        else:
            builder.unknown_because(rid, "secret_settings", "rotation",
                                    f"rotation schedule {open_rotations[0]} names a secret only deployment settles", [])
    for rid in template.of_type(PARAMETER_TYPE):
        _parameter(template, builder, rid, template.properties(rid))


def _key(template: Template, props: dict[str, Any], key: str) -> Any:
    """Whether a key property is set, per alternative (secret_stores.key_flag)."""
    return choice_of([key_flag(m, (NO_VALUE,)) for m in template.alternatives_at(props, key)])


def _rotations(template: Template) -> tuple[set[str], list[str]]:
    """(the secrets a rotation schedule of the template names, the schedules whose secret only
    deployment settles): `Ref`/`GetAtt`/`Sub` of a secret, or its known Name."""
    names = [(template.known(template.properties(rid).get("Name")), rid) for rid in template.of_type(SECRET_TYPE)]
    rotated, open_rotations = set(), []
    for rid in sorted(template.of_type(ROTATION_TYPE)):
        written = template.branch(template.properties(rid).get("SecretId"))
        found = template.referenced_resources(written, SECRET_TYPE)
        known = template.known(written) if written is not UNKNOWN else None
        found |= {secret for name, secret in names if isinstance(known, str) and name == known}
        rotated |= found
        if not found and not isinstance(known, str):
            open_rotations.append(rid)
    return rotated, open_rotations


def _parameter(template: Template, builder: ViewBuilder, rid: str, props: dict[str, Any]) -> None:
    kind = choice_of([ABSENT if m is NO_VALUE else m if isinstance(m, str) else UNKNOWN
                      for m in template.alternatives_at(props, "Type")])
    builder.setting("secret_settings", rid, PARAMETER, "type", kind, written=props.get("Type"))
    builder.setting("secret_settings", rid, PARAMETER, "name", _name(template, props.get("Name")),
                    written=props.get("Name"))
    value = template.known(props.get("Value"))
    if isinstance(value, str):
        builder.setting("secret_settings", rid, PARAMETER, "value", value)


def _name(template: Template, written: Any) -> Any:
    """The Name, ABSENT when unset (CloudFormation generates one). When it settles to one string or
    `Fn::Sub`, variables only deployment settles keep its literal parts (secret_stores.name_pattern);
    else each alternative is a known string, ABSENT or UNKNOWN."""
    leaf = template.branch(written)
    call = intrinsic(leaf)
    if call and call[0] == "Fn::Sub":
        return name_pattern(call[1][0] if isinstance(call[1], list) and call[1] else call[1])
    if isinstance(leaf, str) and "${" in leaf:
        return name_pattern(leaf)
    return choice_of([ABSENT if m is NO_VALUE or m is None else m if isinstance(m, str) else UNKNOWN
                      for m in template.alternatives(written)])
