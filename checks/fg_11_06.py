"""Checkov checks for FG_11_06 (see docs/rules/FG_11_06.md); the rule itself lives in faasguard.rules.
Generated from the catalog by scripts/generate.py."""
from faasguard.checkov_checks import register

checks = register("FG_11_06")
