"""CloudFormation and SAM templates → the EFS records (docs/model.md, "EFS mounted into functions"):
each function's `FileSystemConfigs[].Arn` (SAM: merged with `Globals.Function`) as an `efs_access_point`
link, and the `AWS::EFS::AccessPoint` (`PosixUser.Uid`, `RootDirectory.Path`) and `AWS::EFS::FileSystem`
(`Encrypted`, `FileSystemPolicy`) resources those functions mount.

`resource_views` reads the plain resources of any Template, so that Serverless reads its
`resources.Resources` the same way. rego/faasguard/lib/efs is the twin.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import efs
from faasguard.model.builder import ViewBuilder, setting_text
from faasguard.model.cloudformation import NO_VALUE_REF, Template, Undecided
from faasguard.model.cloudformation_exposure import flag, setting
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, is_map
from faasguard.model.views import ABSENT

ACCESS_POINT = "AWS::EFS::AccessPoint"
FILE_SYSTEM = "AWS::EFS::FileSystem"


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resource_views(template, builder, {rid: props.get("FileSystemConfigs") for rid, (_, props) in functions.items()})


def resource_views(template: Template, builder: ViewBuilder, mounts: dict[str, Any]) -> None:
    """The EFS records of a template; `mounts`: function id → its FileSystemConfigs as written."""
    refs = References(template, Host())
    point_users = efs.users(_links(template, refs, builder, mounts))
    systems = []
    for point in template.of_type(ACCESS_POINT):
        if point in point_users:
            props = template.properties(point)
            efs.access_point(builder, point, setting(template, props, "PosixUser", "Uid", default=ABSENT, known=_text),
                             setting(template, props, "RootDirectory", "Path", default=ABSENT, known=_text),
                             point_users[point], (props.get("PosixUser"), props.get("RootDirectory")))
            systems += [(point, system) for system in refs.ids(props.get("FileSystemId"), FILE_SYSTEM)]
    for system, functions in efs.file_system_users(point_users, systems).items():
        props = template.properties(system)
        builder.setting(efs.STORES, system, efs.FILE_SYSTEM, efs.ENCRYPTED,
                        setting(template, props, "Encrypted", default="false", known=flag), functions,
                        props.get("Encrypted"))
        written = props.get("FileSystemPolicy")
        document = template.branch(written)
        efs.policy(builder, system, None if document in (None, NO_VALUE_REF) else document, functions,
                   Undecided(written) if document is UNKNOWN else written)


def _links(template: Template, refs: References, builder: ViewBuilder, mounts: dict[str, Any]) -> list[tuple[str, str]]:
    """Record each function's access point link; (function, declared access point) pairs."""
    found = []
    for function, written in mounts.items():
        configs = template.branch(written)
        if configs is UNKNOWN:
            efs.link(builder, function, UNKNOWN, Undecided(written))
        for entry in template.entries(configs) if configs is not UNKNOWN else []:
            config = template.branch(entry)
            arn = config.get("Arn") if is_map(config) else config
            points = refs.ids(arn, ACCESS_POINT)
            for point in points:
                efs.link(builder, function, point)
                found.append((function, point))
            if not points and config != NO_VALUE_REF:
                efs.link(builder, function, template.value(arn), arn)
    return found


def _text(value: Any) -> Any:
    text = setting_text(value)
    return UNKNOWN if text is None else text
