"""Least privilege beyond SAS-4: secret reads (FG_07_06), function-to-function invocation (FG_09_03) and
the roles Cognito identity pools hand to client-side users (FG_09_05). The twins are
rego/faasguard/rules/fg_07_06, fg_09_03, fg_09_05 with rego/faasguard/lib/least_privilege."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from faasguard.model import iam, iam_data
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, by_resource, functions_of, role_holders, rule, statement_findings

SECRET_READS = ("secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
                "ssm:GetParametersByPath", "kms:Decrypt")
INVOKES = ("lambda:InvokeFunction", "lambda:InvokeAsync")


def granted(statement: Any, actions: Iterable[str]) -> set[str]:
    """The entries of an Allow statement's actions (as written) that grant one of `actions`, plus the
    marker "NotAction" when its NotAction leaves one of them granted."""
    actions = tuple(actions)
    if not iam.is_allow(statement.effect):
        return set()
    found = {entry for entry in statement.actions if any(iam.action_matches(entry, a) for a in actions)}
    if statement.not_actions and any(iam.grants_action(statement, a) for a in actions):
        found.add(iam.NOT_ACTION)
    return found


def unscoped_grants(statement: Any, actions: Iterable[str]) -> set[str]:
    """`granted` entries of a statement with an unscoped resource (iam.grants_unscoped)."""
    return granted(statement, actions) if iam.grants_unscoped(statement) else set()


def managed_grants(policy: str, action: str) -> bool:
    """An AWS managed policy that grants `action` on every resource: an admin policy, or a broad one whose
    listed grant (data/managed_policies.yaml) is an action pattern matching it, alone or "on every …"."""
    if iam.is_admin_managed_policy(policy):
        return True
    name = iam.broad_managed_policy(policy)
    grants = iam_data.broad_managed_policies()[name]["grants"] if name else ()
    return any(_unscoped_grant(entry, action) for entry in grants)


_UNSCOPED_GRANT = re.compile(r"([^ ]*)(?: on every .*)?")


def _unscoped_grant(entry: str, action: str) -> bool:
    match = _UNSCOPED_GRANT.fullmatch(entry)
    return match is not None and iam.action_matches(match.group(1), action)


@rule("FG_07_06", reads=("policy_statements",))
def unscoped_secret_reads(views: Views, context: Context) -> list[Violation]:
    return statement_findings(
        "FG_07_06", views.policy_statements, lambda s: unscoped_grants(s, SECRET_READS),
        "lets the function read every secret, parameter or key (Resource * or a wildcard ARN) through",
        "name the secrets, parameters and keys the function reads")


@rule("FG_09_03", reads=("policy_statements", "managed_policies"))
def unscoped_invocation(views: Views, context: Context) -> list[Violation]:
    found = statement_findings(
        "FG_09_03", views.policy_statements, lambda s: unscoped_grants(s, INVOKES),
        "lets the function invoke every Lambda function (Resource * or a wildcard ARN) through",
        "name the functions it calls")
    invoking = context.decide("FG_09_03", views.managed_policies,
                              lambda m: any(managed_grants(m.policy, a) for a in INVOKES))
    found += [
        Violation("FG_09_03", resource,
                  f"attaches the AWS managed policy {', '.join(sorted({m.policy for m in records}))}, which allows "
                  f"invoking every Lambda function, to {role_holders(records)}; grant lambda:InvokeFunction on the "
                  "functions it calls instead", functions_of(records))
        for resource, records in by_resource(invoking).items()
    ]
    return [_merged(violations) for violations in by_resource(found).values()]


def _merged(violations: list[Violation]) -> Violation:
    """One finding per resource: a role may carry both a statement and a managed policy."""
    first = violations[0]
    return Violation(first.rule_id, first.resource, "; and ".join(v.message for v in violations),
                     functions_of(violations))


def _pool_offending(statement: Any) -> set[str]:
    """Invoke actions on any resource; data-plane actions on an unscoped one."""
    found = granted(statement, INVOKES)
    return found | (set(iam.data_plane_actions(statement)) if iam.grants_unscoped(statement) else set())


def _pool_holders(records: list) -> str:
    return f"identity-pool users (role {', '.join(sorted({r for s in records for r in s.roles}))})"


@rule("FG_09_05", reads=("identity_pool_statements",))
def identity_pool_reach(views: Views, context: Context) -> list[Violation]:
    return statement_findings(
        "FG_09_05", views.identity_pool_statements, _pool_offending,
        "lets client-side identities invoke functions or reach data on every resource directly through",
        "let clients call the API, and scope what the role allows to their own data", _pool_holders)
