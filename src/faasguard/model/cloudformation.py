"""CloudFormation and SAM templates → views (semantics.md, model.md, docs/formats/cloudformation.md).

A template settles literals, parameter defaults, `Fn::FindInMap` with known keys and `Fn::If` on a
condition the parameter defaults settle. `Fn::If` on an unknown condition and `Fn::FindInMap` with an
unknown key give alternatives (values.Alternatives). A resource whose `Condition` is false is not
created: it is left out of every view and listed in `not_created`.

rego/faasguard/lib/cloudformation is the twin of this module and follows the same steps.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, Alternatives, Marker, choice_of, intrinsic, is_map, known_string
from faasguard.model.views import ABSENT, Views

_PSEUDO_PARAMETERS = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
                      "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}
LAMBDA = "AWS::Lambda::Function"
SAM_FUNCTION = "AWS::Serverless::Function"
URL = "AWS::Lambda::Url"
ROLE = "AWS::IAM::Role"
MANAGED_POLICY = "AWS::IAM::ManagedPolicy"
POLICY_TYPES = ("AWS::IAM::Policy", MANAGED_POLICY)
ROLE_POLICY = "AWS::IAM::RolePolicy"
# the types faasguard reads: a false Condition on one of them takes it out of the check (a notice)
READ_TYPES = frozenset({LAMBDA, SAM_FUNCTION, URL, ROLE, *POLICY_TYPES, ROLE_POLICY})
# the attributes that are a resource's ARN: `Arn`, and `PolicyArn` of an AWS::IAM::ManagedPolicy
ARN_ATTRIBUTES = ("Arn", "PolicyArn")
_SUB_ARN = re.compile(r"\$\{([A-Za-z0-9]+)\.(?:Policy)?Arn\}")
_ARN_ATTRIBUTE = re.compile(r"^([A-Za-z0-9]+)\.(?:Policy)?Arn$")
_SUB_VARIABLE = re.compile(r"\$\{[^}]*\}")
_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:.*?\}\}")
_DROPPED_GETATT = re.compile(r"^([A-Za-z0-9]+)\.[A-Za-z0-9.]+$")
PARTITION = "${AWS::Partition}"
NO_VALUE_REF = {"Ref": "AWS::NoValue"}
# Rego has no recursion, so the twin evaluates conditions in this many rounds (each one level deeper);
# both engines do the same, and a condition nested deeper stays unknown
CONDITION_ROUNDS = 12
_CONDITION_FUNCTIONS = frozenset({"Fn::And", "Fn::Or", "Fn::Not", "Fn::Equals", "Condition"})
# the operand value that settles an Fn::And (one false) and an Fn::Or (one true)
_SETTLED_BY = {"Fn::And": False, "Fn::Or": True}


# `AWS::NoValue`: in this alternative the property is not set.
NO_VALUE = Marker("NO_VALUE")


class Undecided(NamedTuple):
    """A value as written whose `Fn::If` branches differ, one of them known, where a view has no room for
    alternatives (a policy's Resource): recorded as unknown, whatever references its other branches hold."""

    written: Any


def _if_arguments(value: Any) -> list | None:
    """[condition name, value if true, value if false] of a well-formed `Fn::If`."""
    call = intrinsic(value)
    if call and call[0] == "Fn::If":
        arguments = call[1]
        if isinstance(arguments, list) and len(arguments) == 3 and isinstance(arguments[0], str):
            return arguments
    return None


def _text(value: Any) -> str | None:
    """A scalar as CloudFormation compares it and names map keys: as text. None for anything else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and float(value).is_integer():
        return str(int(value))
    return None


def _distinct(values: list) -> list:
    keys = {json.dumps(v, sort_keys=True, default=repr): v for v in values}
    return list(keys.values())


def merge_globals(globals_: Any, local: Any) -> Any:
    """SAM's merge: local scalars win, maps merge recursively, lists concatenate (globals first)."""
    if is_map(globals_) and is_map(local):
        merged = dict(globals_)
        for key, value in local.items():
            merged[key] = merge_globals(globals_[key], value) if key in globals_ else value
        return merged
    if isinstance(globals_, list) and isinstance(local, list):
        return globals_ + local
    return local


# --- Conditions ---------------------------------------------------------------------------------

def _condition_nodes(value: Any, path: tuple) -> Iterator[tuple[tuple, dict]]:
    """(path, node) of every condition function in a Conditions section; paths start with the name."""
    call = intrinsic(value)
    if call and call[0] in _CONDITION_FUNCTIONS:
        yield path, value
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _condition_nodes(child, (*path, key))


def _equals(argument: Any, text) -> bool | None:
    if not (isinstance(argument, list) and len(argument) == 2):
        return None
    left, right = text(argument[0]), text(argument[1])
    return None if left is None or right is None else left == right


def _evaluate(node: dict, path: tuple, known: dict[tuple, bool], text) -> bool | None:
    """A node's value from its operands' values of the previous round; None while unknown."""
    (function, argument), = node.items()
    if function == "Fn::Equals":
        return _equals(argument, text)
    if function == "Condition":
        return known.get((argument,)) if isinstance(argument, str) else None
    if not isinstance(argument, list) or not argument:
        return None
    operands = [known.get((*path, function, index)) for index in range(len(argument))]
    if function == "Fn::Not":
        return not operands[0] if len(operands) == 1 and operands[0] is not None else None
    settled_by = _SETTLED_BY[function]
    if settled_by in operands:
        return settled_by
    return (not settled_by) if all(o is (not settled_by) for o in operands) else None


def evaluate_conditions(conditions: dict[str, Any], text) -> dict[str, bool]:
    """The conditions the template settles, name → value; `text(value)` is an operand's known text."""
    nodes = [entry for name, expression in conditions.items() for entry in _condition_nodes(expression, (name,))]
    known: dict[tuple, bool] = {}
    for _ in range(CONDITION_ROUNDS):
        known = {path: value for path, node in nodes if (value := _evaluate(node, path, known, text)) is not None}
    return {path[0]: value for path, value in known.items() if len(path) == 1}


# --- Values ---------------------------------------------------------------------------------------

def _section(data: dict[str, Any], name: str) -> dict[str, Any]:
    section = data.get(name)
    return section if isinstance(section, dict) else {}


class Template:
    """A template's sections, its evaluated conditions, and its resources: `declared` (all of them),
    `not_created` (logical id → why), `resources` (the others, the ones every view reads)."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.parameters = _section(data, "Parameters")
        self.mappings = _section(data, "Mappings")
        self.declared = {k: v for k, v in _section(data, "Resources").items() if isinstance(v, dict)}
        self.conditions = evaluate_conditions(_section(data, "Conditions"), self._scalar_text)
        self.not_created = {rid: f"Condition {resource['Condition']} is false with the parameter defaults"
                            for rid, resource in self.declared.items() if self._condition_is_false(resource)}
        self.resources = {rid: r for rid, r in self.declared.items() if rid not in self.not_created}

    def _condition_is_false(self, resource: dict[str, Any]) -> bool:
        condition = resource.get("Condition")
        return isinstance(condition, str) and self.conditions.get(condition) is False

    def type_of(self, logical_id: str) -> str | None:
        return self.resources.get(logical_id, {}).get("Type")

    def properties(self, logical_id: str) -> dict[str, Any]:
        props = self.resources.get(logical_id, {}).get("Properties")
        return props if isinstance(props, dict) else {}

    def of_type(self, *types: str) -> list[str]:
        return [rid for rid, res in self.resources.items() if res.get("Type") in types]

    def alternatives(self, value: Any) -> list[Any]:
        """What a value can be: known values, NO_VALUE (`AWS::NoValue`) and UNKNOWN, one per
        `Fn::If` branch a condition leaves possible and per entry an unknown map key leaves."""
        return [member for leaf in self._branches(value) for member in self._leaf_members(leaf)]

    def value(self, value: Any) -> Any:
        """A known value, NO_VALUE, UNKNOWN, or Alternatives of those."""
        return choice_of(self.alternatives(value))

    def known(self, value: Any) -> Any:
        """The one known value the template settles a value to; None when it does not."""
        settled = self.value(value)
        return None if settled is UNKNOWN or settled is NO_VALUE or isinstance(settled, Alternatives) else settled

    def alternatives_at(self, mapping: dict[str, Any], *keys: str) -> list[Any]:
        """The alternatives of mapping[k1][k2]…, each level read through its alternatives: an unset
        level is NO_VALUE, one that is not a map UNKNOWN (`TracingConfig: !If [C, {Mode: Active},
        !Ref AWS::NoValue]` is Active or absent)."""
        members: list[Any] = [mapping]
        for key in keys:
            members = [found for member in members for found in self._member(member, key)]
        return members

    def value_at(self, mapping: dict[str, Any], *keys: str) -> Any:
        return choice_of(self.alternatives_at(mapping, *keys))

    def _member(self, member: Any, key: str) -> list[Any]:
        if member is NO_VALUE or member is UNKNOWN:
            return [member]
        if not is_map(member):
            return [UNKNOWN]
        child = member.get(key)
        return [NO_VALUE] if child is None else self.alternatives(child)

    def branch(self, value: Any) -> Any:
        """The value as written that a tree of `Fn::If` settles to (a reference stays a reference);
        UNKNOWN when an unknown condition leaves different branches."""
        leaves = self._branches(value)
        if len(leaves) > 1:
            leaves = _distinct(leaves)
        return leaves[0] if len(leaves) == 1 else UNKNOWN

    def entries(self, value: Any) -> list[Any]:
        """The entries of a list property; a single value is a one-entry list (as SAM reads it)."""
        settled = self.branch(value)
        if settled is UNKNOWN or settled is None:
            return []
        return settled if isinstance(settled, list) else [settled]

    def _branches(self, value: Any) -> list[Any]:
        """The branch of `Fn::If` a known condition picks; both branches of an unknown one."""
        arguments = _if_arguments(value)
        if arguments is None:
            return [value]
        condition = self.conditions.get(arguments[0])
        picked = arguments[1:] if condition is None else [arguments[1] if condition else arguments[2]]
        return [leaf for branch in picked for leaf in self._branches(branch)]

    def _leaf_members(self, leaf: Any) -> list[Any]:
        """The alternatives of a value that is not an `Fn::If`."""
        if leaf == NO_VALUE_REF:
            return [NO_VALUE]
        call = intrinsic(leaf)
        if call and call[0] == "Fn::FindInMap":
            return self._mapped(call[1]) or [UNKNOWN]
        return [self._plain_value(leaf)]

    def _plain_value(self, leaf: Any) -> Any:
        """The value of a leaf that is neither `Fn::If`, `Fn::FindInMap` nor `AWS::NoValue`."""
        call = intrinsic(leaf)
        if call is None:
            return self._literal(leaf)
        function, argument = call
        if function == "Ref" and self.is_parameter(argument):
            return self._parameter(argument)
        if function == "Fn::Sub":
            return _partition_only(argument)
        return UNKNOWN

    def _literal(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        # conftest drops the !Ref / !GetAtt tags: a bare parameter name stands for the reference,
        # a resource name (`Secret`, `Secret.Arn`) or pseudo parameter (`AWS::Region`) is unknown
        if self.is_parameter(value):
            return self._parameter(value)
        dropped_getatt = _DROPPED_GETATT.match(value)
        if value in self.declared or value in _PSEUDO_PARAMETERS \
                or (dropped_getatt and dropped_getatt.group(1) in self.declared):
            return UNKNOWN
        return value if known_string(value) is not None else UNKNOWN

    def why_unknown(self, written: Any) -> str | None:
        """Why a value as written is unknown: the first leaf of its `Fn::If` tree that is an input of
        the deployment; None when each is an attribute of a resource of the template (ViewBuilder)."""
        if isinstance(written, Undecided):
            return "Fn::If on a condition the template does not settle chooses between different values"
        reasons = [_why_leaf(self, leaf) for leaf in self._branches(written) if UNKNOWN in self._leaf_members(leaf)]
        return next((reason for reason in reasons if reason), None if reasons else "only deployment settles this value")

    def is_parameter(self, name: Any) -> bool:
        return isinstance(name, str) and isinstance(self.parameters.get(name), dict)

    def _parameter(self, name: str) -> Any:
        parameter = self.parameters[name]
        # an SSM parameter type's Default names the parameter CloudFormation reads at deployment
        if "Default" not in parameter or str(parameter.get("Type", "")).startswith("AWS::SSM::Parameter::Value"):
            return UNKNOWN
        default = parameter["Default"]
        return UNKNOWN if isinstance(default, str) and known_string(default) is None else default

    def _mapped(self, argument: Any) -> list[Any]:
        """The values an `Fn::FindInMap` can give: the entry of a known key, every entry at a level
        whose key is unknown (a known key the map lacks gives nothing)."""
        if not (isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str)):
            return []
        tops = self._entries_for(self.mappings.get(argument[0]), argument[1])
        return [value for top in tops for value in self._entries_for(top, argument[2])]

    def _entries_for(self, mapping: Any, key: Any) -> list[Any]:
        if not isinstance(mapping, dict):
            return []
        entries = {_text(k) or str(k): v for k, v in mapping.items()}
        known = _text(self._plain_value(key))
        if known is None:
            return list(entries.values())
        return [entries[known]] if known in entries else []

    def _scalar_text(self, value: Any) -> str | None:
        """The text of a value that is one known scalar (no `Fn::If`): condition operands, map keys."""
        settled = choice_of(self._leaf_members(value))
        return None if isinstance(settled, Alternatives) else _text(settled)

    def referenced_resources(self, value: Any, *types: str) -> set[str]:
        """The logical ids of the created resources of the given types a value references: `Ref R`,
        `Fn::GetAtt [R, Arn]` (or `R.Arn`), an `Fn::Sub` naming `${R.Arn}`, and conftest's plain strings
        `R`, `R.Arn`, `…${R.Arn}…`; `PolicyArn` (a managed policy's) as `Arn` (the twin of
        `referenced_of_type` in lib/cloudformation)."""
        return {name for name in _reference_names(value) if self.type_of(name) in types}

    def referenced_resource(self, value: Any, *types: str) -> str | None:
        """The one logical id `referenced_resources` finds (the first in order when there are several)."""
        found = sorted(self.referenced_resources(value, *types))
        return found[0] if found else None


def _arn_names(text: str) -> set[str]:
    """`R` in `R.Arn`, and in every `${R.Arn}` of a string."""
    whole = _ARN_ATTRIBUTE.match(text)
    return ({whole.group(1)} if whole else set()) | set(_SUB_ARN.findall(text))


def _reference_names(value: Any) -> set[str]:
    """The names a value references (resources or not; `referenced_resources` keeps the resources)."""
    if isinstance(value, str):
        return {value} | _arn_names(value)
    call = intrinsic(value)
    if call is None:
        return set()
    function, argument = call
    if function == "Ref":
        return {argument} if isinstance(argument, str) else set()
    if function == "Fn::GetAtt":
        if isinstance(argument, list) and len(argument) == 2 and argument[1] in ARN_ATTRIBUTES \
                and isinstance(argument[0], str):
            return {argument[0]}
        return _arn_names(argument) if isinstance(argument, str) else set()
    if function == "Fn::Sub":
        text = sub_text(argument)
        return _arn_names(text) if text is not None else set()
    return set()


def sub_text(argument: Any) -> str | None:
    """The template string of an `Fn::Sub` (a string, or the first entry of `[string, variables]`)."""
    if isinstance(argument, list):
        argument = argument[0] if argument else None
    return argument if isinstance(argument, str) else None


def _why_leaf(template: Template, leaf: Any) -> str | None:
    """Why one value as written (not an `Fn::If`) is unknown; None for an attribute of a resource."""
    call = intrinsic(leaf)
    function, argument = call if call else ("Ref", leaf)  # conftest's plain parameter or resource names
    dynamic = _DYNAMIC_REFERENCE.search(json.dumps(leaf, default=repr))
    if dynamic:
        return f"dynamic reference {dynamic.group(0)} is resolved at deployment"
    if function == "Ref" and template.is_parameter(argument):
        return f"parameter {argument} has no Default" if "Default" not in template.parameters[argument] \
            else f"the Default of parameter {argument} is resolved at deployment"
    if function == "Ref" and argument in _PSEUDO_PARAMETERS:
        return f"pseudo parameter {argument} is known only at deployment"
    if function in ("Ref", "Fn::GetAtt") and _resource_of(argument) in template.declared:
        return None
    return f"{function} is evaluated at deployment" if call else "only deployment settles this value"


def _resource_of(argument: Any) -> Any:
    """The logical id a Ref or GetAtt argument names (`X`, `X.Arn`, `[X, Arn]`)."""
    if isinstance(argument, list):
        return argument[0] if argument and isinstance(argument[0], str) else None
    return argument.split(".", 1)[0] if isinstance(argument, str) else None


def _partition_only(argument: Any) -> Any:
    """`!Sub "arn:${AWS::Partition}:iam::aws:policy/…"`, how templates name managed policies, is
    known with `aws` for the partition; any other `Fn::Sub` is unknown."""
    if isinstance(argument, str) and _SUB_VARIABLE.sub("", argument) == argument.replace(PARTITION, ""):
        known = known_string(argument.replace(PARTITION, "aws"))
        return UNKNOWN if known is None else known
    return UNKNOWN


# --- Views ----------------------------------------------------------------------------------------

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


def function_properties(template: Template) -> dict[str, tuple[str, dict[str, Any]]]:
    """logical id -> (type, effective properties) of every function."""
    found = {}
    for rid in template.of_type(LAMBDA, SAM_FUNCTION):
        kind = template.type_of(rid)
        found[rid] = (kind, _sam_properties(template, rid) if kind == SAM_FUNCTION else template.properties(rid))
    return found


def _tracing_mode(template: Template, kind: str, props: dict[str, Any]) -> Any:
    path = ("Tracing",) if kind == SAM_FUNCTION else ("TracingConfig", "Mode")
    return choice_of([ABSENT if m is NO_VALUE else m for m in template.alternatives_at(props, *path)])


def _written(props: dict[str, Any], *path: str) -> Any:
    """The value as written at a path of plain maps (an intrinsic on the way is itself the value)."""
    value: Any = props
    for key in path:
        if not is_map(value):
            return value
        value = value.get(key)
    return value


def _tracing_written(kind: str, props: dict[str, Any]) -> Any:
    return _written(props, "Tracing") if kind == SAM_FUNCTION else _written(props, "TracingConfig", "Mode")


def _auth_type(template: Template, props: dict[str, Any], *path: str) -> Any:
    """AuthType alternatives, upper-cased before they are counted: `none` and `NONE` are one alternative
    (the views upper-case auth types; the Rego twin counts a set of them)."""
    return choice_of([m.upper() if isinstance(m, str) else m for m in template.alternatives_at(props, *path)])


def environment_variables_of(template: Template, props: dict[str, Any]) -> Any:
    environment = template.branch(props.get("Environment"))
    variables = template.branch(environment.get("Variables")) if is_map(environment) else None
    return variables if is_map(variables) else None


def _function_settings(template: Template, builder: ViewBuilder, functions: dict) -> None:
    for rid, (kind, props) in functions.items():
        builder.function(rid, template.known(props.get("FunctionName")))
        if props.get("PackageType") != "Image":
            builder.runtime(rid, template.value_at(props, "Runtime"), [rid], props.get("Runtime"))
        builder.tracing(rid, _tracing_mode(template, kind, props), [rid], _tracing_written(kind, props))
        builder.environment(rid, environment_variables_of(template, props), [rid], resolve=template.value)
        if kind == SAM_FUNCTION:
            builder.function_url(rid, _auth_type(template, props, "FunctionUrlConfig", "AuthType"), [rid],
                                 _written(props, "FunctionUrlConfig", "AuthType"))
    for rid in template.of_type(URL):
        props = template.properties(rid)
        target = template.referenced_resource(template.branch(props.get("TargetFunctionArn")), LAMBDA, SAM_FUNCTION)
        builder.function_url(rid, _auth_type(template, props, "AuthType"), [target] if target else [],
                             props.get("AuthType"))


def views(data: dict[str, Any]) -> Views:
    template = Template(data)
    builder = ViewBuilder(template.why_unknown)
    for rid, reason in template.not_created.items():
        if template.declared[rid].get("Type") in READ_TYPES:
            builder.not_created(rid, reason)
    functions = function_properties(template)
    _function_settings(template, builder, functions)
    # they read this module's Template: imported late
    from faasguard.model import (
        cloudformation_api_monitoring,
        cloudformation_apis,
        cloudformation_code_sources,
        cloudformation_cors,
        cloudformation_dependencies,
        cloudformation_deployment,
        cloudformation_edge,
        cloudformation_efs,
        cloudformation_errors,
        cloudformation_exposure,
        cloudformation_failures,
        cloudformation_iam,
        cloudformation_lifecycle,
        cloudformation_limits,
        cloudformation_logging,
        cloudformation_monitoring,
        cloudformation_network,
        cloudformation_persistence,
        cloudformation_secret_stores,
        cloudformation_secrets,
        cloudformation_storage,
        cloudformation_throttling,
        cloudformation_triggers,
        cloudformation_usage,
        cloudformation_validation,
    )

    for concern in (cloudformation_errors, cloudformation_persistence, cloudformation_iam, cloudformation_apis,
                    cloudformation_triggers, cloudformation_storage, cloudformation_cors, cloudformation_exposure,
                    cloudformation_network, cloudformation_secrets, cloudformation_secret_stores,
                    cloudformation_validation, cloudformation_edge, cloudformation_deployment, cloudformation_efs,
                    cloudformation_logging, cloudformation_api_monitoring, cloudformation_monitoring,
                    cloudformation_code_sources, cloudformation_dependencies, cloudformation_failures,
                    cloudformation_throttling, cloudformation_limits, cloudformation_lifecycle, cloudformation_usage):
        concern.add_views(template, functions, builder)
    return builder.views
