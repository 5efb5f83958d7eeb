"""CloudFormation and SAM: state machine tracing, function alarms and CloudTrail data events (FG_05_05 …
FG_05_07) → monitoring_settings (docs/model.md, "Monitoring settings").

`resource_views` reads the plain CloudFormation types of any Template (Serverless `resources.Resources`
too, with the Host naming the functions the Framework generates); `add_views` adds the SAM state machines.
The twin is rego/faasguard/lib/monitoring.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_exposure import SAM_STATE_MACHINE, STATE_MACHINE, flag, setting
from faasguard.model.template_references import Host, References
from faasguard.model.values import UNKNOWN, is_map

VIEW = "monitoring_settings"
ALARM = "AWS::CloudWatch::Alarm"
TRAIL = "AWS::CloudTrail::Trail"
LAMBDA_NAMESPACE = "AWS/Lambda"
LAMBDA_DATA_TYPE = "AWS::Lambda::Function"
# a metric, or the functions of an alarm, that only deployment settles: the alarm may be any of them
ANY = "*"
# the state machine logging configuration key and tracing key of each type
_MACHINES = {STATE_MACHINE: ("LoggingConfiguration", "TracingConfiguration"), SAM_STATE_MACHINE: ("Logging", "Tracing")}


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the monitoring records of the document to the builder."""
    names = {name: rid for rid, (_, props) in functions.items()
             if isinstance(name := template.known(props.get("FunctionName")), str)}
    resource_views(template, builder, Host(), names, sorted(functions))
    for rid in template.of_type(SAM_STATE_MACHINE):
        state_machine(builder, rid, template, template.properties(rid), *_MACHINES[SAM_STATE_MACHINE])


def resource_views(template: Template, builder: ViewBuilder, host: Host, names: dict[Any, str],
                   every: list[str]) -> None:
    """The monitoring records of the plain CloudFormation resources of a template; `names` maps known
    function names to function ids (an alarm may name its function so), `every` lists the functions of
    the document (an alarm whose function only deployment settles may watch any of them)."""
    for rid in template.of_type(STATE_MACHINE):
        state_machine(builder, rid, template, template.properties(rid), *_MACHINES[STATE_MACHINE])
    refs = References(template, host)
    for rid in template.of_type(ALARM):
        _alarm(template, builder, rid, refs, names, every)
    for rid in template.of_type(TRAIL):
        _trail(template, builder, rid)


# --- state machines ---------------------------------------------------------------------------------


def state_machine(builder: ViewBuilder, rid: str, template: Template, props: dict[str, Any], logging_key: str,
                  tracing_key: str) -> None:
    """`tracing` (X-Ray, default off) of every state machine, and `log_level` OFF (AWS's default) for one
    without logging configuration (api_settings holds the level of the others: cloudformation_exposure)."""
    written = props.get(tracing_key)
    builder.setting(VIEW, rid, "state_machine", "tracing",
                    setting(template, props, tracing_key, "Enabled", default="false", known=flag),
                    written=written.get("Enabled") if is_map(written) else written)
    if props.get(logging_key) is None:
        builder.setting(VIEW, rid, "state_machine", "log_level", "OFF")


# --- alarms -----------------------------------------------------------------------------------------


def alarm_records(builder: ViewBuilder, rid: str, metric: Any, watched: Iterable[str], why: str | None) -> None:
    """One `alarm_metric` record of an alarm on a Lambda metric (`metric` the name, ANY when unknown) for
    the functions it watches; `why` says what only deployment settles (an undecided notice)."""
    functions = sorted(set(watched))
    if not functions:
        return  # an alarm on all functions together (no FunctionName dimension) watches none of them
    builder.setting(VIEW, rid, "alarm", "alarm_metric", metric, functions)
    if why:
        builder.unknown_because(rid, VIEW, "alarm_metric", why, functions)


def _metrics(template: Template, props: dict[str, Any]) -> list[dict[str, Any]]:
    """The metrics an alarm watches: its own (Namespace, MetricName, Dimensions) and each `Metrics[]`
    entry's `MetricStat.Metric` (metric math: each metric it reads)."""
    found = [props] if "MetricName" in props else []
    for entry in template.entries(props.get("Metrics")):
        metric = template.branch(entry)
        stat = template.branch(metric.get("MetricStat")) if is_map(metric) else None
        metric = template.branch(stat.get("Metric")) if is_map(stat) else None
        if is_map(metric):
            found.append(metric)
    return found


def _alarm(template: Template, builder: ViewBuilder, rid: str, refs: References, names: dict[Any, str],
           every: list[str]) -> None:
    for metric in _metrics(template, template.properties(rid)):
        namespace = template.known(metric.get("Namespace"))
        if namespace is not None and namespace != LAMBDA_NAMESPACE:
            continue
        name = template.known(metric.get("MetricName"))
        watched, unsettled = _dimension_functions(template, refs, metric.get("Dimensions"), names, every)
        why = "; ".join(reason for reason, unknown in (
            ("the namespace only deployment settles", namespace is None),
            ("the metric name only deployment settles", not isinstance(name, str)),
            ("the FunctionName dimension only deployment settles: the alarm may watch any function", unsettled))
            if unknown)
        alarm_records(builder, rid, name if isinstance(name, str) else ANY, watched, why)


def _dimension_functions(template: Template, refs: References, dimensions: Any, names: dict[Any, str],
                         every: list[str]) -> tuple[list[str], bool]:
    """(the functions the FunctionName dimension names, whether only deployment settles it). No
    FunctionName dimension: the metric of all functions together, which watches none of them."""
    for entry in template.entries(dimensions):
        dimension = template.branch(entry)
        if not is_map(dimension) or template.known(dimension.get("Name")) != "FunctionName":
            continue
        value = dimension.get("Value")
        named = refs.functions(value)
        if named:
            return list(named), False
        known = template.known(value)
        if isinstance(known, str):
            return ([names[known]] if known in names else []), False
        # another resource of the template (an alias, a nested stack's output) names no function here
        declared = {template.type_of(rid) for rid in template.resources}
        return ([], False) if refs.ids(value, *declared) else (every, True)
    return [], False


# --- trails -----------------------------------------------------------------------------------------


def _trail(template: Template, builder: ViewBuilder, rid: str) -> None:
    """`lambda_data_events`: whether a data resource type or an advanced selector's `resources.type`
    is AWS::Lambda::Function; unknown when none is and a selector, a data resource or a type is
    something only deployment settles."""
    props = template.properties(rid)
    unsettled: list[Any] = []
    types = [data.get("Type") for selector in _maps(template, props.get("EventSelectors"), unsettled)
             for data in _maps(template, selector.get("DataResources"), unsettled)]
    for selector in _maps(template, props.get("AdvancedEventSelectors"), unsettled):
        for field in _maps(template, selector.get("FieldSelectors"), unsettled):
            if template.known(field.get("Field")) == "resources.type":
                types += template.entries(field.get("Equals"))
    known = [template.known(t) for t in types]
    unsettled += [t for t, k in zip(types, known) if k is None]
    value = "true" if LAMBDA_DATA_TYPE in known else UNKNOWN if unsettled else "false"
    builder.setting(VIEW, rid, "trail", "lambda_data_events", value, written=unsettled[0] if unsettled else None)


def _maps(template: Template, value: Any, unsettled: list[Any]) -> list[dict[str, Any]]:
    """The entries of a list property that are maps (through known Fn::If); the others go to `unsettled`."""
    entries = [template.branch(e) for e in template.entries(value)]
    unsettled += [e for e in entries if not is_map(e)]
    return [e for e in entries if is_map(e)]
