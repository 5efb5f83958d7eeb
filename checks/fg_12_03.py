"""Checkov checks for FG_12_03 (see docs/rules/FG_12_03.md); the rule itself lives in faasguard.rules.
Generated from the catalog by scripts/generate.py."""
from faasguard.checkov_checks import register

checks = register("FG_12_03")
