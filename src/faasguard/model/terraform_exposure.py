"""Terraform modules and plans → the exposure records (docs/model.md, "API exposure"): api_settings of APIs
(`default_endpoint`, `custom_domain`), stages and method settings (`data_trace`) and state machines
(`include_execution_data`, `log_level`), and REST API resource policies in source_policies (`target` the
API). The twin is rego/faasguard/lib/terraform/exposure.rego, fed by the adapters' exposure.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_exposure import endpoint_state as _endpoint_state
from faasguard.model.cloudformation_exposure import flag as _flag
from faasguard.model.cloudformation_exposure import upper_text as _upper
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at
from faasguard.model.terraform_triggers import add_policy_statements
from faasguard.model.values import UNKNOWN, Alternatives, choice_of

VIEW = "api_settings"
# custom domain mappings: type → (attribute naming the API, the API's type)
_MAPPINGS = {"aws_api_gateway_base_path_mapping": ("api_id", "aws_api_gateway_rest_api"),
             "aws_apigatewayv2_api_mapping": ("api_id", "aws_apigatewayv2_api")}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the exposure records of the document to the builder."""
    for api in index.of_type("aws_api_gateway_rest_api"):
        _default_endpoint(builder, api, "rest_api")
        add_policy_statements(index, api, api.address, builder)
    for api in index.of_type("aws_apigatewayv2_api"):
        _default_endpoint(builder, api, _v2_kind(api))
    for policy in index.of_type("aws_api_gateway_rest_api_policy"):
        for api in sorted({t.address for t in index.referenced(policy, "rest_api_id", "aws_api_gateway_rest_api")}):
            add_policy_statements(index, policy, api, builder)
    for mapping_type, (attribute, api_type) in _MAPPINGS.items():
        for mapping in index.of_type(mapping_type):
            for api in index.referenced(mapping, attribute, api_type):
                kind = "rest_api" if api_type == "aws_api_gateway_rest_api" else _v2_kind(api)
                builder.setting(VIEW, api.address, kind, "custom_domain", mapping.address)
    for settings in index.of_type("aws_api_gateway_method_settings"):
        _data_trace(builder, settings, "settings", 0)
    for stage in index.of_type("aws_apigatewayv2_stage"):
        _data_trace(builder, stage, "default_route_settings", 0)
        routes = stage.value("route_settings")
        for i in range(len(routes) if isinstance(routes, list) else 0):
            _data_trace(builder, stage, "route_settings", i)
    for machine in index.of_type("aws_sfn_state_machine"):
        _state_machine(builder, machine)


def _v2_kind(api: TfResource) -> str:
    return "websocket_api" if api.value("protocol_type") == "WEBSOCKET" else "http_api"


def setting_value(resource: TfResource, *path: Any, default: Any, known) -> Any:
    """The setting at `path`: UNKNOWN when only deployment settles it, `default` when unset, each known
    alternative mapped by `known`."""
    if is_unknown_at(resource, *path):
        return UNKNOWN
    value = resource.value(*path)
    members = value.values if isinstance(value, Alternatives) else (value,)
    return choice_of([default if m is None else known(m) for m in members])


def _default_endpoint(builder: ViewBuilder, api: TfResource, kind: str) -> None:
    value = setting_value(api, "disable_execute_api_endpoint", default="enabled", known=_endpoint_state)
    builder.setting(VIEW, api.address, kind, "default_endpoint", value,
                    written=api.as_written("disable_execute_api_endpoint"))


def block_written(resource: TfResource, block: str, i: int) -> bool:
    """Whether the i-th `block` is written (or unknown: its settings are then unknown too)."""
    blocks = resource.value(block)
    return is_unknown_at(resource, block) or (isinstance(blocks, list) and len(blocks) > i and isinstance(blocks[i], dict))


def _data_trace(builder: ViewBuilder, resource: TfResource, block: str, i: int) -> None:
    """data_trace_enabled of a settings block (provider default false) when the block is written."""
    if block_written(resource, block, i):
        builder.setting(VIEW, resource.address, "stage", "data_trace",
                        setting_value(resource, block, i, "data_trace_enabled", default="false", known=_flag),
                        written=resource.as_written(block, i, "data_trace_enabled"))


def _state_machine(builder: ViewBuilder, machine: TfResource) -> None:
    """logging_configuration (provider defaults: include_execution_data false, level OFF) when written."""
    if not block_written(machine, "logging_configuration", 0):
        return
    for setting, attribute, default, known in (("include_execution_data", "include_execution_data", "false", _flag),
                                               ("log_level", "level", "OFF", _upper)):
        builder.setting(VIEW, machine.address, "state_machine", setting,
                        setting_value(machine, "logging_configuration", 0, attribute, default=default, known=known),
                        written=machine.as_written("logging_configuration", 0, attribute))
