"""The rules as predicates over the views (docs/semantics.md); rego/faasguard/rules/ holds their twins.

One module per CSA risk (`sas02`, `sas04`, …) and one for the rules that join risks (`attack_paths`,
FG_00_xx); each rule is a function decorated with `@rule(id)`
that takes the views and the scan's `Context` and returns its violations. Importing this package
imports every risk module, which registers its rules.
"""
from __future__ import annotations

from faasguard.rules.base import RULES, Context, Undecided, Violation, evaluate, rule
from faasguard.rules import attack_paths, sas01, sas02, sas03, sas04, sas05, sas06, sas07, sas08, sas09, sas10, sas11, sas12  # noqa: F401  (registers the rules)

__all__ = ["RULES", "Context", "Undecided", "Violation", "evaluate", "rule"]
