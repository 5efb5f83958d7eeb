"""Attack paths (FG_00_01) as the text and markdown reports show them: one chain per path,
entry point → function → role → grant (Finding.paths holds the steps)."""
from __future__ import annotations

from faasguard.model.attack_paths import ARROW
from faasguard.results import Finding


def chains(finding: Finding) -> list[str]:
    return [ARROW.join(step["description"] for step in path) for path in finding.paths]
