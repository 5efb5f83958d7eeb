"""Serverless: usage records (FG_11_03, FG_11_04; docs/model.md, "Usage"). A function key is invoked by its
`events` (a non-empty list) or its `url`, and by what references it: a resource or Output of `resources`
naming its logical id (`<Name>LambdaFunction`), a state machine of `stepFunctions` naming it by key or logical
id, or any other setting naming its logical id. The roles of `resources.Resources` are used by what names
them (`provider.iam.role`, `functions.<f>.role`, another resource, an Output). The IAM statements the
Framework gives its roles (`provider.iam`, `iamRoleStatements`) invoke nothing. `reservedConcurrency: 0`
disables a function; `DeletionPolicy` / `UpdateReplacePolicy` of a function come from
`resources.extensions.<Name>LambdaFunction`, else `resources.Resources.<Name>LambdaFunction`. The twin is
rego/faasguard/adapters/serverless/usage.rego.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from faasguard.model import cloudformation_usage, usage
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import ROLE, Template
from faasguard.model.cloudformation_exposure import setting, upper_text
from faasguard.model.serverless import PROVIDER, Service
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import referenced_names as names_in
from faasguard.model.values import UNKNOWN, get_path, is_map

STEP_FUNCTIONS = "stepFunctions"  # serverless-step-functions: `Fn::GetAtt: [hello, Arn]` names a function key


def add_views(service: Service, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    resources = service.merged(service.data.get("resources"))
    resources = resources if is_map(resources) else {}
    template = Template(resources)
    logical = {lambda_logical_id(key): key for key in service.functions}
    types = {**{logical.get(rid, rid): r.get("Type") for rid, r in template.resources.items()},
             PROVIDER: usage.SERVERLESS_PROVIDER, **dict.fromkeys(service.functions, usage.SERVERLESS_FUNCTION)}
    unsettled = {**cloudformation_usage.unsettled(template),
                 **{key: service.why_unknown(fn.get("events")) for key, fn in service.functions.items()
                    if service.resolve(fn.get("events")) is UNKNOWN}}
    usage.add_records(builder, types,
                      [*cloudformation_usage.triples(template, logical), *_outside(service, template, logical)],
                      service.functions, template.of_type(ROLE), _own_paths(service), unsettled)
    for key, function in service.functions.items():
        _function_records(service, template, key, function, resources, lambda_logical_id(key), builder)


def _own_paths(service: Service) -> dict[str, list[str]]:
    """`events` (a non-empty list) and `url` of each function key."""
    paths = {}
    for key, function in service.functions.items():
        events = service.resolve(function.get("events"))
        found = {"events": isinstance(events, list) and bool(events), "url": _set(service.resolve(function.get("url")))}
        paths[key] = [name for name, present in found.items() if present]
    return paths


def _set(value: Any) -> bool:
    return value is not None and value is not False


def _outside(service: Service, template: Template, logical: dict[str, str]) -> Iterator[usage.Triple]:
    """(referrer, setting, target) of the names the sections outside `resources` hold: the function key or
    `provider` (their top-level setting as attribute), else the section's name."""
    for section, value in service.data.items():
        if section == "resources":
            continue
        if section == "functions":
            owners = service.functions.items()
        elif section == PROVIDER:
            owners = [(PROVIDER, service.provider)]
        else:
            owners = [(section, {"": value})]
        keys = service.functions if section == STEP_FUNCTIONS else {}
        for owner, body in owners:
            for attribute, setting_value in (body.items() if is_map(body) else ()):
                for name in names_in(setting_value):
                    target = logical.get(name) or (name if name in template.resources or name in keys else None)
                    if target is not None:
                        yield owner, str(attribute), target


def _function_records(service: Service, template: Template, key: str, function: dict[str, Any],
                      resources: dict[str, Any], logical_id: str, builder: ViewBuilder) -> None:
    written = function.get("reservedConcurrency")
    if written is not None:
        value = service.resolve(written)
        builder.setting(usage.FUNCTIONS, key, "function", usage.CONCURRENCY_DISABLED,
                        UNKNOWN if value is UNKNOWN else usage.concurrency_disabled(value), [key], written)
    for attribute, name in usage.RETENTION_ATTRIBUTES.items():
        policy = next((found for section in ("extensions", "Resources")
                       if (found := get_path(resources, section, logical_id, attribute)) is not None), None)
        if policy is not None:
            builder.setting(usage.FUNCTIONS, key, "function", name,
                            setting(template, {attribute: service.resolve(policy)}, attribute,
                                    default=usage.DEFAULT_POLICY, known=upper_text), [key], policy)

