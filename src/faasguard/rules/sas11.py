"""SAS-11: obsolete functions, cloud resources and event triggers (what is deployed and no longer used,
maintained or owned)."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model import lifecycle, limits, usage
from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, merged_by_resource, rule
from faasguard.rules.runtime_lifecycle import deprecated_runtimes, deprecation_text


# what each sprawling `old_versions` value means, for the message
_SPRAWL = {
    lifecycle.RETAINED: "keeps the versions it publishes when they are replaced (nothing deletes or prunes them)",
    lifecycle.UNALIASED: "publishes a version on every change and no alias points at the function",
}


def _settings(views: Views, setting: str) -> list:
    return [s for s in views.function_settings if s.setting == setting]


@rule("FG_11_01", reads=("runtimes",))
def obsolete_runtime(views: Views, context: Context) -> list[Violation]:
    """The data and verdict of FG_06_01, told as an obsolete function to retire or upgrade."""
    return [
        Violation("FG_11_01", resource,
                  f"obsolete runtime: {deprecation_text(records)} (functions: {affected(functions_of(records))}); "
                  "retire the function if it is no longer used, else upgrade it", functions_of(records))
        for resource, records in deprecated_runtimes("FG_11_01", views, context).items()
    ]


@rule("FG_11_02", reads=("function_settings:trigger_enabled",))
def disabled_trigger(views: Views, context: Context) -> list[Violation]:
    disabled = context.decide("FG_11_02", _settings(views, lifecycle.TRIGGER_ENABLED), lambda s: s.value == "false")
    found = []
    for resource, records in by_resource(disabled).items():
        events = sorted(r.kind.removeprefix("event ") for r in records if r.kind != lifecycle.TRIGGER)
        what = f"declares disabled events {', '.join(events)}" if events else \
            f"is a disabled trigger (of {affected(functions_of(records))})"
        found.append(Violation("FG_11_02", resource, f"{resource} {what}: remove it if it is obsolete, or document "
                               "why it stays", functions_of(records)))
    return found


@rule("FG_11_05", reads=("function_settings:old_versions",))
def version_sprawl(views: Views, context: Context) -> list[Violation]:
    sprawling = context.decide("FG_11_05", _settings(views, lifecycle.VERSIONS),
                               lambda s: s.value in lifecycle.SPRAWLING)
    return [Violation("FG_11_05", resource,
                      f"{resource} {'; '.join(sorted({_SPRAWL[r.value] for r in records}))} "
                      f"(functions: {affected(functions_of(records))}): old versions pile up", functions_of(records))
            for resource, records in by_resource(sprawling).items()]


@rule("FG_11_06", reads=("function_settings:tag",))
def missing_ownership_tags(views: Views, context: Context) -> list[Violation]:
    """A function without every required tag key, its own or inherited (a `*` key: tags only deployment
    settles, undecided)."""
    keys: dict[str, set[str]] = defaultdict(set)
    for record in _settings(views, limits.TAG):
        for function in record.functions:
            keys[function].add(record.value)
    required = list(context.settings.required_tags)
    found = []
    for function in views.functions:
        present = keys[function.resource]
        missing = [k for k in required if k not in present]
        if missing and lifecycle.ANY_KEY not in present:
            found.append(Violation("FG_11_06", function.resource,
                                   f"{function.resource} has no {', '.join(missing)} tag: no one can tell who owns "
                                   "it, what data it handles or when it may be retired", (function.resource,)))
    return found


def _invoked(views: Views) -> set[str]:
    """The functions a trigger, an API integration, a resource-policy statement or a URL of the views reaches
    (also those linked by a known name or ARN, which the references of the usage records do not see)."""
    records = [*views.event_sources, *views.api_operations, *views.lambda_permissions, *views.function_urls]
    return set(functions_of(records))


@rule("FG_11_03", reads=("function_settings:invoked_by", "function_settings:concurrency_disabled"))
def functions_never_invoked(views: Views, context: Context) -> list[Violation]:
    """A function nothing of the document invokes, references or exports (on the function), and a function
    whose reserved concurrency is 0 (on the function: it cannot run)."""
    invoked = _invoked(views)
    found = [Violation("FG_11_03", s.resource,
                       f"function {s.resource} has no invocation path: no event, trigger, API integration, "
                       "permission, URL, output or other resource invokes or references it", s.functions)
             for s in views.function_settings
             if s.setting == usage.INVOKED_BY and s.value == ABSENT and s.resource not in invoked]
    disabled = context.decide("FG_11_03", [s for s in views.function_settings
                                           if s.setting == usage.CONCURRENCY_DISABLED], lambda s: s.value == "true")
    found += [Violation("FG_11_03", resource, f"function {resource} has reserved concurrency 0: it is disabled",
                        functions_of(records)) for resource, records in by_resource(disabled).items()]
    return merged_by_resource(found)


@rule("FG_11_04", reads=("function_settings:referenced_by", "function_settings:deletion_policy",
                         "function_settings:update_replace_policy"))
def unused_roles_and_retained_functions(views: Views, context: Context) -> list[Violation]:
    """A role no resource, output or module of the document references (on the role), and a function the
    stack keeps when it deletes or replaces it (DeletionPolicy / UpdateReplacePolicy Retain; on the function)."""
    found = [Violation("FG_11_04", s.resource,
                       f"IAM role {s.resource} is not used: no function, service, output or module of this document "
                       "references it", ()) for s in views.function_settings
             if s.kind == usage.ROLE_KIND and s.setting == usage.REFERENCED_BY and s.value == ABSENT]
    policies = {name: attribute for attribute, name in usage.RETENTION_ATTRIBUTES.items()}
    retained = context.decide("FG_11_04", [s for s in views.function_settings if s.setting in policies],
                              lambda s: s.value in usage.RETAINING)
    found += [Violation("FG_11_04", resource,
                        f"function {resource} is retained by the stack ("
                        + ", ".join(sorted(f"{policies[r.setting]} {r.value.title()}" for r in records))
                        + "): it and its permissions outlive the stack", functions_of(records))
              for resource, records in by_resource(retained).items()]
    return merged_by_resource(found)
