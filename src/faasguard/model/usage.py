"""What every format's usage records share (docs/model.md, "Usage: invocation paths, unused roles, retained
functions"; FG_11_03, FG_11_04): which references make a function invoked or a role used, and the records
built from a document's "who references whom" pairs. The Rego twin is rego/faasguard/lib/usage.

Each adapter lists the document's references once, as (referrer, attribute, target) triples: a referrer is a
resource id, or an output or module call (`Outputs.<name>`, `output.<name>`, `module.<name>`) that hands the
target to another stack or module; `types` gives the type of each resource id. The records are then built in
one pass over the triples, with dicts keyed by target (a document of thousands of resources stays linear).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN
from faasguard.model.views import ABSENT

FUNCTIONS = "function_settings"
INVOKED_BY = "invoked_by"
REFERENCED_BY = "referenced_by"
CONCURRENCY_DISABLED = "concurrency_disabled"
ROLE_KIND = "iam_role"
# DeletionPolicy / UpdateReplacePolicy values (upper-cased) that keep the resource when the stack lets go of it
RETAINING = frozenset({"RETAIN", "RETAINEXCEPTONCREATE"})
RETENTION_ATTRIBUTES = {"DeletionPolicy": "deletion_policy", "UpdateReplacePolicy": "update_replace_policy"}
# CloudFormation's policy when the attribute is not written
DEFAULT_POLICY = "DELETE"
SERVERLESS_PROVIDER = "serverless:provider"
SERVERLESS_FUNCTION = "serverless:function"

# Resources that name a function without invoking it: what is *about* the function (its log group, alarms,
# dashboards, versions and aliases, its event-invoke, concurrency, recursion and runtime configs) and IAM
# policies that name it. type -> the attributes whose references do not count ("*": all of them); the other
# attributes of the resource count (an event-invoke config's destination invokes that other function).
NOT_INVOKING: Mapping[str, frozenset[str]] = {
    "AWS::Logs::LogGroup": frozenset({"*"}),
    "AWS::CloudWatch::Alarm": frozenset({"*"}),
    "AWS::CloudWatch::Dashboard": frozenset({"*"}),
    "AWS::Lambda::Version": frozenset({"*"}),
    "AWS::Lambda::Alias": frozenset({"*"}),
    "AWS::Lambda::EventInvokeConfig": frozenset({"FunctionName"}),
    "AWS::IAM::Role": frozenset({"*"}),
    "AWS::IAM::Policy": frozenset({"*"}),
    "AWS::IAM::ManagedPolicy": frozenset({"*"}),
    "AWS::IAM::RolePolicy": frozenset({"*"}),
    "aws_cloudwatch_log_group": frozenset({"*"}),
    "aws_cloudwatch_metric_alarm": frozenset({"*"}),
    "aws_cloudwatch_dashboard": frozenset({"*"}),
    "aws_lambda_alias": frozenset({"*"}),
    "aws_lambda_provisioned_concurrency_config": frozenset({"*"}),
    "aws_lambda_function_event_invoke_config": frozenset({"function_name", "qualifier"}),
    "aws_lambda_function_recursion_config": frozenset({"*"}),
    "aws_lambda_runtime_management_config": frozenset({"*"}),
    "aws_iam_role": frozenset({"*"}),
    "aws_iam_policy": frozenset({"*"}),
    "aws_iam_role_policy": frozenset({"*"}),
    # Serverless: the statements of the roles the Framework generates (the Serverless adapter types its
    # `provider` and function keys so)
    SERVERLESS_PROVIDER: frozenset({"iam", "iamRoleStatements"}),
    SERVERLESS_FUNCTION: frozenset({"iamRoleStatements"}),
}
# Resources that stand for the function they name: a reference to an alias or version is one to its function.
STANDS_FOR_FUNCTION = frozenset({"AWS::Lambda::Version", "AWS::Lambda::Alias", "aws_lambda_alias"})
# Resources that configure a role rather than use it: their references do not make a role used.
ROLE_PLUMBING = frozenset({
    "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
    "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment",
    "aws_iam_role_policy_attachments_exclusive", "aws_iam_role_policies_exclusive",
})
# Resources that invoke the function one attribute names: when only deployment settles that attribute (a
# parameter or variable without default, an import), any function of the document may be the one invoked.
INVOKERS: Mapping[str, str] = {
    "AWS::Lambda::Permission": "FunctionName",
    "AWS::Lambda::EventSourceMapping": "FunctionName",
    "AWS::Lambda::Url": "TargetFunctionArn",
    "aws_lambda_permission": "function_name",
    "aws_lambda_event_source_mapping": "function_name",
    "aws_lambda_function_url": "function_name",
}
UNSETTLED_INVOKER = "{} {} names a function only deployment settles: it may invoke this one"

Triple = tuple[str, str, str]


def counts_as_invocation(rtype: str | None, attribute: str) -> bool:
    ignored = NOT_INVOKING.get(rtype or "", frozenset())
    return "*" not in ignored and attribute not in ignored


def add_records(builder: ViewBuilder, types: Mapping[str, str], triples: Iterable[Triple],
                functions: Iterable[str], roles: Iterable[str], own_paths: Mapping[str, Iterable[str]],
                unsettled: Mapping[str, str]) -> None:
    """The `invoked_by` records of `functions` (what invokes each: a referrer, or one of `own_paths`, the
    format's own events / URL settings; `absent` when nothing does) and the `referenced_by` records of
    `roles`. `unsettled` maps a function to why a path to it is unknown (an unresolved `events`, an invoker
    naming a function only deployment settles; key "*": every function): such a function without a known
    path has no `absent` record but an unknown."""
    functions, roles = set(functions), set(roles)
    triples = list(triples)
    stands_for: dict[str, set[str]] = defaultdict(set)
    for referrer, _, target in triples:
        if types.get(referrer) in STANDS_FOR_FUNCTION and target in functions:
            stands_for[referrer].add(target)
    invoked_by: dict[str, set[str]] = defaultdict(set)
    used_by: dict[str, set[str]] = defaultdict(set)
    for referrer, attribute, target in triples:
        rtype = types.get(referrer)
        if referrer == target:
            continue
        if counts_as_invocation(rtype, attribute):
            for function in ({target} & functions) | stands_for.get(target, set()):
                invoked_by[function].add(referrer)
        if target in roles and rtype not in ROLE_PLUMBING:
            used_by[target].add(referrer)
    for function in sorted(functions):
        paths = invoked_by[function] | set(own_paths.get(function, ()))
        why = unsettled.get(function) or unsettled.get("*")
        if not paths and why:
            builder.unknown_because(function, FUNCTIONS, INVOKED_BY, why, [function])
        for value in sorted(paths) or ([] if why else [ABSENT]):
            builder.setting(FUNCTIONS, function, "function", INVOKED_BY, value, [function])
    for role in sorted(roles):
        for value in sorted(used_by[role]) or [ABSENT]:
            builder.setting(FUNCTIONS, role, ROLE_KIND, REFERENCED_BY, value)


def concurrency_disabled(value: Any) -> Any:
    """A known reserved concurrency as "true" (0: the function cannot run) or "false"; else UNKNOWN."""
    if isinstance(value, bool):
        return UNKNOWN
    if isinstance(value, (int, float)):
        return "true" if value == 0 else "false"
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return "true" if int(value) == 0 else "false"
    return UNKNOWN
