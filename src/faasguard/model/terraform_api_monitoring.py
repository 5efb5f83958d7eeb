"""Terraform: access logs, execution logging, metrics and tracing of API stages (FG_05_03, FG_05_04).

api_settings records of kind `stage` (docs/model.md, "API stage monitoring"): `access_log` (`set` or
`absent`) of `aws_api_gateway_stage` and `aws_apigatewayv2_stage` (`access_log_settings[0].destination_arn`),
and for REST stages `tracing` (`xray_tracing_enabled`) and `execution_logging` / `metrics` from the
`aws_api_gateway_method_settings` with `method_path = "*/*"` that name the stage (by `stage_name`
reference, or by its known name and the same `rest_api_id`); the provider's defaults (OFF, false) when
none does. The twin is rego/faasguard/lib/terraform/api_monitoring.rego.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_exposure import flag, upper_text
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at
from faasguard.model.terraform_exposure import setting_value
from faasguard.model.values import UNKNOWN, Alternatives, choice_of
from faasguard.model.views import ABSENT

VIEW = "api_settings"
KIND = "stage"
REST_STAGE = "aws_api_gateway_stage"
METHOD_SETTINGS = "aws_api_gateway_method_settings"
# REST stage setting → (attribute of a method settings' `settings` block, the provider's default, reader)
REST_SETTINGS = {"execution_logging": ("logging_level", "OFF", upper_text),
                 "metrics": ("metrics_enabled", "false", flag)}


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add this concern's records to the views."""
    linked, unsettled = method_settings_by_stage(index)
    for stage in index.of_type(REST_STAGE):
        _access_log(builder, stage)
        builder.setting(VIEW, stage.address, KIND, "tracing",
                        setting_value(stage, "xray_tracing_enabled", default="false", known=flag),
                        written=stage.as_written("xray_tracing_enabled"))
        for name, (attribute, default, known) in REST_SETTINGS.items():
            if stage.module in unsettled:
                builder.setting(VIEW, stage.address, KIND, name, UNKNOWN, written=unsettled[stage.module])
                continue
            for settings in linked.get(stage.address) or [None]:
                value = default if settings is None else setting_value(settings, "settings", 0, attribute, default=default,
                                                                known=known)
                written = None if settings is None else settings.as_written("settings", 0, attribute)
                builder.setting(VIEW, stage.address, KIND, name, value, written=written)
    for stage in index.of_type("aws_apigatewayv2_stage"):
        _access_log(builder, stage)


def _access_log(builder: ViewBuilder, stage: TfResource) -> None:
    """`set` when access_log_settings[0].destination_arn is written (a reference counts), else `absent`."""
    if is_unknown_at(stage, "access_log_settings"):
        value = UNKNOWN
    elif not stage.value("access_log_settings"):
        value = ABSENT
    elif is_unknown_at(stage, "access_log_settings", 0, "destination_arn"):
        value = "set"  # a reference, or a value only deployment settles: written all the same
    else:
        destination = stage.value("access_log_settings", 0, "destination_arn")
        members = destination.values if isinstance(destination, Alternatives) else (destination,)
        value = choice_of([ABSENT if m is None else "set" for m in members])
    builder.setting(VIEW, stage.address, KIND, "access_log", value, written=stage.as_written("access_log_settings"))


def method_settings_by_stage(index: Index) -> tuple[dict[str, list[TfResource]], dict[str, Any]]:
    """The stage-wide method settings (`*/*`) of each stage address, and the modules where one names a
    stage only deployment settles (each REST stage there may get its settings: unknown)."""
    stages = index.of_type(REST_STAGE)
    linked: dict[str, list[TfResource]] = defaultdict(list)
    unsettled: dict[str, Any] = {}
    for settings in index.of_type(METHOD_SETTINGS):
        if settings.value("method_path") != "*/*":
            continue
        targets = index.referenced(settings, "stage_name", REST_STAGE) or _named_stages(settings, stages)
        if not targets and is_unknown_at(settings, "stage_name"):
            unsettled[settings.module] = settings.as_written("stage_name")
        for stage in targets:
            linked[stage.address].append(settings)
    return linked, unsettled


def _named_stages(settings: TfResource, stages: list[TfResource]) -> list[TfResource]:
    """The stages of the module whose known name is the settings' `stage_name` and whose `rest_api_id`
    is written the same way (the same reference or the same known id)."""
    name = settings.value("stage_name")
    if not isinstance(name, str):
        return []
    api = settings.refs.get("rest_api_id") or settings.value("rest_api_id")
    return [s for s in stages if s.module == settings.module and s.value("stage_name") == name
            and (s.refs.get("rest_api_id") or s.value("rest_api_id")) == api]
