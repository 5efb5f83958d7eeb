"""What users control in a scan: rule selection, formats, suppressions (both engines alike), exit codes."""
from __future__ import annotations

import datetime as dt
import io
import json
import sys
import time
from pathlib import Path

import pytest

from faasguard import config
from faasguard.progress import Progress
from faasguard.scan import RegoOptions, ScanOptions, scan
from faasguard.selection import selected_rules, split
from tests.conftest import LATER_COVERAGE, run, tool

SAM = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
Resources:
  LegacyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.8
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
  SkippedFunction:
    # checkov:skip=FG_06_01:migration to python3.13 is scheduled for sprint 42
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs16.x
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
  MetadataFunction:
    Type: AWS::Serverless::Function
    Metadata:
      checkov:
        skip:
          - id: FG_06_01
            comment: vendor appliance, runtime fixed by the vendor
    Properties:
      Runtime: go1.x
      Handler: bootstrap
      CodeUri: src/
      Tracing: Active
  ExceptedFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.9
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
"""

TERRAFORM = """\
resource "aws_lambda_function" "skipped" {
  #checkov:skip=FG_05_01:tracing is done by the in-house agent
  function_name = "skipped"
  role          = "arn:aws:iam::123456789012:role/app"
  runtime       = "python3.13"
  handler       = "app.handler"
  filename      = "app.zip"
}
resource "aws_lambda_function" "traced" {
  function_name = "traced"
  role          = "arn:aws:iam::123456789012:role/app"
  runtime       = "python3.13"
  handler       = "app.handler"
  filename      = "app.zip"
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "template.yaml").write_text(SAM)
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TERRAFORM)
    (tmp_path / ".faasguard.yaml").write_text(
        "exceptions:\n"
        "  - rule: FG_06_01\n"
        "    resource: ExceptedFunction\n"
        "    reason: decommissioned in January\n"
        "    expires: 2099-01-31\n"
        "  - rule: FG_05_01\n"
        "    resource: aws_lambda_function.traced\n"
        "    file: tf/*.tf\n"
        "    reason: was accepted until 2020\n"
        "    expires: 2020-01-01\n"
    )
    return tmp_path


def _options(root: Path, engines=("checkov", "rego"), **kwargs) -> ScanOptions:
    kwargs.setdefault("skip_check", LATER_COVERAGE)
    return ScanOptions(engines=engines, rego=RegoOptions("opa", tool("opa")),
                       config=config.load(config.find(root)), **kwargs)


def _state(result) -> dict[tuple[str, str], str | None]:
    return {(f.rule_id, f.resource): (f.suppression.source if f.suppression else None) for f in result.findings}


@pytest.mark.parametrize("engines", [("checkov",), ("rego",), ("checkov", "rego")])
def test_suppressions_are_the_same_for_every_engine(project, engines):
    result = scan([str(project)], _options(project, engines))
    assert result.errors == []
    assert _state(result) == {
        ("FG_06_01", "LegacyFunction"): None,
        ("FG_06_01", "SkippedFunction"): "inline",
        ("FG_06_01", "MetadataFunction"): "metadata",
        ("FG_06_01", "ExceptedFunction"): "config",
        ("FG_05_01", "aws_lambda_function.skipped"): "inline",
        ("FG_05_01", "aws_lambda_function.traced"): None,  # its exception expired
    }
    reasons = {f.resource: f.suppression.reason for f in result.findings if f.suppression}
    assert reasons == {
        "SkippedFunction": "migration to python3.13 is scheduled for sprint 42",
        "MetadataFunction": "vendor appliance, runtime fixed by the vendor",
        "ExceptedFunction": "decommissioned in January",
        "aws_lambda_function.skipped": "tracing is done by the in-house agent",
    }
    assert len(result.notices) == 1 and "expired on 2020-01-01" in result.notices[0]
    assert all(sorted(f.engines) == sorted(engines) for f in result.findings)


def test_exception_expires_on_its_date(project):
    on_the_day = scan([str(project)], _options(project, ("checkov",), today=dt.date(2099, 1, 31)))
    day_before = scan([str(project)], _options(project, ("checkov",), today=dt.date(2099, 1, 30)))
    assert _state(on_the_day)[("FG_06_01", "ExceptedFunction")] is None
    assert _state(day_before)[("FG_06_01", "ExceptedFunction")] == "config"


def test_skip_rules_in_config(tmp_path):
    (tmp_path / "template.yaml").write_text(SAM)
    (tmp_path / ".faasguard.yaml").write_text("skip-rules: [FG_06_*]\n")
    result = scan([str(tmp_path)], _options(tmp_path, ("checkov",)))
    assert result.findings == []


def test_check_and_skip_check_like_checkov(project):
    result = scan([str(project)], _options(project, ("checkov",), check=("FG_05_01",)))
    assert {f.rule_id for f in result.findings} == {"FG_05_01"}
    assert selected_rules(["FG_0[56]_*"], list(LATER_COVERAGE)) == {"FG_05_01", "FG_06_01"}
    high_and_above = {"FG_00_01", "FG_02_01", "FG_02_02", "FG_02_03", "FG_02_04", "FG_03_01", "FG_04_01", "FG_04_02", "FG_04_03",
                      "FG_04_04", "FG_04_06", "FG_06_01", "FG_07_01", "FG_07_06", "FG_09_01", "FG_09_02", "FG_09_03"}
    assert selected_rules(["HIGH"], list(LATER_COVERAGE)) == high_and_above
    assert selected_rules([], ["MEDIUM", *LATER_COVERAGE]) == high_and_above
    assert selected_rules(["fg_06_01"], ["FG_06_01"]) == set()
    assert split(["FG_05_01,FG_06_01", " FG_07_01 "]) == ["FG_05_01", "FG_06_01", "FG_07_01"]


def test_framework_filter(project):
    result = scan([str(project)], _options(project, ("checkov",), frameworks=("terraform",)))
    assert {f.resource for f in result.findings} == {"aws_lambda_function.skipped", "aws_lambda_function.traced"}
    result = scan([str(project)], _options(project, ("checkov",), frameworks=("cloudformation",)))
    assert {f.rule_id for f in result.findings} == {"FG_06_01"}


def test_invalid_config_is_a_usage_error(tmp_path):
    (tmp_path / "template.yaml").write_text(SAM)
    (tmp_path / ".faasguard.yaml").write_text("exceptions:\n  - rule: FG_06_01\n    resource: X\n")
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path)])
    assert proc.returncode == 2 and "'reason' is a required property" in proc.stderr


def test_exit_codes_and_fail_on(project):
    base = [sys.executable, "-m", "faasguard", "scan", str(project), "--rego-backend", "opa"]
    assert run(base).returncode == 1  # a HIGH and a MEDIUM finding are not suppressed
    assert run([*base, "--fail-on", "critical"]).returncode == 0
    # the deprecated runtime is the HIGH finding, of FG_06_01 (a dependency without patches) and FG_11_01 (an
    # obsolete function)
    assert run([*base, "--skip-check", "FG_06_01,FG_11_01", "--fail-on", "HIGH"]).returncode == 0
    assert run([*base, "--config", str(project / "missing.yaml")]).returncode == 2


def test_json_reports_suppressed_findings_and_notices(project):
    proc = run([sys.executable, "-m", "faasguard", "scan", str(project), "--format", "json"])
    report = json.loads(proc.stdout)
    suppressed = {f["resource"]: f["suppressed"] for f in report["findings"] if f["suppressed"]}
    assert suppressed["ExceptedFunction"] == {"source": "config", "reason": "decommissioned in January",
                                              "expires": "2099-01-31"}
    assert len(report["notices"]) == 1


def test_skip_unknown_for_named_non_templates(tmp_path):
    workflow = tmp_path / "ci.yml"
    workflow.write_text("on: push\njobs: {}\n")
    (tmp_path / "template.yaml").write_text(SAM)
    base = [sys.executable, "-m", "faasguard", "scan", str(workflow), str(tmp_path / "template.yaml"),
            "--engine", "rego"]
    assert run(base).returncode == 2
    assert run([*base, "--skip-unknown"]).returncode == 1


def test_progress_line_only_after_the_delay(monkeypatch):
    monkeypatch.setattr("faasguard.progress.DELAY_SECONDS", 0.1)
    stream = io.StringIO()
    with Progress(stream, enabled=True) as progress:
        progress.update("checkov: 3 document(s)")
        time.sleep(0.4)
    assert "faasguard: checkov: 3 document(s)" in stream.getvalue()
    quiet = io.StringIO()
    with Progress(quiet, enabled=True):
        pass
    assert quiet.getvalue() == ""


def test_rego_engine_starts_without_importing_checkov(tmp_path):
    (tmp_path / "template.yaml").write_text(SAM)
    code = ("import sys; from faasguard.cli import main; rc = main(['scan', sys.argv[1], '--engine', 'rego']); "
            "assert 'checkov' not in sys.modules, 'checkov imported'; sys.exit(rc)")
    proc = run([sys.executable, "-c", code, str(tmp_path)])
    assert proc.returncode == 1, proc.stderr


SERVERLESS = """\
service: orders
provider:
  name: aws
  runtime: python3.13
functions:
  skipped:
    # checkov:skip=FG_05_01:traced by the vendor agent
    handler: app.skipped
  plain:
    handler: app.plain
"""


@pytest.mark.parametrize("engines", [("checkov",), ("rego",)])
def test_inline_skip_in_a_serverless_function(tmp_path, engines):
    (tmp_path / "serverless.yml").write_text(SERVERLESS)
    result = scan([str(tmp_path)], _options(tmp_path, engines))
    # the Framework's shared role has no permissions boundary (FG_04_07, INFO), reported on the provider
    assert _state(result) == {("FG_05_01", "skipped"): "inline", ("FG_05_01", "plain"): None,
                              ("FG_04_07", "provider"): None}
