"""What every format's EFS records share (docs/model.md, "EFS mounted into functions"): the
function_settings link from a function to the access point its file-system configuration names, and
the store_settings of the access points and file systems functions mount (POSIX user, root directory,
encryption, file-system policy). Only what some function mounts has records: the control is about
functions. rego/faasguard/lib/efs is the twin.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from faasguard.model import iam
from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

FUNCTIONS = "function_settings"
STORES = "store_settings"
ACCESS_POINT = "efs_access_point"  # the kind of an access point's records, and the function's link setting
FILE_SYSTEM = "efs_file_system"
POSIX_UID = "efs_posix_uid"
ROOT_DIRECTORY = "efs_root_directory"
ENCRYPTED = "efs_encrypted"
TLS_ENFORCED = "efs_tls_enforced"
IAM_REQUIRED = "efs_iam_required"
# the action an NFS client needs to mount: a policy statement about mounting names it (or a wildcard of it)
MOUNT_ACTION = "elasticfilesystem:ClientMount"
_BOOL_OPERATORS = ("Bool", "BoolIfExists")


def link(builder: ViewBuilder, function: str, point: Any, written: Any = None) -> None:
    """The `efs_access_point` link of a function: the id of a declared access point, else the ARN as
    the files settle it (an access point of another stack or module), UNKNOWN when only deployment does."""
    builder.setting(FUNCTIONS, function, "function", ACCESS_POINT, point, [function], written)


def users(links: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(user, target) pairs → target → its sorted users (function → access point, access point → file system)."""
    found: dict[str, set[str]] = defaultdict(set)
    for user, target in links:
        found[target].add(user)
    return {target: sorted(found[target]) for target in found}


def file_system_users(point_users: Mapping[str, list[str]], point_systems: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """File system → the functions mounting it through its access points ((access point, file system) pairs)."""
    return users((function, system) for point, system in point_systems for function in point_users.get(point, ()))


def access_point(builder: ViewBuilder, point: str, uid: Any, path: Any, functions: Iterable[str],
                 written: tuple[Any, Any] = (None, None)) -> None:
    """The POSIX user id and root directory of a mounted access point (ABSENT when unset)."""
    builder.setting(STORES, point, ACCESS_POINT, POSIX_UID, uid, functions, written[0])
    builder.setting(STORES, point, ACCESS_POINT, ROOT_DIRECTORY, path, functions, written[1])


def policy(builder: ViewBuilder, resource: str, document: Any, functions: Iterable[str], written: Any = None) -> None:
    """`efs_tls_enforced` and `efs_iam_required` of a file-system policy (on `resource`, where it is
    written): ABSENT for a file system without one (EFS then lets every client that reaches a mount
    target in, without IAM and without TLS), UNKNOWN for a document only deployment settles."""
    if document is None or document is ABSENT:
        found: dict[str, Any] = {TLS_ENFORCED: ABSENT, IAM_REQUIRED: ABSENT}
    elif not _is_document(document):
        found = {TLS_ENFORCED: UNKNOWN, IAM_REQUIRED: UNKNOWN}
    else:
        statements = iam.statement_list(document)
        found = {TLS_ENFORCED: _flag(any(_denies_insecure_transport(s) for s in statements)),
                 IAM_REQUIRED: _flag(not any(_lets_anyone_mount(s) for s in statements))}
    for setting, value in found.items():
        builder.setting(STORES, resource, FILE_SYSTEM, setting, value, functions, written)


def _is_document(document: Any) -> bool:
    """A policy the files settle: a map, or a JSON text (references inside it, such as the file
    system's ARN in `Resource`, do not matter here)."""
    if isinstance(document, dict):
        return True
    if not isinstance(document, str):
        return False
    try:
        return isinstance(json.loads(document), dict)
    except ValueError:
        return False


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _everyone(principal: Any) -> bool:
    """`*` or `{"AWS": "*"}` (or a list holding `*`): every client, anonymous NFS clients included."""
    aws = principal.get("AWS") if isinstance(principal, dict) else principal
    return "*" in iam.strings_of(aws)


def _about_mounting(statement: dict[str, Any]) -> bool:
    return any(iam.action_matches(a, MOUNT_ACTION) for a in iam.strings_of(statement.get("Action")))


def _denies_insecure_transport(statement: dict[str, Any]) -> bool:
    """A Deny to everyone of mounting when `aws:SecureTransport` is false (EFS's "enforce in-transit
    encryption" statement)."""
    if str(statement.get("Effect", "")).lower() != "deny" or not _everyone(statement.get("Principal")):
        return False
    condition = statement.get("Condition")
    blocks = [condition.get(op) for op in _BOOL_OPERATORS] if isinstance(condition, dict) else []
    return _about_mounting(statement) and any(
        str(key).lower() == "aws:securetransport" and _is_false(value)
        for block in blocks if isinstance(block, dict) for key, value in block.items())


def _is_false(value: Any) -> bool:
    listed = value if isinstance(value, list) else [value]
    return any(v is False or (isinstance(v, str) and v.lower() == "false") for v in listed)


def _lets_anyone_mount(statement: dict[str, Any]) -> bool:
    """An Allow of mounting to everyone without a condition: anonymous clients (no IAM) may mount, as
    with no policy at all. A condition (EFS's `elasticfilesystem:AccessedViaMountTarget`, a source VPC)
    narrows it."""
    return (iam.is_allow(statement.get("Effect")) and _everyone(statement.get("Principal"))
            and not statement.get("Condition") and _about_mounting(statement))
