"""SAS-5: inadequate function monitoring and logging."""
from __future__ import annotations

from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


@rule("FG_05_01", reads=("tracing",))
def tracing_not_active(views: Views, context: Context) -> list[Violation]:
    untraced = context.decide("FG_05_01", views.tracing, lambda r: r.mode != "Active")
    violations = []
    for resource, records in by_resource(untraced).items():
        modes = sorted({"not configured" if r.mode == ABSENT else r.mode for r in records})
        violations.append(Violation(
            "FG_05_01", resource,
            f"X-Ray tracing is {' / '.join(modes)} (functions: {affected(functions_of(records))}); set it to Active",
            functions_of(records)))
    return violations


# ------------------------------------------------------------------------------------------- FG_05_02

def _never_expires(value: str) -> bool:
    return value in (ABSENT, "0")


def _retention_too_short(value: str, min_days: int) -> bool:
    """Never expires (unset or 0), or a finite retention below the setting; other text is not a number
    of days (deployment would reject it)."""
    return _never_expires(value) or (value.isdigit() and int(value) < min_days)


@rule("FG_05_02", reads=("function_settings:log_group", "function_settings:logs_disabled",
                         "store_settings:retention_days"))
def log_retention(views: Views, context: Context) -> list[Violation]:
    min_days = context.settings.log_retention_min_days
    settings = [r for r in views.function_settings if r.kind == "function"]
    missing = context.decide("FG_05_02", [r for r in settings if r.setting == "log_group"], lambda r: r.value == ABSENT)
    disabled = context.decide("FG_05_02", [r for r in settings if r.setting == "logs_disabled"],
                              lambda r: r.value == "true")
    groups = [r for r in views.store_settings if r.kind == "log_group" and r.setting == "retention_days" and r.functions]
    short = context.decide("FG_05_02", groups, lambda r: _retention_too_short(r.value, min_days))
    violations = []
    for resource, records in by_resource(missing).items():
        violations.append(Violation(
            "FG_05_02", resource,
            f"no log group of this document is the log group of {affected(functions_of(records))}: Lambda creates "
            "/aws/lambda/<function name> on the first invocation, with no retention; declare it with a retention",
            functions_of(records)))
    for resource, records in by_resource(disabled).items():
        violations.append(Violation(
            "FG_05_02", resource,
            f"logs are disabled for {affected(functions_of(records))} (disableLogs: true); remove disableLogs",
            functions_of(records)))
    for resource, records in by_resource(short).items():
        values = sorted({"forever" if _never_expires(r.value) else f"{r.value} days" for r in records})
        violations.append(Violation(
            "FG_05_02", resource,
            f"the log group of {affected(functions_of(records))} keeps logs {' / '.join(values)}; set a retention "
            f"of at least {min_days} days", functions_of(records)))
    return violations


def _stage_settings(views: Views, setting: str) -> list:
    return [s for s in views.api_settings if s.kind == "stage" and s.setting == setting]


def _stage_name(resource: str, records: list, api: str = "API") -> str:
    """The stage a finding names: SAM's implicit APIs are reported on the function whose events create them."""
    return f"the implicit {api} of {resource}" if functions_of(records) == (resource,) else f"{api} stage {resource}"


@rule("FG_05_03", reads=("api_settings:access_log",))
def stage_without_access_log(views: Views, context: Context) -> list[Violation]:
    missing = context.decide("FG_05_03", _stage_settings(views, "access_log"), lambda s: s.value == ABSENT)
    return [
        Violation("FG_05_03", resource,
                  f"{_stage_name(resource, records)} writes no access logs "
                  f"(functions: {affected(functions_of(records))}); "
                  "send them to a CloudWatch log group or Firehose",
                  functions_of(records))
        for resource, records in by_resource(missing).items()
    ]


# FG_05_04: setting → (whether a value misses the control, how the message names it)
_REST_STAGE_GAPS = {
    "execution_logging": (lambda v: v not in ("ERROR", "INFO"), lambda v: f"execution logging {v}"),
    "metrics": (lambda v: v != "true", lambda v: "detailed metrics off"),
    "tracing": (lambda v: v != "true", lambda v: "X-Ray tracing off"),
}


@rule("FG_05_04", reads=("api_settings:execution_logging", "api_settings:metrics", "api_settings:tracing"))
def rest_stage_monitoring(views: Views, context: Context) -> list[Violation]:
    gaps = [record for setting, (misses, _) in _REST_STAGE_GAPS.items()
            for record in context.decide("FG_05_04", _stage_settings(views, setting),
                                         lambda s, m=misses: m(s.value))]
    violations = []
    for resource, records in by_resource(gaps).items():
        what = sorted({_REST_STAGE_GAPS[r.setting][1](r.value) for r in records})
        violations.append(Violation(
            "FG_05_04", resource,
            f"{_stage_name(resource, records, 'REST API')}: {', '.join(what)} "
            f"(functions: {affected(functions_of(records))}); "
            "log execution at ERROR or INFO, enable detailed metrics and X-Ray tracing",
            functions_of(records)))
    return violations


# --- FG_05_05 … FG_05_07: state machines, function alarms, CloudTrail data events (monitoring_settings) ---

_QUIET_LEVELS = ("OFF", "FATAL")
# the Lambda metrics every function needs an alarm on (FG_05_06)
_ALARMED_METRICS = ("Errors", "Throttles")


def _machine_settings(views: Views, name: str) -> list:
    """State machine records of `name` ("tracing", "log_level"): the level from api_settings (where the
    logging configuration is written) and monitoring_settings (none written; serverless-step-functions,
    whose settings are named `stateMachines.<m>.<name>`)."""
    return [s for s in (*views.api_settings, *views.monitoring_settings)
            if s.kind == "state_machine" and s.setting.rpartition(".")[2] == name]


def _machine_name(record) -> str:
    """The state machine a record describes: its resource, or the plugin's key in its setting."""
    prefix = record.setting.rpartition(".")[0]
    return prefix.removeprefix("stateMachines.") or record.resource


@rule("FG_05_05", reads=("api_settings:log_level", "monitoring_settings:tracing",
                         "monitoring_settings:log_level", "monitoring_settings:stateMachines.*"))
def state_machine_unobserved(views: Views, context: Context) -> list[Violation]:
    quiet = context.decide("FG_05_05", _machine_settings(views, "log_level"), lambda s: s.value in _QUIET_LEVELS)
    untraced = context.decide("FG_05_05", _machine_settings(views, "tracing"), lambda s: s.value != "true")
    problems: dict[str, dict[str, list[str]]] = {}
    for record in quiet:
        problems.setdefault(record.resource, {}).setdefault(_machine_name(record), []).append(
            f"logs at level {record.value}")
    for record in untraced:
        problems.setdefault(record.resource, {}).setdefault(_machine_name(record), []).append("has no X-Ray tracing")
    return [Violation("FG_05_05", resource,
                      "; ".join(f"state machine {name} {' and '.join(sorted(set(what)))}"
                                for name, what in sorted(machines.items()))
                      + "; log at level ERROR or ALL and enable X-Ray tracing", ())
            for resource, machines in sorted(problems.items())]


@rule("FG_05_06", reads=("monitoring_settings:alarm_metric",))
def function_without_alarms(views: Views, context: Context) -> list[Violation]:
    watched: dict[str, set[str]] = {}
    for alarm in (s for s in views.monitoring_settings if s.kind == "alarm" and s.setting == "alarm_metric"):
        for function in alarm.functions:
            watched.setdefault(function, set()).add(alarm.value)
    violations = []
    for function in views.functions:
        metrics = watched.get(function.resource, set())
        missing = [] if "*" in metrics else [m for m in _ALARMED_METRICS if m not in metrics]
        if missing:
            violations.append(Violation(
                "FG_05_06", function.resource,
                f"function {function.resource} has no CloudWatch alarm on its AWS/Lambda {' and '.join(missing)} "
                f"metric{'s' if len(missing) > 1 else ''}; add alarms with dimension FunctionName naming it",
                (function.resource,)))
    return violations


@rule("FG_05_07", reads=("monitoring_settings:lambda_data_events",))
def trail_without_lambda_data_events(views: Views, context: Context) -> list[Violation]:
    trails = [s for s in views.monitoring_settings if s.kind == "trail" and s.setting == "lambda_data_events"]
    return [Violation("FG_05_07", r.resource,
                      f"CloudTrail trail {r.resource} does not log Lambda data events (Invoke); add a data resource "
                      "or advanced event selector for AWS::Lambda::Function", ())
            for r in context.decide("FG_05_07", trails, lambda s: s.value == "false")]
