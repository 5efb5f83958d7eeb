"""SAS-9: functions' entry points and who may use them — service permissions bound to their source
(FG_09_01), trigger sources anyone may write to (FG_09_02), roles that may invoke every function
(FG_09_03), API resource policies open to everyone (FG_09_04) and identity-pool roles that reach
functions or data directly (FG_09_05). The Rego twins are rego/faasguard/rules/fg_09_*."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from faasguard.model import iam
from faasguard.model.iam import INVOKES, granted, managed_grants, unscoped_grants
from faasguard.model.public_write import public_writes
from faasguard.model.views import Views
from faasguard.rules.base import (Context, Violation, affected, by_resource, functions_of, merged_by_resource,
                                  role_holders, rule, statement_findings)

# the principal of a service acting for a resource (`s3.amazonaws.com`, `sns.amazonaws.com`, …)
_SERVICE_SUFFIX = ".amazonaws.com"
# a bucket's ARN names no account: S3 permissions need SourceAccount too
_S3_SERVICE = "s3.amazonaws.com"
# calling an API (FG_09_04)
API_INVOKE = "execute-api:Invoke"


def _missing_sources(permission) -> list[str]:
    """What a service principal's permission lacks to be bound to its source."""
    if not permission.principal.lower().endswith(_SERVICE_SUFFIX):
        return []
    missing = [] if permission.source_arn else ["SourceArn"]
    if permission.principal.lower() == _S3_SERVICE and not permission.source_account:
        missing.append("SourceAccount")
    return missing


@rule("FG_09_01", reads=("lambda_permissions",))
def unbound_service_permission(views: Views, context: Context) -> list[Violation]:
    found = []
    for resource, records in by_resource(p for p in views.lambda_permissions if _missing_sources(p)).items():
        principals = ", ".join(sorted({p.principal for p in records}))
        missing = " and ".join(sorted({m for p in records for m in _missing_sources(p)}))
        found.append(Violation("FG_09_01", resource,
                               f"lets {principals} invoke {affected(functions_of(records))} on behalf of any resource "
                               f"(no {missing}): another account's resource can trigger it", functions_of(records)))
    return found


@rule("FG_09_02", reads=("source_policies",))
def publicly_writable_source(views: Views, context: Context) -> list[Violation]:
    triggered = defaultdict(list)  # source -> its triggers, built once (not once per offending policy)
    for trigger in views.event_sources:
        triggered[trigger.source].append(trigger)
    found = []
    for resource, records in by_resource(public_writes(views.source_policies)).items():
        targets = {s.target for s in records}
        functions = functions_of(e for t in targets if t for e in triggered.get(t, ()))
        named = ", ".join(sorted(t or "a resource declared elsewhere" for t in targets))
        found.append(Violation("FG_09_02", resource,
                               f"lets anyone write to {named} (a public Allow without a source condition), "
                               f"which triggers {affected(functions)}", functions))
    return found


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
    return merged_by_resource(found)


def grants_invoke(actions: tuple[str, ...]) -> bool:
    return any(iam.action_matches(a, API_INVOKE) for a in actions)


@rule("FG_09_04", reads=("source_policies",))
def public_api_policy(views: Views, context: Context) -> list[Violation]:
    apis = {s.resource for s in views.api_settings if s.setting == "default_endpoint" and s.kind == "rest_api"}
    apis |= {o.api for o in views.api_operations if o.kind == "rest"}
    public = [p for p in views.source_policies if p.target in apis and p.public and grants_invoke(p.actions)]
    restricted = {p.target for p in public if p.effect == "Deny" and p.constrained}
    open_ = [p for p in public if p.effect == "Allow" and not p.constrained and p.target not in restricted]
    return [
        Violation("FG_09_04", resource,
                  f"{resource} lets anyone invoke {', '.join(sorted({p.target for p in records}))} "
                  "(Allow to * on execute-api:Invoke with no source condition); restrict it with aws:SourceVpce, "
                  "aws:SourceIp, aws:PrincipalOrgID or named accounts",
                  ())
        for resource, records in by_resource(open_).items()
    ]


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
