"""Checkov checks for FG_00_01 (see docs/rules/FG_00_01.md); the rule itself lives in faasguard.rules.
Generated from the catalog by scripts/generate.py."""
from faasguard.checkov_checks import register

checks = register("FG_00_01")
