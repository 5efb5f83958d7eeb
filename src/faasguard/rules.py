"""The rules as predicates over the views (semantics.md); rego/faasguard/rules/ holds their twins."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from faasguard import catalog
from faasguard.model import iam
from faasguard.model.views import ABSENT, Views


@dataclass(frozen=True)
class Violation:
    rule_id: str
    resource: str
    message: str
    functions: tuple[str, ...]


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


def _functions_of(records: Iterable) -> tuple[str, ...]:
    return tuple(sorted({f for r in records for f in r.functions}))


def _affected(functions: tuple[str, ...]) -> str:
    return ", ".join(functions) if functions else "no function yet"


def _by_resource(records: Iterable) -> dict[str, list]:
    grouped = defaultdict(list)
    for record in records:
        grouped[record.resource].append(record)
    return grouped


def deprecated_runtime(views: Views, today: dt.date) -> list[Violation]:
    table = catalog.runtimes()["runtimes"]
    found = []
    for record in views.runtimes:
        deprecated = table.get(record.value, {}).get("deprecated")
        if deprecated and deprecated <= today.isoformat():
            found.append(Violation("FG_06_01", record.resource,
                                   f"runtime {record.value} is deprecated since {deprecated} "
                                   f"(functions: {_affected(record.functions)})", record.functions))
    return found


def tracing_not_active(views: Views, today: dt.date) -> list[Violation]:
    return [
        Violation("FG_05_01", r.resource,
                  ("X-Ray tracing is not configured" if r.mode == ABSENT else f"X-Ray tracing mode is {r.mode}")
                  + f" (functions: {_affected(r.functions)}); set it to Active", r.functions)
        for r in views.tracing if r.mode != "Active"
    ]


def public_function_url(views: Views, today: dt.date) -> list[Violation]:
    return [
        Violation("FG_02_03", r.resource,
                  f"function URL has auth type NONE: anyone can invoke {_affected(r.functions)}; use AWS_IAM",
                  r.functions)
        for r in views.function_urls if r.auth_type.upper() == "NONE"
    ]


def is_secret_literal(name: str, value: str) -> bool:
    if any(p.search(value) for p in SECRET_VALUES):
        return True
    literal = len(value) >= 4 and not value.isdigit() and value.lower() not in ("true", "false") \
        and not value.startswith("arn:")
    return literal and SECRET_NAME.search(name.upper().replace("-", "_")) is not None


def plaintext_secret(views: Views, today: dt.date) -> list[Violation]:
    secrets = [r for r in views.environment if is_secret_literal(r.name, r.value)]
    return [
        Violation("FG_07_01", resource,
                  f"plaintext secret in environment variable(s) {', '.join(sorted({r.name for r in records}))} "
                  f"(functions: {_affected(_functions_of(records))}); read it from Secrets Manager or SSM at run time",
                  _functions_of(records))
        for resource, records in _by_resource(secrets).items()
    ]


def admin_role(views: Views, today: dt.date) -> list[Violation]:
    statements = [s for s in views.policy_statements if iam.is_admin(s.effect, s.actions, s.not_actions)]
    managed = [m for m in views.managed_policies if iam.is_admin_managed_policy(m.policy)]
    return [
        Violation("FG_04_01", resource,
                  f"grants every action to the role of {_affected(_functions_of(records))}; "
                  "allow only the actions the function needs", _functions_of(records))
        for resource, records in _by_resource([*statements, *managed]).items()
    ]


RULES: dict[str, Callable[[Views, dt.date], list[Violation]]] = {
    "FG_02_03": public_function_url,
    "FG_04_01": admin_role,
    "FG_05_01": tracing_not_active,
    "FG_06_01": deprecated_runtime,
    "FG_07_01": plaintext_secret,
}


def evaluate(views: Views, today: dt.date | None = None, rule_ids: Iterable[str] | None = None) -> list[Violation]:
    today = today or dt.date.today()
    selected = RULES if rule_ids is None else {r: RULES[r] for r in rule_ids}
    return [v for rule in selected.values() for v in rule(views, today)]
