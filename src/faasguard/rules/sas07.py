"""SAS-7: insecure application secrets storage — secrets in function environments (FG_07_01, FG_07_02),
the keys and stores that hold them (FG_07_03, FG_07_04), payloads written to logs (FG_07_05), who may
read every secret (FG_07_06) and secrets written as defaults (FG_07_07). What looks like a secret is
faasguard.model.secret_detection; the Rego twins are rego/faasguard/rules/fg_07_*."""
from __future__ import annotations

import re

from faasguard.model.decide import decide
from faasguard.model.iam import SECRET_READS, unscoped_grants
from faasguard.model.secret_detection import beside_access_key, credential, is_secret_literal, secret_name
from faasguard.model.secret_stores import FUNCTION, PARAMETER, SECRET
from faasguard.model.views import Setting, Views
from faasguard.rules.base import (ALTERNATIVES_DISAGREE, Context, Undecided, Violation, affected, by_resource,
                                  functions_of, rule, statement_findings)

# a resource's own name, from its id: the last label of a Terraform address (instance key dropped) or a
# logical id, less a trailing "Parameter" (it names the resource, not a reference to a secret)
_INSTANCE_KEY = re.compile(r"\[[^\]]*\]$")
_PARAMETER_SUFFIX = re.compile(r"[-_]?(ssm)?[-_]?param(eter)?s?$", re.IGNORECASE)


def _settings(records: list[Setting], kind: str, setting: str) -> list[Setting]:
    return [r for r in records if r.kind == kind and r.setting == setting]


def _names(records) -> str:
    return ", ".join(sorted({r.name for r in records}))


@rule("FG_07_01", reads=("environment",))
def plaintext_secret(views: Views, context: Context) -> list[Violation]:
    beside = beside_access_key(views.environment)
    secrets = context.decide("FG_07_01", views.environment,
                             lambda r: r in beside or is_secret_literal(r.name, r.value))
    return [
        Violation("FG_07_01", resource,
                  f"plaintext secret in environment variable(s) {_names(records)} "
                  f"(functions: {affected(functions_of(records))}); read it from Secrets Manager or SSM at run time",
                  functions_of(records))
        for resource, records in by_resource(secrets).items()
    ]


def _resolved_secrets(views: Views) -> list:
    return [s for s in views.secret_settings if s.kind == "environment" and s.value in ("secretsmanager", "ssm")]


@rule("FG_07_02", reads=("secret_settings:environment*",))
def deploy_time_secret(views: Views, context: Context) -> list[Violation]:
    secrets = context.decide("FG_07_02", _resolved_secrets(views), lambda s: True)
    return [
        Violation("FG_07_02", resource,
                  f"{resource} resolves a secret at deployment into plaintext environment: "
                  f"{', '.join(sorted({s.setting for s in records}))} "
                  f"(functions: {affected(functions_of(records))}); pass the secret's ARN or name and read it at run time",
                  functions_of(records))
        for resource, records in by_resource(secrets).items()
    ]


# reads the key's unknowns; an unknown variables map matters only where no key is set (noted below)
@rule("FG_07_03", reads=("function_settings:kms_key",))
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
    context.note(Undecided("FG_07_03", u.resource, u.attribute, u.why) for u in views.unknowns
                 if u.view == "function_settings" and u.attribute == "environment_variables"
                 and without_key & set(u.functions))
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


@rule("FG_07_04", reads=("secret_settings:kms_key", "secret_settings:rotation", "secret_settings:type",
                          "secret_settings:name", "secret_settings:value"))
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


@rule("FG_07_05", reads=("api_settings:data_trace", "api_settings:log_level",
                          "api_settings:include_execution_data"))
def payload_logging(views: Views, context: Context) -> list[Violation]:
    traced = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "data_trace"],
                            lambda s: s.value == "true")
    logging = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "log_level"],
                             lambda s: s.value != "OFF")
    logged = {s.resource for s in logging}
    included = context.decide("FG_07_05", [s for s in views.api_settings if s.setting == "include_execution_data"],
                              lambda s: s.value == "true" and s.resource in logged)
    found = {r.resource: "logs full request and response data (data trace)" for r in traced}
    found.update({r.resource: "logs execution data (inputs and outputs)" for r in included})
    return [Violation("FG_07_05", resource, f"{resource} {what}; turn it off so payloads and secrets stay out of logs",
                      ()) for resource, what in sorted(found.items())]


@rule("FG_07_06", reads=("policy_statements",))
def unscoped_secret_reads(views: Views, context: Context) -> list[Violation]:
    return statement_findings(
        "FG_07_06", views.policy_statements, lambda s: unscoped_grants(s, SECRET_READS),
        "lets the function read every secret, parameter or key (Resource * or a wildcard ARN) through",
        "name the secrets, parameters and keys the function reads")


# the name a Serverless value is known by: its path without `custom.`, `params.<stage>.` or
# `stages.<stage>.params.` (a stage named `auth` says nothing about the value); rego: fg_07_07 _name
_VALUE_PATH_PREFIX = re.compile(r"^(custom\.|params\.[^.]+\.|stages\.[^.]+\.params\.)")
_DEFAULT_KINDS = {"parameter": "parameter ", "variable": "variable ", "custom": ""}  # kind -> label


def default_name(setting: str) -> str:
    return _VALUE_PATH_PREFIX.sub("", setting)


# reads no value for undecided notices: its records are literal defaults, never unknown
@rule("FG_07_07", reads=())
def secret_default(views: Views, context: Context) -> list[Violation]:
    defaults = [s for s in views.secret_settings if s.kind in _DEFAULT_KINDS]
    secrets = context.decide("FG_07_07", defaults, lambda s: is_secret_literal(default_name(s.setting), s.value))
    return [
        Violation("FG_07_07", resource,
                  f"{resource} uses a secret written as a default in the files: "
                  f"{', '.join(sorted({_DEFAULT_KINDS[s.kind] + s.setting for s in records}))} "
                  f"(functions: {affected(functions_of(records))}); remove the default and pass the secret at "
                  f"deployment (NoEcho / sensitive), or read it from Secrets Manager or SSM at run time",
                  functions_of(records))
        for resource, records in by_resource(secrets).items()
    ]
