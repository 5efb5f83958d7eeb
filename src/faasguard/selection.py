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


def selected_rules(check: list[str], skip: list[str]) -> set[str]:
    rules = catalog.rules().values()
    chosen = {r.id for r in rules if not check or any(_matches(r, p, True) for p in check)}
    return {r for r in chosen if not any(_matches(catalog.rule(r), p, False) for p in skip)}


def split(values: list[str] | None) -> list[str]:
    """`--check A,B --check C` -> [A, B, C]."""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]
