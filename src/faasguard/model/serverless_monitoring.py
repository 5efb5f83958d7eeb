"""Serverless: state machine tracing and level, function alarms and CloudTrail data events (FG_05_05 …
FG_05_07) → monitoring_settings (docs/model.md, "Monitoring settings"):
- serverless-step-functions `stepFunctions.stateMachines.<m>` (`tracingConfig.enabled`, `loggingConfig.level`),
  on `provider` (Checkov reports a Serverless file only on `provider`, its functions and `resources`), the
  setting named after the machine: `stateMachines.<m>.tracing`, `stateMachines.<m>.log_level`;
- serverless-plugin-aws-alerts `custom.alerts.alarms` (on `provider`, every function) and
  `functions.<f>.alarms` (on `<f>`), each entry a definition name or a map (`name`, `metric`, `namespace`);
- `resources.Resources`, read by cloudformation_monitoring.resource_views.
The twin is rego/faasguard/adapters/serverless/monitoring.rego.
"""
from __future__ import annotations

from typing import Any

from faasguard.model import cloudformation_monitoring
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template
from faasguard.model.cloudformation_exposure import flag, upper_text
from faasguard.model.cloudformation_monitoring import ANY, LAMBDA_NAMESPACE, VIEW, alarm_records
from faasguard.model.serverless_apis import lambda_logical_id
from faasguard.model.template_references import Host
from faasguard.model.values import UNKNOWN, choice_of, get_path, is_map

PROVIDER = "provider"
# the plugin's own definitions (serverless-plugin-aws-alerts, src/defaults/definitions.js): their metrics
BUILT_IN_ALARMS = {"functionErrors": "Errors", "functionThrottles": "Throttles",
                   "functionInvocations": "Invocations", "functionDuration": "Duration"}


def add_views(service, builder: ViewBuilder) -> None:
    """Add the monitoring records of the document to the builder."""
    _state_machines(service, builder)
    _alerts(service, builder)
    resources = service.merged(service.data.get("resources"))
    if is_map(resources):
        host = Host(functions={lambda_logical_id(key): key for key in service.functions})
        names = {name: key for key, body in service.functions.items()
                 if isinstance(name := service.resolve(body.get("name")), str)}
        cloudformation_monitoring.resource_views(Template(resources), builder, host, names, sorted(service.functions))


# --- serverless-step-functions ----------------------------------------------------------------------


def _state_machines(service, builder: ViewBuilder) -> None:
    machines = service.resolve(get_path(service.data, "stepFunctions", "stateMachines"))
    for key, machine in machines.items() if is_map(machines) else ():
        machine = service.resolve(machine)
        if not is_map(machine):
            continue
        for setting, block, attribute, default, known in (("tracing", "tracingConfig", "enabled", "false", flag),
                                                          ("log_level", "loggingConfig", "level", "OFF", upper_text)):
            settings = service.resolve(machine.get(block))
            written = settings.get(attribute) if is_map(settings) else settings  # unset, or unknown
            builder.setting(VIEW, PROVIDER, "state_machine", f"stateMachines.{key}.{setting}",
                            _choice(service, written, default, known), written=written)


def _choice(service, written: Any, default: Any, known) -> Any:
    value = service.resolve(written)
    return default if value is None else UNKNOWN if value is UNKNOWN else choice_of([known(value)])


# --- serverless-plugin-aws-alerts -------------------------------------------------------------------


def _alerts(service, builder: ViewBuilder) -> None:
    written = get_path(service.data, "custom", "alerts")
    alerts = service.resolve(written)
    if alerts is UNKNOWN:  # the whole block only deployment settles: it may alarm on anything
        alarm_records(builder, PROVIDER, ANY, list(service.functions), service.why_unknown(written))
    alerts = alerts if is_map(alerts) else {}
    definitions = service.resolve(alerts.get("definitions"))
    definitions = definitions if is_map(definitions) else {}
    _alarm_list(service, builder, PROVIDER, alerts.get("alarms"), definitions, list(service.functions))
    for key, function in service.functions.items():
        _alarm_list(service, builder, key, function.get("alarms"), definitions, [key])


def _alarm_list(service, builder: ViewBuilder, resource: str, written: Any, definitions: dict[str, Any],
                functions: list[str]) -> None:
    listed = service.resolve(written)
    if listed is UNKNOWN:  # a list only deployment settles: any alarm
        alarm_records(builder, resource, ANY, functions, service.why_unknown(written))
    for entry in listed if isinstance(listed, list) else []:
        namespace, metric = _definition(service, service.resolve(entry), definitions)
        if (metric is not UNKNOWN and not isinstance(metric, str)) \
                or (namespace is not UNKNOWN and namespace != LAMBDA_NAMESPACE):
            continue  # a name the plugin does not define, or another namespace
        unknown = namespace is UNKNOWN or metric is UNKNOWN
        alarm_records(builder, resource, metric if isinstance(metric, str) else ANY, functions,
                      service.why_unknown(entry) if unknown else None)


def _definition(service, entry: Any, definitions: dict[str, Any]) -> tuple[Any, Any]:
    """(namespace, metric) of an alarm entry: a definition name, or a map whose `name` names a
    definition it overrides; the namespace defaults to AWS/Lambda; UNKNOWN for what does not resolve."""
    own = entry if is_map(entry) else {}
    name = service.resolve(own.get("name")) if is_map(entry) else entry
    if not isinstance(name, str) and not is_map(entry):
        return UNKNOWN, UNKNOWN
    defined = service.resolve(definitions.get(name)) if isinstance(name, str) else None
    defined = defined if is_map(defined) else {}
    metric = own.get("metric", defined.get("metric", BUILT_IN_ALARMS.get(name) if isinstance(name, str) else None))
    namespace = service.resolve(own.get("namespace", defined.get("namespace", LAMBDA_NAMESPACE)))
    return namespace, service.resolve(metric)
