"""The bundled example project (examples/): exactly the planted findings, found by both engines.

The clean functions use python3.13 and nodejs24.x; the first of them is deprecated on 2028-04-30, after
which FG_06_01 fires on them too and the example has to move to newer runtimes.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from faasguard import catalog
from faasguard.scan import ScanResult, scan
from tests.conftest import ROOT, run

EXAMPLES = ROOT / "examples"

SAM = "examples/sam/template.yaml"
SLS = "examples/serverless/serverless.yml"
TF_MAIN = "examples/terraform/main.tf"
TF_IAM = "examples/terraform/iam.tf"

# (rule id, file relative to the repository root, resource): what examples/README.md says is planted.
EXPECTED = {
    ("FG_07_01", SAM, "ProcessOrdersFunction"),
    ("FG_06_01", SAM, "NightlyReportFunction"),
    ("FG_02_03", SAM, "PaymentWebhookFunction"),
    ("FG_04_01", SLS, "provider"),
    ("FG_02_03", SLS, "orderStatus"),
    ("FG_05_01", SLS, "nightlyReport"),
    ("FG_07_01", SLS, "nightlyReport"),
    ("FG_04_01", TF_IAM, "aws_iam_role_policy_attachment.worker_admin"),
    ("FG_02_03", TF_MAIN, "aws_lambda_function_url.api"),
    ("FG_07_01", TF_MAIN, "aws_lambda_function.worker"),
    ("FG_05_01", TF_MAIN, "aws_lambda_function.report"),
    ("FG_06_01", TF_MAIN, "aws_lambda_function.report"),
}


def _relative(file: str) -> str:
    """A reported file, relative to the repository root (reports are relative to the working directory)."""
    return Path(file).resolve().relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def result() -> ScanResult:
    return scan([str(EXAMPLES)])


def test_no_errors(result):
    assert result.errors == []


def test_every_example_is_scanned(result):
    files = {_relative(d.path) for d in result.documents}
    assert {SAM, SLS} <= files
    assert any(f.startswith("examples/terraform") for f in files)


def test_exactly_the_planted_findings(result):
    found = {(f.rule_id, _relative(f.file), f.resource) for f in result.findings}
    assert found == EXPECTED, {"unexpected": found - EXPECTED, "missing": EXPECTED - found}


def test_every_finding_is_found_by_both_engines(result):
    one_engine = [(f.rule_id, _relative(f.file), f.resource, f.engines) for f in result.findings
                  if sorted(f.engines) != ["checkov", "rego"]]
    assert one_engine == []


def test_every_rule_is_planted():
    assert {rule_id for rule_id, _, _ in EXPECTED} == set(catalog.rules())


def test_readme_table_lists_the_planted_findings():
    """The "What is planted" table of examples/README.md: | `file` | `resource` | RULE | why |."""
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| (FG_\d\d_\d\d) \|", (EXAMPLES / "README.md").read_text(), re.M)
    assert len(rows) == len(EXPECTED)
    assert {(rule_id, file, resource) for file, resource, rule_id in rows} == EXPECTED


def test_cli_json_report():
    proc = run([sys.executable, "-m", "faasguard", "scan", "examples", "--format", "json"], cwd=ROOT)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    assert report["errors"] == []
    assert len(report["findings"]) == len(EXPECTED)
    assert {(f["rule_id"], f["file"], f["resource"]) for f in report["findings"]} == EXPECTED
