"""How every report words undecided values and files that were not checked (one wording for all)."""
from __future__ import annotations

from faasguard.inputs.load import NotChecked
from faasguard.report.paths import display_path
from faasguard.results import EVERY_RULE, Undecided


def describe(entry: Undecided) -> str:
    """`FG_06_01 on aws_lambda_function.f (runtime): variable runtime has no default …`, without the file."""
    if entry.rule_id == EVERY_RULE:
        return f"every rule on {entry.resource} (module call): {entry.reason}"
    return f"{entry.rule_id} on {entry.resource} ({entry.attribute}): {entry.reason}"


def line(entry: Undecided) -> str:
    return f"{display_path(entry.file)}: {describe(entry)}"


def not_checked_line(entry: NotChecked) -> str:
    return f"{display_path(entry.file)}: {entry.reason}"


def count(result) -> str:
    """`3 undecided`, the count every summary shows."""
    return f"{len(result.undecided)} undecided"
