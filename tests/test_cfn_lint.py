"""Every CloudFormation and SAM file we ship (fixtures and examples) is a valid template."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run
from tests.fixture_cases import FIXTURES

# the console script installed beside this Python (`python -m cfnlint` does not run: no __main__)
CFN_LINT = str(Path(sys.executable).with_name("cfn-lint"))
CONFIG = str(Path(__file__).with_name("cfnlintrc.yaml"))  # the checks that depend on the wall clock are off
TEMPLATES = sorted([*FIXTURES.glob("FG_*/cloudformation/*.yaml"), *FIXTURES.glob("FG_*/sam/*.yaml"),
                    *(ROOT / "examples").glob("**/template.yaml")])


def test_there_are_templates():
    assert len(TEMPLATES) >= 20


@pytest.fixture(scope="module")
def lint_matches():
    """One cfn-lint run over every template (it starts slowly)."""
    proc = run([CFN_LINT, "--format", "json", "--config-file", CONFIG, "--", *map(str, TEMPLATES)])
    # cfn-lint's exit code is a bit mask of the levels it found (2 error, 4 warning, 8 info); 1 is a
    # crash, and anything but a JSON list means it did not lint (not installed, bad arguments)
    assert proc.returncode in range(0, 16, 2), proc.stderr[-2000:]
    assert proc.stdout.lstrip().startswith("["), (proc.stdout + proc.stderr)[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_cfn_lint_reports_no_errors(template, lint_matches):
    errors = [m for m in lint_matches if m["Level"] == "Error" and m["Filename"] == str(template)]
    assert errors == [], [(m["Rule"]["Id"], m["Message"]) for m in errors]


def test_cfn_lint_ran_on_every_template(lint_matches):
    assert all(m["Filename"] in {str(t) for t in TEMPLATES} for m in lint_matches)


def test_cfn_lint_reports_errors_when_there_are_some(tmp_path):
    """The check above can fail: cfn-lint really runs and reports a broken template."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: 42\n")
    proc = run([CFN_LINT, "--format", "json", str(broken)])
    assert proc.returncode & 2, proc.stderr[-2000:]
    assert any(m["Level"] == "Error" for m in json.loads(proc.stdout))
