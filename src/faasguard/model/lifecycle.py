"""What every format's lifecycle records share (FG_11_02, FG_11_05, FG_11_06; docs/model.md, "Lifecycle
settings"): function_settings records of triggers that may be disabled and of how old function versions are
cleaned up. Tag keys are the `tag` records of faasguard.model.limits (FG_08_03 reads them too); tags only
deployment settles add the key `*`. The Rego twin is rego/faasguard/lib/lifecycle.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import limits
from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, known_string

VIEW = "function_settings"
# kind "trigger": an event source mapping, rule or schedule; "event <name>": a SAM / Serverless event
TRIGGER = "trigger"
TRIGGER_ENABLED = "trigger_enabled"  # "true" / "false"; a trigger is enabled unless written otherwise
VERSIONS = "old_versions"
# what happens to a function's previous versions when a new one is published
RETAINED = "retained"  # kept for ever (SAM/Serverless versions, a Retain policy)
UNALIASED = "unaliased"  # Terraform publish = true, and no alias points at the function
ALIASED = "aliased"
DELETED = "deleted"  # CloudFormation deletes a replaced version
PRUNED = "pruned"  # serverless-prune-plugin removes old versions after each deployment
UNPUBLISHED = "unpublished"  # no version is published
SPRAWLING = frozenset({RETAINED, UNALIASED})
# the key of a tag record standing for keys only deployment settles (no tag key may hold `*`)
ANY_KEY = "*"


def event_kind(name: str) -> str:
    """The kind of the trigger records of a SAM / Serverless event (the event's name or place)."""
    return f"event {name}"


def state_enabled(value: Any) -> Any:
    """An EventBridge rule's or schedule's `State` as "true"/"false" (DISABLED is the only disabled one)."""
    text = known_string(value)
    return UNKNOWN if text is None else "false" if text.upper() == "DISABLED" else "true"


def unsettled_tags(builder: ViewBuilder, resource: str, written: Any, functions: list[str]) -> None:
    """Tags only deployment settles (a whole map, a list entry's key): the key `*` stands for any key, so
    no required key is missing, and the unknown makes the rule reading it undecided."""
    limits.tags(builder, resource, [ANY_KEY], functions)
    builder.unknown(resource, VIEW, limits.TAG, written, functions)
