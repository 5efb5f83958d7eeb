"""SAS-8: denial of service and financial resource exhaustion — the limits a function runs within (FG_08_01,
FG_08_02, FG_08_03, FG_08_05, FG_08_07), API stage throttling (FG_08_04) and failures that are neither bounded
nor routed (FG_08_06)."""
from __future__ import annotations

from collections import defaultdict

from faasguard.model import failures, limits, throttling
from faasguard.model.views import ABSENT, Views
from faasguard.rules.base import Context, Violation, affected, by_resource, functions_of, rule


def _limit_settings(views: Views, setting: str) -> list:
    return [s for s in views.function_settings if s.kind == limits.KIND and s.setting == setting]


def _number(record) -> int:
    """A limit record's whole number (the records hold whole-number text, or `absent`)."""
    return int(record.value) if record.value.lstrip("-").isdigit() else 0


def _values(records: list) -> str:
    return ", ".join(sorted({r.value for r in records}))


def _findings(rule_id: str, violating: list, problem) -> list[Violation]:
    """One finding per resource carrying violating records; `problem(resource, records)` says what is wrong."""
    return [Violation(rule_id, resource, f"{problem(resource, records)} (functions: {affected(functions_of(records))})",
                      functions_of(records))
            for resource, records in by_resource(violating).items()]


@rule("FG_08_01", reads=("function_settings:reserved_concurrency",))
def unreserved_concurrency(views: Views, context: Context) -> list[Violation]:
    """A function that reserves no concurrency (0 disables it: FG_11_03's), or more than the ceiling."""
    ceiling = context.settings.max_reserved_concurrency
    violating = context.decide("FG_08_01", _limit_settings(views, limits.RESERVED),
                               lambda s: s.value == ABSENT or 0 < ceiling < _number(s))
    return _findings("FG_08_01", violating, lambda resource, records: (
        f"{resource} reserves no concurrency: one flood of events can take the account's whole concurrency"
        if any(r.value == ABSENT for r in records) else
        f"{resource} reserves {_values(records)} concurrent executions, above the ceiling of {ceiling}"))


def _api_fronted(views: Views) -> set[str]:
    return {f for operation in views.api_operations for f in operation.functions}


@rule("FG_08_02", reads=("function_settings:timeout_seconds",))
def unbounded_timeout(views: Views, context: Context) -> list[Violation]:
    """A timeout above the maximum; for a function an API calls, above the API maximum too."""
    settings = context.settings
    fronted = _api_fronted(views)
    api_limit = min(settings.max_timeout_seconds, settings.max_api_timeout_seconds)

    def limit(record) -> int:
        return api_limit if fronted.intersection(record.functions) else settings.max_timeout_seconds

    violating = context.decide("FG_08_02", _limit_settings(views, limits.TIMEOUT), lambda s: _number(s) > limit(s))
    return _findings("FG_08_02", violating, lambda resource, records: (
        f"{resource} lets a function run {_values(records)} s, above the {min(limit(r) for r in records)} s "
        "allowed: a slow or hung call keeps billing and holding concurrency that long"))


@rule("FG_08_03", reads=("function_settings:memory_mb", "function_settings:ephemeral_storage_mb",
                         "function_settings:tag"))
def oversized_function(views: Views, context: Context) -> list[Violation]:
    """Memory from the maximum on, or /tmp above its maximum, for functions without the justification tag."""
    settings = context.settings
    justified = {f for s in _limit_settings(views, limits.TAG) if s.value == settings.size_justification_tag
                 for f in s.functions}

    def unjustified(record) -> bool:
        return not justified.issuperset(record.functions)

    memory = context.decide("FG_08_03", _limit_settings(views, limits.MEMORY),
                            lambda s: _number(s) >= settings.max_memory_mb and unjustified(s))
    storage = context.decide("FG_08_03", _limit_settings(views, limits.EPHEMERAL),
                             lambda s: _number(s) > settings.max_ephemeral_storage_mb and unjustified(s))
    return _findings("FG_08_03", memory + storage, lambda resource, records: (
        f"{resource} sizes a function at " + " and ".join(sorted(
            {f"{r.value} MB of memory" if r.setting == limits.MEMORY else f"{r.value} MB of /tmp" for r in records}))
        + f" without a `{settings.size_justification_tag}` tag saying why: each invocation is billed for it"))


@rule("FG_08_05", reads=("function_settings:recursive_loop",))
def recursive_loop_allowed(views: Views, context: Context) -> list[Violation]:
    allowed = context.decide("FG_08_05", _limit_settings(views, limits.RECURSIVE_LOOP),
                             lambda s: s.value.lower() == "allow")
    return _findings("FG_08_05", allowed, lambda resource, _: (
        f"{resource} turns Lambda's recursive-loop detection off (RecursiveLoop Allow): a function that "
        "triggers itself through a queue, topic or bucket runs and bills without end"))


@rule("FG_08_07", reads=("function_settings:subnet_count",))
def single_subnet(views: Views, context: Context) -> list[Violation]:
    single = context.decide("FG_08_07", _limit_settings(views, limits.SUBNETS), lambda s: s.value == "1")
    return _findings("FG_08_07", single, lambda resource, _: (
        f"{resource} attaches functions to one subnet only: one Availability Zone, and its free IP addresses "
        "cap how many run at once"))


# FG_08_04: limit setting → (the settings field of its ceiling, how a message names it)
_LIMITS = {"throttle_burst": ("api_throttle_max_burst", "burst limit"),
           "throttle_rate": ("api_throttle_max_rate", "rate limit")}


def _over(value: str, ceiling: int) -> bool:
    return value == ABSENT or float(value) > ceiling


@rule("FG_08_04", reads=("api_settings:throttle_*",))
def api_throttling(views: Views, context: Context) -> list[Violation]:
    """A stage fails on a limit when every place writing it (none: absent) exceeds the ceiling; one finding
    per resource (a Serverless provider or a SAM function may carry a REST and an HTTP stage)."""
    gaps: dict[str, dict[str, list[tuple[str, list]]]] = defaultdict(lambda: defaultdict(list))
    for setting, (field, name) in _LIMITS.items():
        ceiling = getattr(context.settings, field)
        records = [s for s in views.api_settings if s.kind in throttling.STAGE_KINDS and s.setting == setting]
        violating = {id(r) for r in context.decide("FG_08_04", records, lambda s, c=ceiling: _over(s.value, c))}
        for (resource, kind), group in _by_stage(records).items():
            if all(id(r) in violating for r in group):
                values = sorted({r.value for r in group} - {ABSENT})
                gaps[resource][kind].append((f"{name} {' / '.join(values)} above {ceiling}" if values else f"no {name}",
                                             group))
    violations = []
    for resource, kinds in gaps.items():
        records = [r for problems in kinds.values() for _, group in problems for r in group]
        stages = [f"{throttling.stage_label(resource, kind, functions_of([r for _, g in problems for r in g]))}: "
                  f"{', '.join(text for text, _ in problems)}" for kind, problems in sorted(kinds.items())]
        violations.append(Violation(
            "FG_08_04", resource,
            f"{'; '.join(stages)} (functions: {affected(functions_of(records))}); without limits of its own a stage "
            "shares the account's 10,000 requests per second with every API of the region: set stage-wide burst "
            "and rate limits", functions_of(records)))
    return violations


def _by_stage(records: list) -> dict[tuple[str, str], list]:
    grouped = defaultdict(list)
    for record in records:
        grouped[(record.resource, record.kind)].append(record)
    return grouped


# store record (kind, setting) → what its absence leaves unrouted
_DELIVERY_GAPS = {
    failures.MAPPING: "a stream event source mapping without an on-failure destination (a failing record is "
                      "retried until it expires and blocks its shard)",
    failures.QUEUE: "a queue without a redrive policy (a failing message returns to the queue until its "
                    "retention ends)",
    failures.SUBSCRIPTION: "a Lambda subscription without a redrive policy (SNS drops what it cannot deliver)",
    failures.TARGET: "a rule target without a dead-letter queue (EventBridge drops what it cannot deliver)",
}


@rule("FG_08_06", reads=(f"function_settings:{failures.ROUTE}", f"function_settings:{failures.ASYNC_TRIGGER}",
                         "store_settings:on_failure_destination", "store_settings:redrive_policy",
                         "store_settings:dead_letter_queue"))
def unrouted_failures(views: Views, context: Context) -> list[Violation]:
    invoked_async = failures.async_functions(views)
    routes = [s for s in views.function_settings if s.kind == "function" and s.setting == failures.ROUTE
              and invoked_async.intersection(s.functions)]
    unrouted = context.decide("FG_08_06", routes, lambda s: s.value == ABSENT)
    deliveries = [s for s in views.store_settings if (s.kind, s.setting) in _DELIVERY_GAPS]
    undelivered = context.decide("FG_08_06", deliveries, lambda s: s.value == ABSENT)
    found: dict[str, tuple[list, set[str]]] = {}
    for record in unrouted:
        _add(found, record, "invoked asynchronously with neither a dead-letter queue nor an on-failure destination "
                            "(after 2 retries, or 6 hours, the event is lost)")
    for record in undelivered:
        _add(found, record, _DELIVERY_GAPS[(record.kind, record.setting)])
    return [Violation("FG_08_06", resource, f"{'; '.join(sorted(problems))} (functions: "
                      f"{affected(functions_of(records))}); route failed events to a dead-letter queue or an "
                      "on-failure destination", functions_of(records))
            for resource, (records, problems) in found.items()]


def _add(found: dict[str, tuple[list, set[str]]], record, problem: str) -> None:
    records, problems = found.setdefault(record.resource, ([], set()))
    records.append(record)
    problems.add(problem)
