"""Which rules run: Checkov-style `--check` / `--skip-check` lists of ids, wildcards or severities."""
from __future__ import annotations

from fnmatch import fnmatchcase

from faasguard import catalog


def _matches(rule: catalog.Rule, pattern: str, severity_means_at_least: bool) -> bool:
    token = pattern.strip().upper()
    if token in catalog.SEVERITY_ORDER:
        # as in Checkov: --check MEDIUM runs MEDIUM and above, --skip-check MEDIUM skips MEDIUM and below
        if severity_means_at_least:
            return catalog.severity_at_least(rule.severity, token)
        return catalog.severity_at_least(token, rule.severity)
    return fnmatchcase(rule.id, token)


class SelectionError(ValueError):
    """A `--check` / `--skip-check` entry that names no rule."""


def unknown_patterns(patterns: list[str]) -> list[str]:
    """The entries that are neither a severity nor an id or wildcard matching some rule: a typo
    (`FG_4_01`) must not silently run nothing."""
    rules = catalog.rules().values()
    return [p for p in patterns if p.strip().upper() not in catalog.SEVERITY_ORDER
            and not any(fnmatchcase(r.id, p.strip().upper()) for r in rules)]


def selected_rules(check: list[str], skip: list[str]) -> set[str]:
    rules = catalog.rules().values()
    chosen = {r.id for r in rules if not check or any(_matches(r, p, True) for p in check)}
    return {r for r in chosen if not any(_matches(catalog.rule(r), p, False) for p in skip)}


def split(values: list[str] | None) -> list[str]:
    """`--check A,B --check C` -> [A, B, C]."""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]
