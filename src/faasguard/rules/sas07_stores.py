"""SAS-7: where secrets are stored — function environments without a customer-managed key (FG_07_03),
and secret stores configured weakly (FG_07_04). They read the `function_settings` and `secret_settings`
views (docs/model.md, "Secret stores"); the secret detection is sas07's."""
from __future__ import annotations

import re

from faasguard.model.decide import decide
from faasguard.model.secret_stores import FUNCTION, PARAMETER, SECRET
from faasguard.model.views import Setting, Views
from faasguard.rules.base import (ALTERNATIVES_DISAGREE, Context, Undecided, Violation, affected, by_resource,
                                  functions_of, rule)
from faasguard.rules.sas07 import credential, secret_name

# a resource's own name, from its id: the last label of a Terraform address (instance key dropped) or a
# logical id, less a trailing "Parameter" (it names the resource, not a reference to a secret)
_INSTANCE_KEY = re.compile(r"\[[^\]]*\]$")
_PARAMETER_SUFFIX = re.compile(r"[-_]?(ssm)?[-_]?param(eter)?s?$", re.IGNORECASE)


def _settings(records: list[Setting], kind: str, setting: str) -> list[Setting]:
    return [r for r in records if r.kind == kind and r.setting == setting]


@rule("FG_07_03", reads=("function_settings",))
def environment_without_cmk(views: Views, context: Context) -> list[Violation]:
    variables = _settings(views.function_settings, FUNCTION, "environment_variables")
    with_variables, undecided_variables = decide(variables, lambda r: r.value == "true")
    functions = {f for r in with_variables for f in r.functions}
    keys = _settings(views.function_settings, FUNCTION, "kms_key")
    unkeyed = context.decide("FG_07_03", keys, lambda r: r.value == "false" and bool(functions & set(r.functions)))
    # no key, and variables in some alternatives only: the rule is undecided there
    without_key = {f for r in keys if r.value == "false" for f in r.functions}
    context.note(Undecided("FG_07_03", r.resource, r.attribute, ALTERNATIVES_DISAGREE)
                 for r in undecided_variables if without_key & set(r.functions))
    violations = []
    for resource, records in by_resource(unkeyed).items():
        affected_functions = tuple(sorted(functions & set(functions_of(records))))
        violations.append(Violation(
            "FG_07_03", resource,
            f"environment variables are encrypted with the AWS managed key, not a customer-managed KMS key "
            f"(functions: {affected(affected_functions)}); set a KMS key ARN", affected_functions))
    return violations


def _own_name(resource: str) -> str:
    return _PARAMETER_SUFFIX.sub("", _INSTANCE_KEY.sub("", resource).rsplit(".", 1)[-1])


def _secret_parameters(records: list[Setting]) -> set[str]:
    """Parameters whose name (Name, or the resource's own name) looks secret or whose value is a credential."""
    named, _ = decide(_settings(records, PARAMETER, "name"), lambda r: secret_name(r.value))
    valued = [r for r in _settings(records, PARAMETER, "value") if credential(r.value)]
    own = [r for r in _settings(records, PARAMETER, "type") if secret_name(_own_name(r.resource))]
    return {r.resource for r in [*named, *valued, *own]}


_PROBLEMS = {
    "kms_key": "is encrypted with the AWS managed key, not a customer-managed KMS key",
    "rotation": "has no rotation configured",
    "type": "holds a secret (by its name or value) but is not a SecureString parameter",
}


@rule("FG_07_04", reads=("secret_settings",))
def weak_secret_store(views: Views, context: Context) -> list[Violation]:
    records = views.secret_settings
    secret = _secret_parameters(records)
    offending = [
        *context.decide("FG_07_04", _settings(records, SECRET, "kms_key"), lambda r: r.value == "false"),
        *context.decide("FG_07_04", _settings(records, SECRET, "rotation"), lambda r: r.value == "false"),
        *context.decide("FG_07_04", _settings(records, PARAMETER, "type"),
                        lambda r: r.resource in secret and r.value != "SecureString"),
    ]
    return [
        Violation("FG_07_04", resource,
                  f"{resource} {' and '.join(sorted({_PROBLEMS[r.setting] for r in found}))}", ())
        for resource, found in by_resource(offending).items()
    ]
