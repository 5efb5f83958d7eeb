"""Checkov checks for FG_02_03 (see docs/rules/FG_02_03.md); the rule itself lives in faasguard.rules."""
from faasguard.checkov_checks import register

checks = register("FG_02_03")
