"""Terraform modules and plans: state machine tracing, function alarms and CloudTrail data events (FG_05_05 …
FG_05_07) → monitoring_settings (docs/model.md, "Monitoring settings"). The twin is
rego/faasguard/lib/terraform/monitoring.rego, fed by the adapters' monitoring.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation_exposure import flag
from faasguard.model.cloudformation_monitoring import ANY, LAMBDA_DATA_TYPE, LAMBDA_NAMESPACE, VIEW, alarm_records
from faasguard.model.terraform import Index, TfResource
from faasguard.model.terraform_apis import is_unknown_at, is_unknown_inside, functions_in, functions_named
from faasguard.model.terraform_exposure import block_written, setting_value
from faasguard.model.terraform_triggers import blocks_of, listed_items
from faasguard.model.values import UNKNOWN


def add_views(index: Index, builder: ViewBuilder) -> None:
    """Add the monitoring records of the document to the builder."""
    for machine in index.of_type("aws_sfn_state_machine"):
        _state_machine(builder, machine)
    every = sorted(f.address for f in index.of_type("aws_lambda_function"))
    for alarm in index.of_type("aws_cloudwatch_metric_alarm"):
        _alarm(index, builder, alarm, every)
    for trail in index.of_type("aws_cloudtrail"):
        _trail(builder, trail)


def _state_machine(builder: ViewBuilder, machine: TfResource) -> None:
    """tracing_configuration.enabled (provider default false); level OFF (the default) without a
    logging_configuration block (terraform_exposure records the level of the others in api_settings)."""
    builder.setting(VIEW, machine.address, "state_machine", "tracing",
                    setting_value(machine, "tracing_configuration", 0, "enabled", default="false", known=_flag),
                    written=machine.as_written("tracing_configuration", 0, "enabled"))
    if not block_written(machine, "logging_configuration", 0):
        builder.setting(VIEW, machine.address, "state_machine", "log_level", "OFF")


def _flag(value: Any) -> Any:
    return flag(value) if not isinstance(value, list) else UNKNOWN


def _alarm(index: Index, builder: ViewBuilder, alarm: TfResource, every: list[str]) -> None:
    """An alarm on a Lambda metric: `namespace` AWS/Lambda (or unknown), `metric_name`, and the function
    its `dimensions.FunctionName` names (by reference, through an alias, or by known name)."""
    namespace = alarm.value("namespace")
    if is_unknown_at(alarm, "namespace"):
        namespace = None
    elif namespace != LAMBDA_NAMESPACE:
        return
    name = None if is_unknown_at(alarm, "metric_name") else alarm.value("metric_name")
    # a module writes the dimensions map as a one-element list (conftest's shape), a plan as a map
    path = ("dimensions", 0, "FunctionName") if isinstance(alarm.value("dimensions"), list) \
        else ("dimensions", "FunctionName")
    named = alarm.value(*path)
    watched = sorted(functions_named(index, alarm, "dimensions")
                     | (functions_in(index, alarm, named) if isinstance(named, str) else set()))
    unsettled = not watched and is_unknown_at(alarm, *path)
    why = "; ".join(reason for reason, unknown in (
        ("the namespace only deployment settles", namespace is None),
        ("the metric name only deployment settles", not isinstance(name, str)),
        ("the FunctionName dimension only deployment settles: the alarm may watch any function", unsettled))
        if unknown)
    alarm_records(builder, alarm.address, name if isinstance(name, str) else ANY, every if unsettled else watched,
                  why)


def _trail(builder: ViewBuilder, trail: TfResource) -> None:
    """`lambda_data_events`: an event_selector data_resource `type`, or an advanced_event_selector
    field_selector on `resources.type` whose `equals` holds, AWS::Lambda::Function; unknown when none
    does and a selector block, a data_resource `type` or an advanced selector value only deployment
    settles (which ARNs a data_resource lists does not matter)."""
    data_types = [data.get("type") for selector in blocks_of(trail.value("event_selector"))
                  for data in blocks_of(selector.get("data_resource"))]
    types = list(data_types)
    for selector in blocks_of(trail.value("advanced_event_selector")):
        for field in blocks_of(selector.get("field_selector")):
            if field.get("field") == "resources.type":
                types += listed_items(field.get("equals"))  # the loader writes a one-entry list as its entry
    unsettled = (any(is_unknown_at(trail, block) for block in ("event_selector", "advanced_event_selector"))
                 or any(not isinstance(t, str) for t in data_types)
                 or is_unknown_inside(trail, "advanced_event_selector"))
    value = "true" if LAMBDA_DATA_TYPE in types else UNKNOWN if unsettled else "false"
    builder.setting(VIEW, trail.address, "trail", "lambda_data_events", value,
                    written=trail.as_written("event_selector") if unsettled else None)
