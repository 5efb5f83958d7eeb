"""Terraform HCL modules and plan JSON → views, through one resource index (semantics.md, model.md).

The two formats differ only in how a resource is read: HCL keeps unresolved expressions as `"${…}"`
strings and references inside them; a plan has known values in `after`, unknown ones in
`after_unknown`, and references in `configuration`. `TfResource` hides that; the view code is shared.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, first_object, get_path
from faasguard.model.views import ABSENT, Views

_REFERENCE = re.compile(r"\$\{\s*((?:data\.)?aws_[A-Za-z0-9_]+\.[A-Za-z0-9_-]+)")
_SKIPPED_ACTIONS = ({"delete"}, {"forget"})
MANAGED_ROLE_ATTACHMENTS = ("aws_iam_role_policy_attachment", "aws_iam_policy_attachment")


@dataclass
class TfResource:
    address: str
    type: str
    module: str  # the module instance address ("" for the root module)
    config_name: str  # "type.name" as written in its module, without instance key
    values: dict[str, Any]
    unknown: Any = field(default_factory=dict)  # plan after_unknown
    refs: dict[str, list[str]] = field(default_factory=dict)  # attribute -> referenced "type.name"
    # plan: the attributes the configuration sets (None when the configuration is not in the plan)
    configured: frozenset[str] | None = None

    def value(self, *path: Any) -> Any:
        if any(get_path(self.unknown, *path[:i]) is True for i in range(1, len(path) + 1)):
            if self.configured is not None and path[0] not in self.configured:
                return None  # computed by the provider from its default: the files leave it unset
            return UNKNOWN
        found = get_path(self.values, *path)
        if isinstance(found, str) and "${" in found:
            return UNKNOWN
        return found

    def raw(self, attribute: str) -> Any:
        return self.values.get(attribute)


class Index:
    def __init__(self, resources: list[TfResource], data_sources: list[TfResource] = ()):
        self.resources = resources
        self.by_config: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
        for resource in [*resources, *data_sources]:
            self.by_config[(resource.module, resource.config_name)].append(resource)

    def of_type(self, rtype: str) -> list[TfResource]:
        return [r for r in self.resources if r.type == rtype]

    def linked(self, source: TfResource, attribute: str, target_type: str) -> list[TfResource]:
        """Resources of target_type that `attribute` names, by reference or by their known name/ARN."""
        found = [
            target
            for ref in source.refs.get(attribute, [])
            if ref.split(".")[-2] == target_type or ref.startswith(f"data.{target_type}.")
            for target in self.by_config.get((source.module, ref), [])
        ]
        values = source.value(attribute)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                found += [
                    t for t in self.of_type(target_type)
                    if t.module == source.module and t not in found
                    and value in (t.value("name"), t.value("arn"), t.value("function_name"))
                ]
        return found


# ---------------------------------------------------------------------------------------------- HCL


def _hcl_refs(values: dict[str, Any]) -> dict[str, list[str]]:
    refs = {}
    for attribute, value in values.items():
        texts = value if isinstance(value, list) else [value]
        found = [m for text in texts if isinstance(text, str) for m in _REFERENCE.findall(text)]
        if found:
            refs[attribute] = found
    return refs


def _hcl_resources(data: dict[str, Any], kind: str) -> list[TfResource]:
    module = data.get("faasguard_module") or ""
    prefix = f"{module}." if module else ""
    data_prefix = "data." if kind == "data" else ""
    resources = []
    blocks_by_type = data.get(kind)
    for rtype, by_name in (blocks_by_type or {}).items():
        for name, blocks in (by_name or {}).items():
            body = first_object(blocks) or {}
            if body.get("count") == 0:
                continue  # count = 0: the resource is not created
            config_name = f"{data_prefix}{rtype}.{name}"
            resources.append(TfResource(f"{prefix}{config_name}", rtype, module, config_name, body, refs=_hcl_refs(body)))
    return resources


def hcl_index(data: dict[str, Any]) -> Index:
    return Index(_hcl_resources(data, "resource"), _hcl_resources(data, "data"))


# --------------------------------------------------------------------------------------------- plan


def _config_module(configuration: dict[str, Any], module_address: str) -> dict[str, Any]:
    module = configuration.get("root_module") or {}
    for name in re.findall(r"module\.([A-Za-z0-9_-]+)", module_address or ""):
        module = get_path(module, "module_calls", name, "module") or {}
    return module


_NOT_RESOURCES = ("var", "local", "each", "count", "module", "path", "self")


def _referenced_resource(reference: str) -> str:
    """"aws_iam_role.r.arn" -> "aws_iam_role.r"; "data.aws_x.d.json" -> "data.aws_x.d"."""
    return ".".join(reference.split(".")[: 3 if reference.startswith("data.") else 2])


def _configuration(configuration: dict[str, Any], module_address: str, config_name: str):
    """(attribute -> referenced resources, configured attributes) from the plan's configuration."""
    for resource in _config_module(configuration, module_address).get("resources") or []:
        if resource.get("address") == config_name:
            expressions = resource.get("expressions") or {}
            refs = {}
            for attribute, expression in expressions.items():
                names = expression.get("references") if isinstance(expression, dict) else None
                targets = dict.fromkeys(_referenced_resource(r) for r in names or [])
                refs[attribute] = [t for t in targets if t.split(".")[0] not in _NOT_RESOURCES]
            return refs, frozenset(expressions)
    return {}, None


def plan_index(plan: dict[str, Any]) -> Index:
    configuration = plan.get("configuration") or {}
    resources, data_sources = [], []
    for change in plan.get("resource_changes") or []:
        # data sources read at apply time (their inputs are unknown at plan time) are changes too
        if not isinstance(change, dict) or change.get("mode") not in ("managed", "data"):
            continue
        details = change.get("change") or {}
        if set(details.get("actions") or []) in _SKIPPED_ACTIONS or not isinstance(details.get("after"), dict):
            continue
        module = change.get("module_address") or ""
        prefix = "data." if change["mode"] == "data" else ""
        config_name = f"{prefix}{change.get('type')}.{change.get('name')}"
        refs, configured = _configuration(configuration, module, config_name)
        (data_sources if prefix else resources).append(TfResource(
            address=change.get("address"),
            type=change.get("type"),
            module=module,
            config_name=config_name,
            values=details["after"],
            unknown=details.get("after_unknown") or {},
            refs=refs,
            configured=configured,
        ))
    return Index(resources, data_sources)


# -------------------------------------------------------------------------------------------- views


def _tracing_mode(function: TfResource) -> str | None:
    config = function.value("tracing_config")
    if config is UNKNOWN:
        return None
    block = first_object(config)
    if block is None:
        return ABSENT
    mode = function.value("tracing_config", 0, "mode") if isinstance(config, list) else block.get("mode")
    if mode is UNKNOWN:
        return None
    return mode if isinstance(mode, str) else ABSENT


def _environment_variables(function: TfResource) -> dict[str, Any]:
    environment = first_object(function.value("environment"))
    variables = first_object(environment.get("variables")) if environment else None
    if variables is None:
        return {}
    unknown = get_path(function.unknown, "environment", 0, "variables")
    return {k: _as_terraform_string(v) for k, v in variables.items()
            if not (isinstance(unknown, dict) and unknown.get(k) is True)}


def _as_terraform_string(value: Any) -> Any:
    """Environment variables are a map(string): Terraform turns numbers and bools into strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else json.dumps(value)
    return value


def _function_views(index: Index, builder: ViewBuilder) -> None:
    for function in index.of_type("aws_lambda_function"):
        address = function.address
        builder.function(address, function.value("function_name"))
        if function.value("package_type") != "Image":
            builder.runtime(address, function.value("runtime"), [address])
        builder.tracing(address, _tracing_mode(function), [address])
        builder.environment(address, _environment_variables(function), [address])
    for url in index.of_type("aws_lambda_function_url"):
        targets = index.linked(url, "function_name", "aws_lambda_function")
        builder.function_url(url.address, url.value("authorization_type"), [t.address for t in targets])


def _document_statements(builder: ViewBuilder, owner: str, document: TfResource, users: list[str]) -> None:
    """Statements of a data.aws_iam_policy_document (HCL), whose effect defaults to Allow."""
    statements = document.value("statement")
    for index, statement in enumerate(statements if isinstance(statements, list) else []):
        if not isinstance(statement, dict):
            continue
        effect = document.value("statement", index, "effect")
        if effect is UNKNOWN:
            continue
        actions, not_actions = (document.value("statement", index, key) for key in ("actions", "not_actions"))
        builder.statement(owner, effect or "Allow", [] if actions is UNKNOWN else actions or [],
                          [] if not_actions is UNKNOWN else not_actions or [], users)


def _policy_body(index: Index, builder: ViewBuilder, owner: TfResource, users: list[str], attribute: str = "policy") -> None:
    documents = index.linked(owner, attribute, "aws_iam_policy_document")
    for document in documents:
        _document_statements(builder, owner.address, document, users)
    if not documents:
        builder.policy(owner.address, owner.value(attribute), users)


def _attached_policies(index: Index, builder: ViewBuilder, owner: TfResource, attribute: str, users: list[str],
                       managed_owner: TfResource) -> None:
    """Customer policies (→ the policy) and AWS managed ARNs (→ managed_owner) an attribute names."""
    policies = index.linked(owner, attribute, "aws_iam_policy")
    for policy in policies:
        _policy_body(index, builder, policy, users)
    arns = owner.value(attribute)
    customer = {p.value("arn") for p in policies}
    for arn in arns if isinstance(arns, list) else [arns]:
        if isinstance(arn, str) and arn not in customer:
            builder.managed_policy(managed_owner.address, arn, users)


def _iam_views(index: Index, builder: ViewBuilder) -> None:
    users: dict[str, list[str]] = defaultdict(list)
    for function in index.of_type("aws_lambda_function"):
        for role in index.linked(function, "role", "aws_iam_role"):
            users[role.address].append(function.address)

    def role_users(resource: TfResource, attribute: str) -> list[str]:
        return [f for role in index.linked(resource, attribute, "aws_iam_role") for f in users[role.address]]

    for role in index.of_type("aws_iam_role"):
        fns = users[role.address]
        inline = role.value("inline_policy")
        for block in inline if isinstance(inline, list) else []:
            if isinstance(block, dict):
                builder.policy(role.address, block.get("policy"), fns)
        _attached_policies(index, builder, role, "managed_policy_arns", fns, role)
    for policy in index.of_type("aws_iam_role_policy"):
        _policy_body(index, builder, policy, role_users(policy, "role"))
    for attachment in index.of_type("aws_iam_role_policy_attachment"):
        _attached_policies(index, builder, attachment, "policy_arn", role_users(attachment, "role"), attachment)
    for attachment in index.of_type("aws_iam_policy_attachment"):
        _attached_policies(index, builder, attachment, "policy_arn", role_users(attachment, "roles"), attachment)
    for exclusive in index.of_type("aws_iam_role_policy_attachments_exclusive"):
        _attached_policies(index, builder, exclusive, "policy_arns", role_users(exclusive, "role_name"), exclusive)


def views_of(index: Index) -> Views:
    builder = ViewBuilder()
    _function_views(index, builder)
    _iam_views(index, builder)
    return builder.views


def hcl_views(data: dict[str, Any]) -> Views:
    return views_of(hcl_index(data))


def plan_views(plan: dict[str, Any]) -> Views:
    return views_of(plan_index(plan))
