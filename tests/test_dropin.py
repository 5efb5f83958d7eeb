"""The drop-in uses, with the real programs: the checkov CLI, opa eval and conftest."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard import catalog
from faasguard.checkov_checks import configured_address
from faasguard.inputs.load import load_paths
from tests.conftest import ROOT, run, tool
from tests.fixture_cases import FIXTURES, Case, all_cases

CASES = all_cases()


def _expected(rule_id: str) -> set[tuple[str, str]]:
    """(case path, resource) for every failing resource of a rule's fixtures."""
    return {(str(c.path), r) for c in CASES if c.rule_id == rule_id for r in c.expected}


def _case_of(file: str, rule_id: str) -> Case:
    return next(c for c in CASES if c.rule_id == rule_id and c.holds(file))


@pytest.mark.parametrize("rule_id", sorted(catalog.rules()))
def test_checkov_cli_with_external_checks_dir(rule_id, tmp_path):
    proc = run(["checkov", "-d", str(FIXTURES / rule_id), "--external-checks-dir", str(ROOT / "checks"),
                "--framework", "terraform", "terraform_plan", "cloudformation", "serverless",
                "--check", rule_id, "-o", "json", "--compact", "--quiet"], cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    found = set()
    for report in reports:
        for record in report["results"]["failed_checks"]:
            assert record["check_id"] == rule_id
            assert record["severity"] == catalog.rule(rule_id).severity
            assert record["guideline"] == catalog.rule(rule_id).guideline
            resource = record["resource_address"] if report["check_type"] == "terraform_plan" else record["resource"]
            resource = configured_address(resource) if report["check_type"] == "terraform" else resource
            resource = resource.rsplit(".", 1)[-1] if report["check_type"] == "cloudformation" else resource
            found.add((str(_case_of(record["file_abs_path"], rule_id).path), resource))
    assert found == _expected(rule_id)


def _document_json(case: Case, tmp_path: Path) -> Path:
    """The document as the loader feeds OPA (long-form intrinsics), written as JSON."""
    document = load_paths([str(case.path)]).documents[0]
    target = tmp_path / f"{case.path.stem}.json"
    target.write_text(json.dumps(document.data))
    return target


def _first(rule_id: str, fmt: str) -> Case:
    return next(c for c in CASES if c.rule_id == rule_id and c.format == fmt and c.outcome == "fail")


DROPIN_CASES = [_first(r, f) for r in sorted(catalog.rules()) for f in ("cloudformation", "sam", "serverless", "terraform_plan")]


@pytest.mark.parametrize("case", DROPIN_CASES, ids=str)
def test_opa_eval_with_the_bundle(case, tmp_path):
    source = case.path if case.format == "terraform_plan" else _document_json(case, tmp_path)
    proc = run([tool("opa"), "eval", "-b", str(ROOT / "rego"), "-i", str(source), "--format", "json",
                "data.faasguard.main.deny"])
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    assert {r["resource"] for r in results if r["id"] == case.rule_id} == case.expected
    for result in results:
        rule = catalog.rule(result["id"])
        assert (result["severity"], result["sas"]) == (rule.severity, list(rule.sas))
        assert result["msg"] and result["format"] == case.format


@pytest.mark.parametrize("case", DROPIN_CASES, ids=str)
def test_conftest_with_the_bundle(case, tmp_path):
    source = case.path if case.format == "terraform_plan" else _document_json(case, tmp_path)
    proc = run([tool("conftest"), "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main",
                "-o", "json", "--no-color", str(source)])
    assert proc.returncode == 1, proc.stdout + proc.stderr  # conftest exits 1 on failures
    outcome = json.loads(proc.stdout)[0]
    found = {f["metadata"]["resource"] for f in outcome.get("failures") or [] if f["metadata"]["id"] == case.rule_id}
    assert found == case.expected


@pytest.mark.parametrize("case", [c for c in CASES if c.format == "serverless"][:6], ids=str)
def test_conftest_on_raw_serverless_yaml(case):
    """conftest parses serverless.yml itself; the bundle reads it unresolved."""
    proc = run([tool("conftest"), "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main",
                "-o", "json", "--no-color", str(case.path / "serverless.yml")])
    outcome = json.loads(proc.stdout)[0]
    found = {f["metadata"]["resource"] for f in outcome.get("failures") or [] if f["metadata"]["id"] == case.rule_id}
    found |= {f["metadata"]["resource"] for f in outcome.get("warnings") or [] if f["metadata"]["id"] == case.rule_id}
    assert found == case.expected
