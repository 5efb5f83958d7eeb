"""What looks like a secret (docs/semantics.md, FG_07_01): a name that says its value is a secret, and
not a reference to one; a value shaped like a credential whatever its name. It serves FG_07_01
(environment values), FG_07_04 (SSM parameters) and FG_07_07 (defaults of parameters, variables and
custom values); rego/faasguard/lib/secrets is its twin."""
from __future__ import annotations

import re

SECRET_NAME = re.compile(
    r"(^|_)(PASS|PWD|AUTH|DSN)(_|$)|PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL"
    r"|CONN(ECTION)?_?STRING|DATABASE_URL"
)
# a name that says the value points at a secret (the fix FG_07_01 recommends) or is a setting about it
# (`AUTH_TYPE: none`, `TOKEN_MODE`), not that it is one
REFERENCE_NAME = re.compile(r"(^|_)(NAMES?|ARNS?|IDS?|PATHS?|PARAMS?|PARAMETERS?|TYPES?|MODES?|METHODS?|ENABLED|DISABLED)$")
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


def beside_access_key(records) -> set:
    """The records holding a secret key candidate in a resource whose environment has an access key id."""
    with_key_id = {r.resource for r in records if ACCESS_KEY_ID.match(r.value)}
    return {r for r in records if r.resource in with_key_id and secret_key_candidate(r.value)}
