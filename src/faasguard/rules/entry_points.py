"""Function entry points: who can reach a function besides its callers (SAS-9), and where a function can
reach (SAS-3 network egress, FG_03_05)."""
from __future__ import annotations

from faasguard.model import iam
from faasguard.model.views import Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule

# the principal of a service acting for a resource (`s3.amazonaws.com`, `sns.amazonaws.com`, …)
_SERVICE_SUFFIX = ".amazonaws.com"
# a bucket's ARN names no account: S3 permissions need SourceAccount too
_S3_SERVICE = "s3.amazonaws.com"
# the actions that put an event into a trigger source (matched with the policy's wildcards)
WRITE_ACTIONS = ("s3:PutObject", "sns:Publish", "sqs:SendMessage", "events:PutEvents", "kinesis:PutRecord",
                 "kinesis:PutRecords")
# an egress rule that lets a function reach anything: all protocols to any address
OPEN_EGRESS = frozenset(("-1 0.0.0.0/0", "-1 ::/0"))


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


def _public_write(statement) -> bool:
    return (iam.is_allow(statement.effect) and statement.public and not statement.constrained
            and any(iam.action_matches(a, action) for a in statement.actions for action in WRITE_ACTIONS))


@rule("FG_09_02", reads=("source_policies",))
def publicly_writable_source(views: Views, context: Context) -> list[Violation]:
    found = []
    for resource, records in by_resource(s for s in views.source_policies if _public_write(s)).items():
        targets = {s.target for s in records}
        functions = functions_of(e for e in views.event_sources if e.source and e.source in targets)
        named = ", ".join(sorted(t or "a resource declared elsewhere" for t in targets))
        found.append(Violation("FG_09_02", resource,
                               f"lets anyone write to {named} (a public Allow without a source condition), "
                               f"which triggers {affected(functions)}", functions))
    return found


def _open_egress(record) -> bool:
    return record.kind == "security_group" and record.setting == "egress" and record.value in OPEN_EGRESS


@rule("FG_03_05", reads=("network_settings",))
def unrestricted_function_egress(views: Views, context: Context) -> list[Violation]:
    found = []
    for resource, records in by_resource(context.decide("FG_03_05", views.network_settings, _open_egress)).items():
        destinations = ", ".join(sorted({r.value.split(" ", 1)[1] for r in records}))
        found.append(Violation("FG_03_05", resource,
                               f"lets {affected(functions_of(records))} send traffic of every protocol to "
                               f"{destinations}: nothing limits where a compromised function can send data",
                               functions_of(records)))
    return found
