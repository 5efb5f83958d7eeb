"""IAM policy documents of every format as statements (mirrors rego/faasguard/lib/iam)."""
from __future__ import annotations

import json
import re
from typing import Any, Callable, NamedTuple

ADMIN_MANAGED_POLICIES = ("AdministratorAccess", "PowerUserAccess")


def strings_of(value: Any) -> tuple[str, ...]:
    """A string or list as a sorted tuple of its string members; anything else is dropped."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(sorted(v for v in value if isinstance(v, str)))
    return ()


def _document(policy: Any) -> dict[str, Any] | None:
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return None
    return policy if isinstance(policy, dict) else None


def _as_written(value: Any) -> Any:
    return value


def _resolved_strings(value: Any, resolve: Callable[[Any], Any]) -> tuple[str, ...]:
    """The known strings of an Action / NotAction: a list's entries or a single value, each resolved
    (a CloudFormation `Ref` to a parameter default); entries that are not known strings are dropped."""
    if isinstance(value, list):
        return strings_of([resolve(entry) for entry in value])
    resolved = resolve(value)
    return (resolved,) if isinstance(resolved, str) else ()


class Statement(NamedTuple):
    """A statement of a policy document: its effect as resolved, and the known strings of its Action,
    NotAction, Resource and NotResource (a single string is a one-entry tuple)."""

    effect: Any
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    resources: tuple[str, ...] = ()
    not_resources: tuple[str, ...] = ()


def statements(policy: Any, resolve: Callable[[Any], Any] = _as_written) -> list[Statement]:
    """The statements of a known policy document. `resolve` turns a value as written into the value it
    stands for (CloudFormation parameters); the default is the value as written."""
    document = _document(policy)
    if document is None:
        return []
    raw = document.get("Statement")
    listed = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    result = []
    for statement in listed:
        if not isinstance(statement, dict):
            continue
        effect = resolve(statement.get("Effect", ""))
        result.append(Statement(effect, *(_resolved_strings(statement.get(key, []), resolve)
                                          for key in ("Action", "NotAction", "Resource", "NotResource"))))
    return result


def is_admin(effect: Any, actions: tuple[str, ...], not_actions: tuple[str, ...]) -> bool:
    if not isinstance(effect, str) or effect.lower() != "allow":
        return False
    return any(a in ("*", "*:*") for a in actions) or bool(not_actions)


_MANAGED_ARN = re.compile(r"^arn:aws[a-z-]*:iam::aws:policy/([A-Za-z]+)$")


def is_admin_managed_policy(policy: str) -> bool:
    """The bare name (SAM, Serverless) or the ARN, in any partition, of an AWS managed admin policy."""
    match = _MANAGED_ARN.match(policy)
    return (match.group(1) if match else policy) in ADMIN_MANAGED_POLICIES
