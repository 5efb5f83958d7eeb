"""What the secret-store adapters share (docs/model.md, "Secret stores"): the kinds and settings they
write, how a key setting is read, and how a name some of whose parts only deployment settles is kept.
The Rego twins are rego/faasguard/lib/cloudformation_secret_stores and lib/terraform/secret_stores.rego."""
from __future__ import annotations

import re
from typing import Any

from faasguard.model.values import UNKNOWN, Marker

FUNCTION = "function"  # function_settings: kms_key, environment_variables
SECRET = "secret"  # secret_settings: kms_key, rotation
PARAMETER = "ssm_parameter"  # secret_settings: type, name, value
# an expression or variable inside a string: `${var.env}`, `${AWS::StackName}`, `${opt:stage}`
EXPRESSION = re.compile(r"\$\{[^}]*\}")
_WHOLE_EXPRESSION = re.compile(r"^\$\{[^}]*\}$")


def key_flag(member: Any, unset: tuple = ()) -> Any:
    """Whether a key setting (a KMS key ARN, id or alias) is set: "false" when absent, null, empty or
    false (or one of the `unset` markers), else "true" whatever it names — a reference or a value
    only deployment settles is a key someone chose."""
    if member is None or member is False or member == "" or any(member is m for m in unset):
        return "false"
    return "true"


def variables_flag(member: Any, unset: tuple[Marker, ...] = ()) -> Any:
    """Whether an environment's variables map has variables: "true" for a map with a key (whatever
    its values), "false" when absent or empty, UNKNOWN for anything else (a map only deployment
    settles)."""
    if member is None or any(member is m for m in unset):
        return "false"
    if isinstance(member, dict):
        return "true" if member else "false"
    return UNKNOWN


def name_pattern(written: Any) -> Any:
    """A name as written whose `${…}` parts only deployment settles: those parts as `*` (the literal
    parts are settled, and they are what makes a name look secret); UNKNOWN when it is one
    expression and nothing else."""
    if not isinstance(written, str) or "${" not in written:
        return written if isinstance(written, str) else UNKNOWN
    return UNKNOWN if _WHOLE_EXPRESSION.match(written) else EXPRESSION.sub("*", written)
