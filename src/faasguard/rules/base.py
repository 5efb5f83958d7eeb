"""What every rule shares: its result types, the scan context, the registry and evaluation."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from faasguard.model.decide import decide
from faasguard.model.views import Views
from faasguard.settings import Settings


@dataclass(frozen=True)
class Violation:
    rule_id: str
    resource: str
    message: str
    functions: tuple[str, ...]
    paths: tuple = ()  # FG_00_01: the attack paths (model.attack_paths.AttackPath) it reports


@dataclass(frozen=True)
class Undecided:
    """A value the rule needs and cannot judge: its alternatives disagree (some violate the rule, some
    do not), or only deployment settles it (views.Unknown)."""

    rule_id: str
    resource: str
    attribute: str
    reason: str


ALTERNATIVES_DISAGREE = ("the rule holds in some alternatives of the value (Fn::If, a conditional, a mapping) "
                         "and not in others")


def utc_today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass
class Context:
    """What a rule may read beside the views: the scan's date (UTC), the tunable settings
    (faasguard.settings), and where undecided values go (`evaluate` adds the unknown values of the
    views each rule reads)."""

    today: dt.date = field(default_factory=utc_today)
    settings: Settings = field(default_factory=Settings)
    undecided: list[Undecided] = field(default_factory=list)
    _noted: set[Undecided] = field(default_factory=set, repr=False)  # beside the list: constant-time lookups

    def decide(self, rule_id: str, records: Iterable, violates: Callable) -> list:
        """The records that violate in every alternative; the others that violate in some are noted."""
        violating, undecided = decide(records, violates)
        self.note(Undecided(rule_id, r.resource, r.attribute, ALTERNATIVES_DISAGREE) for r in undecided)
        return violating

    def note(self, undecided: Iterable[Undecided]) -> None:
        """Add undecided notices, once each (several records of one value give one notice)."""
        for entry in undecided:
            if entry not in self._noted:
                self._noted.add(entry)
                self.undecided.append(entry)


RuleFunction = Callable[[Views, Context], list[Violation]]
RULES: dict[str, RuleFunction] = {}
# rule id -> what it reads: an unknown value there leaves the rule undecided. An entry is a view name
# ("environment": every value of the view) or, for the settings views that several rules share,
# "view:setting" (only that setting: "secret_settings:rotation") or "view:prefix*" ("api_settings:cors_*")
READS: dict[str, tuple[str, ...]] = {}


def rule(rule_id: str, reads: tuple[str, ...]) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES[rule_id] = function
        READS[rule_id] = reads
        return function

    return register


def reads_value(entry: str, view: str, attribute: str) -> bool:
    """Whether a READS entry covers an unknown value of `view` named `attribute`."""
    entry_view, _, setting = entry.partition(":")
    if entry_view != view:
        return False
    if not setting:
        return True
    return attribute.startswith(setting[:-1]) if setting.endswith("*") else attribute == setting


def unknowns_for(rule_id: str, views: Views) -> list[Undecided]:
    """The unknown values a rule reads, as its undecided notices."""
    return [Undecided(rule_id, u.resource, u.attribute, u.why) for u in views.unknowns
            if any(reads_value(entry, u.view, u.attribute) for entry in READS[rule_id])]


def functions_of(records: Iterable) -> tuple[str, ...]:
    return tuple(sorted({f for r in records for f in r.functions}))


def affected(functions: tuple[str, ...]) -> str:
    return ", ".join(functions) if functions else "no function in this document"


def role_holders(records: Iterable) -> str:
    """Who gets a grant: the functions of the records, or, for a role no function uses yet, the role."""
    records = list(records)
    functions = functions_of(records)
    if functions:
        return f"the role of {affected(functions)}"
    # a statement names the roles it reaches; a Role record is the role
    roles = sorted({role for r in records for role in getattr(r, "roles", (r.resource,))})
    return f"role {', '.join(roles)} (it trusts lambda.amazonaws.com; no function in this document uses it yet)"


def statement_findings(rule_id: str, statements: Iterable, offending: Callable[[Any], Iterable[str]], problem: str,
                       fix: str, holders: Callable[[list], str] = role_holders) -> list[Violation]:
    """One finding per resource whose statements have offending entries (`offending` names them): the
    message says `problem`, the entries, to whom (`holders` of the records) and the fix."""
    found: dict[str, tuple[list, set[str]]] = {}
    for statement in statements:
        entries = set(offending(statement))
        if entries:
            records, names = found.setdefault(statement.resource, ([], set()))
            records.append(statement)
            names.update(entries)
    return [Violation(rule_id, resource, f"{problem} {', '.join(sorted(names))} to {holders(records)}; {fix}",
                      functions_of(records))
            for resource, (records, names) in found.items()]


def by_resource(records: Iterable) -> dict[str, list]:
    grouped = defaultdict(list)
    for record in records:
        grouped[record.resource].append(record)
    return grouped


def evaluate(views: Views, context: Context | None = None, rule_ids: Iterable[str] | None = None) -> list[Violation]:
    context = context or Context()
    selected = RULES if rule_ids is None else {r: RULES[r] for r in rule_ids}
    found = []
    for rule_id, function in selected.items():
        found += function(views, context)
        context.note(unknowns_for(rule_id, views))
    return found


def merged_by_resource(violations: Iterable[Violation]) -> list[Violation]:
    """One finding per resource: the messages of a rule's several findings on it joined (a role may
    carry both a statement and a managed policy that break the rule)."""
    return [Violation(found[0].rule_id, resource, "; and ".join(v.message for v in found), functions_of(found))
            for resource, found in by_resource(violations).items()]
