"""Which resource-policy statements (`source_policies`) make a trigger source publicly writable: a public,
unconstrained Allow of an action that puts an event into it (a `public-read-write` bucket ACL is such a
statement). Shared by FG_09_02 (reported on the policy) and FG_01_03 (reported on the trigger). The Rego
twin is rego/faasguard/lib/public_write."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from faasguard.model import iam
from faasguard.model.views import SourcePolicyStatement

# the actions that put an event into a trigger source (matched with the policy's wildcards)
WRITE_ACTIONS = ("s3:PutObject", "sns:Publish", "sqs:SendMessage", "events:PutEvents", "kinesis:PutRecord",
                 "kinesis:PutRecords")


def is_public_write(statement: SourcePolicyStatement) -> bool:
    """A public Allow without a source condition of an action that writes an event."""
    return (iam.is_allow(statement.effect) and statement.public and not statement.constrained
            and any(iam.action_matches(a, action) for a in statement.actions for action in WRITE_ACTIONS))


def public_writes(statements: Iterable[SourcePolicyStatement]) -> list[SourcePolicyStatement]:
    return [s for s in statements if is_public_write(s)]


def writable_targets(statements: Iterable[SourcePolicyStatement]) -> dict[str, list[SourcePolicyStatement]]:
    """Declared source id → the statements that let anyone write to it (targets outside the document left out)."""
    found: dict[str, list[SourcePolicyStatement]] = defaultdict(list)
    for statement in public_writes(statements):
        if statement.target:
            found[statement.target].append(statement)
    return dict(found)
