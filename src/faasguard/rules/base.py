"""What every rule shares: its result types, the scan context, the registry and evaluation."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from faasguard.model.decide import decide
from faasguard.model.views import Views


@dataclass(frozen=True)
class Violation:
    rule_id: str
    resource: str
    message: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class Undecided:
    """A value whose alternatives disagree: some violate the rule, some do not."""

    rule_id: str
    resource: str
    message: str


def utc_today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass
class Context:
    """What a rule may read beside the views: the scan's date (UTC), and where undecided values go."""

    today: dt.date = field(default_factory=utc_today)
    undecided: list[Undecided] = field(default_factory=list)

    def decide(self, rule_id: str, records: Iterable, violates: Callable) -> list:
        """The records that violate in every alternative; the others that violate in some are noted."""
        violating, undecided = decide(records, violates)
        self.undecided += [Undecided(rule_id, r.resource, "the rule holds in some alternatives of a value "
                                     "(Fn::If, a conditional, a mapping) and not in others")
                           for r in {r.resource: r for r in undecided}.values()]
        return violating


RuleFunction = Callable[[Views, Context], list[Violation]]
RULES: dict[str, RuleFunction] = {}


def rule(rule_id: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES[rule_id] = function
        return function

    return register


def functions_of(records: Iterable) -> tuple[str, ...]:
    return tuple(sorted({f for r in records for f in r.functions}))


def affected(functions: tuple[str, ...]) -> str:
    return ", ".join(functions) if functions else "no function in this document"


def by_resource(records: Iterable) -> dict[str, list]:
    grouped = defaultdict(list)
    for record in records:
        grouped[record.resource].append(record)
    return grouped


def evaluate(views: Views, context: Context | None = None, rule_ids: Iterable[str] | None = None) -> list[Violation]:
    context = context or Context()
    selected = RULES if rule_ids is None else {r: RULES[r] for r in rule_ids}
    return [v for function in selected.values() for v in function(views, context)]
