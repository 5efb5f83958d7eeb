"""SAS-7: insecure application secrets storage.

The secret detection (what name looks secret, what value is a credential) lives here once and serves
FG_07_01 (environment values) and FG_07_07 (defaults of template parameters, variables, custom
values); rego/faasguard/lib/secrets is its twin.
"""
from __future__ import annotations

import re

from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule

SECRET_NAME = re.compile(
    r"(^|_)(PASS|PWD|AUTH|DSN)(_|$)|PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL"
    r"|CONN(ECTION)?_?STRING|DATABASE_URL"
)
# a name that says the value points at a secret (the fix FG_07_01 recommends), not that it is one
REFERENCE_NAME = re.compile(r"(^|_)(NAMES?|ARNS?|IDS?|PATHS?|PARAMS?|PARAMETERS?)$")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[-./ ]")
# an AWS secret access key: 40 characters of base64 (checked for mixed case apart)
SECRET_KEY_SHAPE = re.compile(r"^[A-Za-z0-9/+]{40}$")
ACCESS_KEY_ID = re.compile(r"^(AKIA|ASIA)[A-Z0-9]{16}$")
SECRET_VALUES = tuple(re.compile(p) for p in (
    ACCESS_KEY_ID.pattern,
    r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----",
    r"^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$",
    r"xox[abprs]-[A-Za-z0-9-]{10,}",
    r"(sk|rk)_live_[0-9A-Za-z]{16,}",
    r"gh[pousr]_[A-Za-z0-9]{36}",
    r"github_pat_[A-Za-z0-9_]{22,}",
    r"glpat-[A-Za-z0-9_-]{20,}",
    r"AIza[0-9A-Za-z_-]{35}",
    r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
    r"npm_[A-Za-z0-9]{36}",
    r"[A-Za-z][A-Za-z0-9+.-]*://[^/:@ ]+:[^/@ ]+@",
))


def normalized_name(name: str) -> str:
    """`dbPassword`, `db-password`, `custom.db.password` → DB_PASSWORD-like upper snake case."""
    return _SEPARATORS.sub("_", _CAMEL.sub(r"\1_\2", name)).upper()


def secret_name(name: str) -> bool:
    """A name that says its value is a secret, and not a reference to one (`…_ARN`, `…_SECRET_NAME`)."""
    upper = normalized_name(name)
    return SECRET_NAME.search(upper) is not None and REFERENCE_NAME.search(upper) is None


def _mixed_case(value: str) -> bool:
    return re.search(r"[a-z]", value) is not None and re.search(r"[A-Z]", value) is not None


def secret_key_candidate(value: str) -> bool:
    """40 characters of base64 in mixed case: a secret access key when beside an access key id."""
    return SECRET_KEY_SHAPE.match(value) is not None and _mixed_case(value)


def credential(value: str) -> bool:
    """A value that is a credential whatever its name: a known shape or prefix, or the AWS secret key
    shape with `/` or `+` and a digit (never a hex hash or an alphanumeric id)."""
    if any(p.search(value) for p in SECRET_VALUES):
        return True
    return secret_key_candidate(value) and re.search(r"[/+]", value) is not None \
        and re.search(r"[0-9]", value) is not None


def is_secret_literal(name: str, value: str) -> bool:
    if credential(value):
        return True
    literal = len(value) >= 4 and not value.isdigit() and value.lower() not in ("true", "false") \
        and not value.startswith("arn:")
    return literal and secret_name(name)


def _beside_access_key(records) -> set:
    """The records holding a secret key candidate in a resource whose environment has an access key id."""
    with_key_id = {r.resource for r in records if ACCESS_KEY_ID.match(r.value)}
    return {r for r in records if r.resource in with_key_id and secret_key_candidate(r.value)}


def _names(records) -> str:
    return ", ".join(sorted({r.name for r in records}))


@rule("FG_07_01", reads=("environment",))
def plaintext_secret(views: Views, context: Context) -> list[Violation]:
    beside = _beside_access_key(views.environment)
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


@rule("FG_07_02", reads=("secret_settings",))
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


# the name a Serverless value is known by: its path without `custom.`, `params.<stage>.` or
# `stages.<stage>.params.` (a stage named `auth` says nothing about the value); rego: fg_07_07 _name
_VALUE_PATH_PREFIX = re.compile(r"^(custom\.|params\.[^.]+\.|stages\.[^.]+\.params\.)")
_DEFAULT_KINDS = {"parameter": "parameter ", "variable": "variable ", "custom": ""}  # kind -> label


def default_name(setting: str) -> str:
    return _VALUE_PATH_PREFIX.sub("", setting)


# reads no view for undecided notices: its records are literal defaults, never unknown, and the other
# unknowns of secret_settings (FG_07_02's, the stores') are no concern of this rule
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
