"""Serverless Framework services → the EFS records (docs/model.md, "EFS mounted into functions"): each
function's `fileSystemConfig.arn` (variables resolved) is its FileSystemConfigs entry as the Framework
compiles it, and the access points and file systems of `resources.Resources` are read as in a template
(cloudformation_efs.resource_views). There is no provider-level file-system configuration. The twin is
rego/faasguard/adapters/serverless/efs.rego.
"""
from __future__ import annotations

from faasguard.model import cloudformation_efs
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.values import is_map


def add_views(service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    mounts = {}
    for key, function in service.functions.items():
        config = service.resolve(function.get("fileSystemConfig"))
        if is_map(config):
            mounts[key] = [{"Arn": service.resolve(config.get("arn"))}]
    if mounts:
        cloudformation_efs.resource_views(Template(resources if is_map(resources) else {}), builder, mounts)
