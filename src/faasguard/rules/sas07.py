"""SAS-7: insecure application secrets storage."""
from __future__ import annotations

import re

from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule

SECRET_NAME = re.compile(
    r"(^|_)(PASS|PWD|AUTH|DSN)(_|$)|PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL"
    r"|CONN(ECTION)?_?STRING|DATABASE_URL"
)
SECRET_VALUES = tuple(re.compile(p) for p in (
    r"^(AKIA|ASIA)[A-Z0-9]{16}$",
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
    r"^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$",
    r"xox[abprs]-[A-Za-z0-9-]{10,}",
    r"sk_live_[0-9A-Za-z]{16,}",
    r"gh[pousr]_[A-Za-z0-9]{36}",
    r"[A-Za-z][A-Za-z0-9+.-]*://[^/:@ ]+:[^/@ ]+@",
))


def is_secret_literal(name: str, value: str) -> bool:
    if any(p.search(value) for p in SECRET_VALUES):
        return True
    literal = len(value) >= 4 and not value.isdigit() and value.lower() not in ("true", "false") \
        and not value.startswith("arn:")
    return literal and SECRET_NAME.search(name.upper().replace("-", "_")) is not None


@rule("FG_07_01", reads=("environment",))
def plaintext_secret(views: Views, context: Context) -> list[Violation]:
    secrets = context.decide("FG_07_01", views.environment, lambda r: is_secret_literal(r.name, r.value))
    return [
        Violation("FG_07_01", resource,
                  f"plaintext secret in environment variable(s) {', '.join(sorted({r.name for r in records}))} "
                  f"(functions: {affected(functions_of(records))}); read it from Secrets Manager or SSM at run time",
                  functions_of(records))
        for resource, records in by_resource(secrets).items()
    ]
