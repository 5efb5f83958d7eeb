"""Checkov checks for FG_10_04 (see docs/rules/FG_10_04.md); the rule itself lives in faasguard.rules.
Generated from the catalog by scripts/generate.py."""
from faasguard.checkov_checks import register

checks = register("FG_10_04")
