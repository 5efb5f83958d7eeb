"""Terraform modules and plans → the EFS records (docs/model.md, "EFS mounted into functions"): each
function's `file_system_config` as an `efs_access_point` link (a reference to an aws_efs_access_point,
else its `arn` as the files settle it), and the access points (`posix_user[0].uid`,
`root_directory[0].path`) and file systems (`encrypted`; the aws_efs_file_system_policy resources whose
`file_system_id` references them) those functions mount. The twin is rego/faasguard/lib/terraform/efs.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import efs
from faasguard.model.builder import ViewBuilder
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

ACCESS_POINT = "aws_efs_access_point"
FILE_SYSTEM = "aws_efs_file_system"
POLICY = "aws_efs_file_system_policy"


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    point_users = efs.users(_links(index, builder))
    systems = []
    for point in index.of_type(ACCESS_POINT):
        if point.address in point_users:
            efs.access_point(builder, point.address, _block_value(point, "posix_user", "uid"),
                             _block_value(point, "root_directory", "path"), point_users[point.address],
                             (point.as_written("posix_user"), point.as_written("root_directory")))
            systems += [(point.address, s.address) for s in index.referenced(point, "file_system_id", FILE_SYSTEM)]
    system_users = efs.file_system_users(point_users, systems)
    with_policy = set()
    for policy in index.of_type(POLICY):
        named = [s.address for s in index.referenced(policy, "file_system_id", FILE_SYSTEM) if s.address in system_users]
        if named:
            with_policy.update(named)
            efs.policy(builder, policy.address, _document(policy), sorted({f for s in named for f in system_users[s]}),
                       policy.as_written("policy"))
    for system in index.of_type(FILE_SYSTEM):
        functions = system_users.get(system.address)
        if functions:
            encrypted = UNKNOWN if is_unknown_at(system, "encrypted") else system.value("encrypted")
            builder.setting(efs.STORES, system.address, efs.FILE_SYSTEM, efs.ENCRYPTED,
                            "false" if encrypted is None else encrypted, functions, system.as_written("encrypted"))
            if system.address not in with_policy:
                efs.policy(builder, system.address, None, functions)


def _links(index: Index, builder: ViewBuilder) -> list[tuple[str, str]]:
    """Record each function's access point link; (function, declared access point) pairs."""
    found = []
    for function in index.of_type("aws_lambda_function"):
        points = index.referenced(function, "file_system_config", ACCESS_POINT)
        for point in points:
            efs.link(builder, function.address, point.address)
            found.append((function.address, point.address))
        path = ("file_system_config", 0, "arn")
        arn = UNKNOWN if is_unknown_at(function, *path) else function.value(*path)
        if not points and arn is not None:
            efs.link(builder, function.address, arn, function.as_written(*path))
    return found


def _block_value(resource: TfResource, block: str, attribute: str) -> Any:
    """An attribute of a resource's first nested block: ABSENT when the block or the attribute is unset."""
    if is_unknown_at(resource, block, 0, attribute):
        return UNKNOWN
    value = resource.value(block, 0, attribute)
    return ABSENT if value is None else value


def _document(policy: TfResource) -> Any:
    value = policy.value("policy")
    return UNKNOWN if value is None else value
