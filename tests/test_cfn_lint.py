"""Every CloudFormation and SAM file we ship (fixtures and examples) is a valid template."""
from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT, run
from tests.fixture_cases import FIXTURES

TEMPLATES = sorted([*FIXTURES.glob("FG_*/cloudformation/*.yaml"), *FIXTURES.glob("FG_*/sam/*.yaml"),
                    *(ROOT / "examples").glob("**/template.yaml")])


def test_there_are_templates():
    assert len(TEMPLATES) >= 20


@pytest.fixture(scope="module")
def lint_matches():
    """One cfn-lint run over every template (it starts slowly)."""
    proc = run([sys.executable, "-m", "cfnlint", "--format", "json", *map(str, TEMPLATES)])
    return json.loads(proc.stdout or "[]")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_cfn_lint_reports_no_errors(template, lint_matches):
    errors = [m for m in lint_matches if m["Level"] == "Error" and m["Filename"] == str(template)]
    assert errors == [], [(m["Rule"]["Id"], m["Message"]) for m in errors]


def test_cfn_lint_ran_on_every_template(lint_matches):
    assert all(m["Filename"] in {str(t) for t in TEMPLATES} for m in lint_matches)
