"""SAS-10: improper exception handling and verbose error messages — debugging switched on in deployed
environment variables (FG_10_01), Lambda log levels that write debug detail (FG_10_02), REST APIs that answer
errors with API Gateway's own messages (FG_10_03) and stages that log execution at INFO (FG_10_04). The Rego
twins are rego/faasguard/rules/fg_10_01 … fg_10_04."""
from __future__ import annotations

from faasguard.model import throttling
from faasguard.model.decide import decide
from faasguard.model.views import Views
from faasguard.rules.base import (ALTERNATIVES_DISAGREE, Context, Undecided, Violation, affected, by_resource,
                                  functions_of, rule)


ANY_VALUE = "*"
DEBUG_LEVELS = frozenset({"DEBUG", "TRACE"})
LOG_LEVELS = ("application_log_level", "system_log_level")


def debug_switches(entries: tuple[str, ...]) -> dict[str, set[str]]:
    """The `debug_variables` setting (NAME=value entries) as upper-cased name → lower-cased values."""
    switches: dict[str, set[str]] = {}
    for entry in entries:
        name, _, value = entry.partition("=")
        switches.setdefault(name.strip().upper(), set()).add(value.strip().lower())
    return switches


def switched_on(switches: dict[str, set[str]], name: str, value: str) -> bool:
    values = switches.get(name.upper(), set())
    return ANY_VALUE in values or value.strip().lower() in values


@rule("FG_10_01", reads=())
def debug_environment(views: Views, context: Context) -> list[Violation]:
    switches = debug_switches(context.settings.debug_variables)
    # only the switches' values matter: an unknown value of another variable is not this rule's
    context.note(Undecided("FG_10_01", u.resource, u.attribute, u.why) for u in views.unknowns
                 if u.view == "environment" and u.attribute.partition(".")[2].upper() in switches)
    found = context.decide("FG_10_01", views.environment, lambda r: switched_on(switches, r.name, r.value))
    return [
        Violation("FG_10_01", resource,
                  "debugging switched on in the deployed environment: "
                  + ", ".join(sorted({f"{r.name}={r.value}" for r in records}))
                  + f" (functions: {affected(functions_of(records))}); remove it, or set it per stage and off in "
                  "deployed stages",
                  functions_of(records))
        for resource, records in by_resource(found).items()
    ]


@rule("FG_10_02", reads=("function_settings:log_format", "function_settings:application_log_level",
                         "function_settings:system_log_level"))
def debug_log_level(views: Views, context: Context) -> list[Violation]:
    """A DEBUG or TRACE level of a function whose logs are JSON (Text logs have no levels)."""
    settings = [s for s in views.function_settings if s.kind == "function"]
    json_formats, undecided_formats = decide([s for s in settings if s.setting == "log_format"],
                                             lambda s: s.value == "JSON")
    json_functions = {f for r in json_formats for f in r.functions}
    levels = [s for s in settings if s.setting in LOG_LEVELS]
    verbose = context.decide("FG_10_02", levels,
                             lambda s: s.value in DEBUG_LEVELS and bool(json_functions & set(s.functions)))
    # a debug level on a function whose format is JSON in some alternatives only: undecided
    debug_functions = {f for s in levels if s.value in DEBUG_LEVELS for f in s.functions}
    context.note(Undecided("FG_10_02", r.resource, r.attribute, ALTERNATIVES_DISAGREE)
                 for r in undecided_formats if debug_functions & set(r.functions))
    found = []
    for resource, records in by_resource(verbose).items():
        functions = tuple(sorted(json_functions & set(functions_of(records))))
        found.append(Violation(
            "FG_10_02", resource,
            "logs at " + ", ".join(sorted({f"{r.setting.replace('_', ' ')} {r.value}" for r in records}))
            + f" (functions: {affected(functions)}): debug output reaches CloudWatch; use INFO or above in "
            "deployed stages",
            functions))
    return found


# FG_10_03: setting → the gateway response type it says the API declares
_RESPONSES = {"default_4xx_response": "DEFAULT_4XX", "default_5xx_response": "DEFAULT_5XX"}


@rule("FG_10_03", reads=("api_settings:default_4xx_response", "api_settings:default_5xx_response"))
def default_gateway_responses(views: Views, context: Context) -> list[Violation]:
    records = [s for s in views.api_settings if s.kind == throttling.REST_API and s.setting in _RESPONSES]
    missing = context.decide("FG_10_03", records, lambda s: s.value == "false")
    violations = []
    for resource, found in by_resource(missing).items():
        types = sorted(_RESPONSES[r.setting] for r in found)
        api = f"the implicit REST API of {resource}" if functions_of(found) == (resource,) else f"REST API {resource}"
        violations.append(Violation(
            "FG_10_03", resource,
            f"{api} defines no {' or '.join(types)} gateway response (functions: {affected(functions_of(found))}); "
            "API Gateway then answers errors with its own messages: define generic DEFAULT_4XX and DEFAULT_5XX "
            "responses", functions_of(found)))
    return violations


@rule("FG_10_04", reads=("api_settings:execution_logging",))
def info_execution_logs(views: Views, context: Context) -> list[Violation]:
    records = [s for s in views.api_settings if s.kind == "stage" and s.setting == "execution_logging"]
    verbose = context.decide("FG_10_04", records, lambda s: s.value == "INFO")
    return [Violation(
        "FG_10_04", resource,
        f"{throttling.stage_label(resource, throttling.REST_STAGE, functions_of(found))} logs execution at INFO "
        f"(functions: "
        f"{affected(functions_of(found))}): INFO logs record request details and full error messages; "
        "log at ERROR", functions_of(found))
        for resource, found in by_resource(verbose).items()]
