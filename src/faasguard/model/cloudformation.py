"""CloudFormation and SAM templates → views (semantics.md, model.md)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, known_string
from faasguard.model.views import ABSENT, Views

_PSEUDO_PARAMETERS = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
                      "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}
LAMBDA = "AWS::Lambda::Function"
SAM_FUNCTION = "AWS::Serverless::Function"
ROLE = "AWS::IAM::Role"
_SUB_ARN = re.compile(r"^\$\{([A-Za-z0-9]+)\.Arn\}$")
_SUB_VARIABLE = re.compile(r"\$\{[^}]*\}")
_DROPPED_GETATT = re.compile(r"^([A-Za-z0-9]+)\.[A-Za-z0-9.]+$")
PARTITION = "${AWS::Partition}"


def _is_intrinsic(value: Any) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return key in ("Ref", "Condition") or str(key).startswith("Fn::")


def merge_globals(globals_: Any, local: Any) -> Any:
    """SAM's merge: local scalars win, maps merge recursively, lists concatenate (globals first)."""
    if isinstance(globals_, dict) and isinstance(local, dict) and not _is_intrinsic(globals_) and not _is_intrinsic(local):
        merged = dict(globals_)
        for key, value in local.items():
            merged[key] = merge_globals(globals_[key], value) if key in globals_ else value
        return merged
    if isinstance(globals_, list) and isinstance(local, list):
        return globals_ + local
    return local


class Template:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        resources = data.get("Resources")
        self.resources = {k: v for k, v in resources.items() if isinstance(v, dict)} if isinstance(resources, dict) else {}
        parameters = data.get("Parameters")
        self.parameters = parameters if isinstance(parameters, dict) else {}

    def type_of(self, logical_id: str) -> str | None:
        return self.resources.get(logical_id, {}).get("Type")

    def properties(self, logical_id: str) -> dict[str, Any]:
        props = self.resources.get(logical_id, {}).get("Properties")
        return props if isinstance(props, dict) else {}

    def of_type(self, *types: str) -> list[str]:
        return [rid for rid, res in self.resources.items() if res.get("Type") in types]

    def value(self, value: Any) -> Any:
        """A property value: literals and Refs to parameters with a Default are known."""
        if isinstance(value, dict):
            if set(value) == {"Ref"} and isinstance(value["Ref"], str):
                return self._parameter(value["Ref"])
            sub = value.get("Fn::Sub") if set(value) == {"Fn::Sub"} else None
            if isinstance(sub, str) and _SUB_VARIABLE.sub("", sub) == sub.replace(PARTITION, ""):
                # `!Sub "arn:${AWS::Partition}:iam::aws:policy/…"`: `aws` stands for the partition
                return sub.replace(PARTITION, "aws")
            if _is_intrinsic(value):
                return UNKNOWN
            return value
        if isinstance(value, str):
            # conftest drops the !Ref / !GetAtt tags: a bare parameter name stands for the reference,
            # a resource name (`Secret`, `Secret.Arn`) or pseudo parameter (`AWS::Region`) is unknown
            if value in self.parameters:
                return self._parameter(value)
            dropped_getatt = _DROPPED_GETATT.match(value)
            if value in self.resources or value in _PSEUDO_PARAMETERS \
                    or (dropped_getatt and dropped_getatt.group(1) in self.resources):
                return UNKNOWN
        return value

    def _parameter(self, name: str) -> Any:
        parameter = self.parameters.get(name)
        if isinstance(parameter, dict) and "Default" in parameter:
            return parameter["Default"]
        return UNKNOWN

    def referenced_resource(self, value: Any, *types: str) -> str | None:
        """The logical id a Ref / GetAtt …Arn / Sub "${X.Arn}" (or conftest's plain "X.Arn") names."""
        target = None
        if isinstance(value, dict) and len(value) == 1:
            (fn, arg), = value.items()
            if fn == "Ref" and isinstance(arg, str):
                target = arg
            elif fn == "Fn::GetAtt":
                parts = arg if isinstance(arg, list) else str(arg).split(".", 1)
                target = parts[0] if parts and isinstance(parts[0], str) else None
            elif fn == "Fn::Sub" and isinstance(arg, str):
                match = _SUB_ARN.match(arg)
                target = match.group(1) if match else None
        elif isinstance(value, str):
            target = value.split(".", 1)[0]
        return target if target is not None and self.type_of(target) in types else None


def _string(template: Template, value: Any) -> Any:
    resolved = template.value(value)
    return resolved if isinstance(resolved, str) else None


def _sam_properties(template: Template, logical_id: str) -> dict[str, Any]:
    props = template.properties(logical_id)
    globals_ = template.data.get("Globals")
    function_globals = globals_.get("Function") if isinstance(globals_, dict) else None
    if not isinstance(function_globals, dict):
        return props
    ignore = template.resources[logical_id].get("IgnoreGlobals")
    if ignore == "*":
        return props
    if isinstance(ignore, list):
        function_globals = {k: v for k, v in function_globals.items() if k not in ignore}
    return merge_globals(function_globals, props)


def _functions(template: Template) -> dict[str, tuple[str, dict[str, Any]]]:
    """logical id -> (type, effective properties) of every function."""
    found = {}
    for rid in template.of_type(LAMBDA, SAM_FUNCTION):
        kind = template.type_of(rid)
        found[rid] = (kind, _sam_properties(template, rid) if kind == SAM_FUNCTION else template.properties(rid))
    return found


def _tracing_mode(template: Template, kind: str, props: dict[str, Any]) -> str | None:
    if kind == SAM_FUNCTION:
        raw = props.get("Tracing")
    else:
        config = props.get("TracingConfig")
        if config is not None and (not isinstance(config, dict) or _is_intrinsic(config)):
            return None  # the whole block is an intrinsic: unknown
        raw = config.get("Mode") if config else None
    if raw is None:
        return ABSENT
    value = template.value(raw)
    return value if isinstance(value, str) else None


def _function_settings(template: Template, builder: ViewBuilder, functions: dict) -> None:
    for rid, (kind, props) in functions.items():
        builder.function(rid, _string(template, props.get("FunctionName")))
        if props.get("PackageType") != "Image":
            builder.runtime(rid, _string(template, props.get("Runtime")), [rid])
        builder.tracing(rid, _tracing_mode(template, kind, props), [rid])
        environment = props.get("Environment")
        if isinstance(environment, dict):
            builder.environment(rid, environment.get("Variables"), [rid], resolve=template.value)
        url = props.get("FunctionUrlConfig") if kind == SAM_FUNCTION else None
        if isinstance(url, dict):
            builder.function_url(rid, _string(template, url.get("AuthType")), [rid])
    for rid in template.of_type("AWS::Lambda::Url"):
        props = template.properties(rid)
        target = template.referenced_resource(props.get("TargetFunctionArn"), LAMBDA, SAM_FUNCTION)
        builder.function_url(rid, _string(template, props.get("AuthType")), [target] if target else [])


def _role_users(template: Template, functions: dict) -> dict[str, list[str]]:
    users: dict[str, list[str]] = defaultdict(list)
    for rid, (_, props) in functions.items():
        role = template.referenced_resource(props.get("Role"), ROLE)
        if role:
            users[role].append(rid)
    return users


def _managed_policy_arns(template: Template, builder: ViewBuilder, owner: str, arns: Any, users: list[str]) -> None:
    for arn in arns if isinstance(arns, list) else []:
        policy = template.referenced_resource(arn, "AWS::IAM::ManagedPolicy")
        if policy:
            builder.policy(policy, template.properties(policy).get("PolicyDocument"), users)
        else:
            builder.managed_policy(owner, _string(template, arn), users)


def _iam(template: Template, builder: ViewBuilder, functions: dict) -> None:
    users = _role_users(template, functions)
    for role, fns in users.items():
        props = template.properties(role)
        policies = props.get("Policies")
        for policy in policies if isinstance(policies, list) else []:
            if isinstance(policy, dict):
                builder.policy(role, policy.get("PolicyDocument"), fns)
        _managed_policy_arns(template, builder, role, props.get("ManagedPolicyArns"), fns)
    for rid in template.of_type("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        props = template.properties(rid)
        roles = props.get("Roles") if isinstance(props.get("Roles"), list) else []
        fns = [f for r in roles for f in users.get(template.referenced_resource(r, ROLE) or "", [])]
        builder.policy(rid, props.get("PolicyDocument"), fns)
    for rid in template.of_type("AWS::IAM::RolePolicy"):
        props = template.properties(rid)
        role = template.referenced_resource(props.get("RoleName"), ROLE)
        builder.policy(rid, props.get("PolicyDocument"), users.get(role or "", []))
    for rid, (kind, props) in functions.items():
        if kind != SAM_FUNCTION or "Role" in props:
            continue
        policies = props.get("Policies")
        for policy in policies if isinstance(policies, list) else [policies] if policies is not None else []:
            managed = template.referenced_resource(policy, "AWS::IAM::ManagedPolicy")
            if managed:  # SAM attaches it to the function's generated role
                builder.policy(managed, template.properties(managed).get("PolicyDocument"), [rid])
            elif isinstance(policy, dict) and "Statement" in policy:
                builder.policy(rid, policy, [rid])
            elif isinstance(policy, str):
                builder.managed_policy(rid, _string(template, policy), [rid])


def views(data: dict[str, Any]) -> Views:
    template = Template(data)
    builder = ViewBuilder()
    functions = _functions(template)
    _function_settings(template, builder, functions)
    _iam(template, builder, functions)
    return builder.views
