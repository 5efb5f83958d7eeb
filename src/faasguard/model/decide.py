"""Verdicts on values with alternatives (views.py): a value violates when every alternative does, and
is undecided when only some do. Shared by every rule; rego/faasguard/model has the twin."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

Record = TypeVar("Record")


def decide(records: Iterable[Record], violates: Callable[[Record], bool]) -> tuple[list[Record], list[Record]]:
    """(records that violate, records that violate in some alternatives only)."""
    violating, undecided = [], []
    offending_by_choice: dict[str, list] = defaultdict(list)
    for record in records:
        if not violates(record):
            continue
        if getattr(record, "choice", ""):
            offending_by_choice[record.choice].append(record)
        else:
            violating.append(record)
    for group in offending_by_choice.values():
        (violating if len(group) == group[0].choices else undecided).extend(group)
    return violating, undecided
