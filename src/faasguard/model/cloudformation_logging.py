"""CloudFormation and SAM: the log group of each function and its retention (FG_05_02; docs/model.md,
"Function logs").

A function logs to the group its `LoggingConfig.LogGroup` names, else to `/aws/lambda/<its name>`,
which Lambda creates with no retention on the first invocation when the template declares no such group
(SAM creates none either). Names are compared as text (`name_text`): a known string, or the text of an
`Fn::Sub` / `Fn::Join` / conftest's plain string where each reference stays `${X}` (the `Ref` of a
function is its name) and parameters with a default are replaced by it. Groups are indexed by that text
once; each function looks its own names up. `retention_views` and `groups_named` read any Template, so
Serverless reads the log groups of its `resources.Resources` with them. rego/faasguard/lib/logging is
the twin.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import NO_VALUE, Template, sub_text
from faasguard.model.values import UNKNOWN, choice_of, get_path, intrinsic
from faasguard.model.views import ABSENT

LOG_GROUP = "AWS::Logs::LogGroup"
LAMBDA_PREFIX = "/aws/lambda/"
_SUB_VARIABLE = re.compile(r"\$\{([A-Za-z0-9_:.]+)\}")
# why a function's log group is unknown (Terraform too)
UNMATCHED = ("the name of its log group is settled at deployment, and a log group of the document may be "
             "the one it logs to")


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    links = function_log_groups(template, functions)
    for fid, group in links.items():
        if group is UNKNOWN:
            builder.unknown_because(fid, "function_settings", "log_group", UNMATCHED, [fid])
        elif group is not None:
            builder.setting("function_settings", fid, "function", "log_group", group, [fid])
    retention_views(template, builder, _users(links))


def retention_views(template: Template, builder: ViewBuilder, users: dict[str, list[str]]) -> None:
    """`retention_days` of each log group some function logs to (`users`: group → its functions)."""
    for gid, functions in users.items():
        props = template.properties(gid)
        members = template.alternatives_at(props, "RetentionInDays")
        builder.setting("store_settings", gid, "log_group", "retention_days",
                        choice_of([ABSENT if m is NO_VALUE else m for m in members]), functions,
                        props.get("RetentionInDays"))


def _users(links: dict[str, Any]) -> dict[str, list[str]]:
    users: dict[str, list[str]] = defaultdict(list)
    for fid, group in links.items():
        if isinstance(group, str) and group != ABSENT:
            users[group].append(fid)
    return users


def function_log_groups(template: Template, functions: dict) -> dict[str, Any]:
    """function id → the id of its log group, ABSENT (none in the template: Lambda creates one),
    UNKNOWN (only deployment settles which) or None (a group the template does not declare)."""
    groups = template.of_type(LOG_GROUP)
    texts = {gid: name_text(template, template.properties(gid).get("LogGroupName")) for gid in groups}
    by_text: dict[str, list[str]] = defaultdict(list)
    for gid, text in texts.items():
        if text is not None:
            by_text[text].append(gid)
    links = {fid: _linked(template, fid, props, by_text) for fid, (_, props) in functions.items()}
    linked = {group for group in links.values() if isinstance(group, str)}
    unlinked = {gid: texts[gid] for gid in groups if gid not in linked}
    open_group = any(_may_be_lambda_group(template, gid, text) for gid, text in unlinked.items())
    lambda_group = open_group or any(text.startswith(LAMBDA_PREFIX) for text in unlinked.values() if text)
    for fid, (_, props) in functions.items():
        if links[fid] == ABSENT and (open_group or (lambda_group and not _name_settled(template, props))):
            links[fid] = UNKNOWN
    return links


def _linked(template: Template, fid: str, props: dict[str, Any], by_text: dict[str, list[str]]) -> Any:
    """The group a function logs to: the one LoggingConfig.LogGroup names, else the one named
    /aws/lambda/<its name> (ABSENT when there is none)."""
    named = get_path(props, "LoggingConfig", "LogGroup")
    if named is not None:
        return _named_group(template, named, by_text)
    found = sorted({gid for text in function_texts(template, fid, props) for gid in by_text.get(text, ())})
    return found[0] if found else ABSENT


def groups_named(template: Template, name: str) -> list[str]:
    """The log groups whose LogGroupName is that text (sorted)."""
    return sorted(gid for gid in template.of_type(LOG_GROUP)
                  if name_text(template, template.properties(gid).get("LogGroupName")) == name)


def _named_group(template: Template, named: Any, by_text: dict[str, list[str]]) -> Any:
    """A LoggingConfig.LogGroup: a group of the template by reference or by name; None for the known
    name of a group it does not declare; UNKNOWN otherwise."""
    value = template.branch(named)
    referenced = sorted(template.referenced_resources(value, LOG_GROUP)) if value is not UNKNOWN else []
    if referenced:
        return referenced[0]
    text = name_text(template, value) if value is not UNKNOWN else None
    if text is not None and by_text.get(text):
        return sorted(by_text[text])[0]
    return None if text is not None and "${" not in text else UNKNOWN


def function_texts(template: Template, fid: str, props: dict[str, Any]) -> set[str]:
    """The texts that name a function's default log group."""
    texts = {f"{LAMBDA_PREFIX}${{{fid}}}"}
    name = props.get("FunctionName")
    text = name_text(template, name) if name is not None else None
    return texts | ({LAMBDA_PREFIX + text} if text is not None else set())


def _name_settled(template: Template, props: dict[str, Any]) -> bool:
    """Whether the template settles a function's name: a known FunctionName, or none (a generated name,
    with a random suffix no other name of the template can spell)."""
    name = props.get("FunctionName")
    return name is None or template.known(name) is not None


def _may_be_lambda_group(template: Template, gid: str, text: str | None) -> bool:
    """A group whose name only deployment settles and may be /aws/lambda/<a function's name>."""
    if template.properties(gid).get("LogGroupName") is None:
        return False  # CloudFormation names it <stack>-<logical id>-<suffix>
    return text is None or ("${" in text and (text.startswith(LAMBDA_PREFIX) or text.startswith("${")))


def name_text(template: Template, value: Any) -> str | None:
    """A name as comparable text (module docstring); None when it cannot be written so. An `Fn::Join`
    joins the texts of its parts (each a string, `Ref` or `Fn::Sub`)."""
    value = template.branch(value)
    call = intrinsic(value)
    if call and call[0] == "Fn::Join":
        argument = call[1]
        if not (isinstance(argument, list) and len(argument) == 2 and isinstance(argument[0], str)
                and isinstance(argument[1], list)):
            return None
        parts = [_leaf_text(template, template.branch(part)) for part in argument[1]]
        return None if any(p is None for p in parts) else argument[0].join(parts)  # type: ignore[arg-type]
    return _leaf_text(template, value)


def _leaf_text(template: Template, value: Any) -> str | None:
    """The text of a string (conftest's plain reference name, or text with `${…}`), a `Ref` or an
    `Fn::Sub` without a variables map."""
    call = intrinsic(value)
    if call is None:
        if not isinstance(value, str):
            return None
        return _reference_text(template, value) if _is_reference_name(template, value) \
            else _with_parameters(template, value)
    function, argument = call
    if function == "Ref" and isinstance(argument, str):
        return _reference_text(template, argument)
    if function == "Fn::Sub" and not (isinstance(argument, list) and len(argument) > 1 and argument[1]):
        text = sub_text(argument)
        return _with_parameters(template, text) if text is not None else None
    return None


def _is_reference_name(template: Template, value: str) -> bool:
    """conftest's plain string for a dropped `!Ref`: a parameter or resource name."""
    return template.is_parameter(value) or value in template.declared


def _reference_text(template: Template, name: str) -> str:
    """A `Ref`: a parameter's default as text, else `${name}`."""
    if template.is_parameter(name):
        default = template.known({"Ref": name})
        if isinstance(default, str) or (isinstance(default, int) and not isinstance(default, bool)):
            return str(default)
    return f"${{{name}}}"


def _with_parameters(template: Template, text: str) -> str:
    """An Fn::Sub text with each `${Parameter}` that has a default replaced by it."""
    return _SUB_VARIABLE.sub(lambda m: _reference_text(template, m.group(1)) if template.is_parameter(m.group(1))
                             else m.group(0), text)

