"""The shared harness of the view parity tests: both engines (the Python model and the Rego bundle run by the
real opa binary) must build the same records from the same documents."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from faasguard.inputs.load import load_paths
from faasguard.model import build
from tests.conftest import rego_each_document, views_object
from tests.fixture_cases import FIXTURES


def fixture_documents(rules: Iterable[str]) -> list[tuple[str, str, dict]]:
    """(case name, format, document) of every document of every fixture case of `rules`, in order (the
    rules' expected.yaml is no case)."""
    found = []
    for rule in rules:
        for case in sorted((FIXTURES / rule).glob("*/*")):
            if case.name != "expected.yaml":
                found += [(str(case.relative_to(FIXTURES)), d.format, d.data)
                          for d in load_paths([str(case)]).documents]
    return found


def comparable(record: dict) -> tuple:
    """A record without its decision point's id (each engine names it its own way) and index, `choices`
    defaulting to 1, as a sorted tuple of its fields."""
    fields = {k: v for k, v in record.items() if k not in ("choice", "alternative")}
    fields.setdefault("choices", 1)
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()))


def disagreements(documents: list[tuple[str, str, dict]], views: Iterable[str],
                  keep: Callable[[str, dict], bool]) -> list[tuple]:
    """(name, view, python, rego) of each document and view where the two engines' records that
    `keep(view, record)` selects differ (as sorted lists of `comparable` records). One opa run for all."""
    views = tuple(views)
    rego = rego_each_document([d for _, _, d in documents], views_object(views))
    found = []
    for (name, fmt, document), opa in zip(documents, rego):
        built = build(fmt, document)
        for view in views:
            python = [dataclasses.asdict(r) for r in getattr(built, view)]
            ours = sorted(comparable(r) for r in python if keep(view, r))
            theirs = sorted(comparable(r) for r in opa[view] if keep(view, r))
            if ours != theirs:
                found.append((name, view, ours, theirs))
    return found
