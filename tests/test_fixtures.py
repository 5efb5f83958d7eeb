"""Every fixture through both engines: the exact expected set of failing resources, and parity."""
from __future__ import annotations

import pytest

from faasguard.evaluation import violations
from tests.fixture_cases import FIXTURES, all_cases, case_paths, expectations

CASES = all_cases()


def _found(findings, case) -> set[str]:
    return {f.resource for f in findings if f.rule_id == case.rule_id and case.holds(f.file)}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_checkov_finds_exactly_the_expected_resources(case, checkov_result):
    assert _found(checkov_result.findings, case) == case.expected


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rego_finds_exactly_the_expected_resources(case, rego_result):
    assert _found(rego_result.findings, case) == case.expected


@pytest.mark.parametrize("case", CASES, ids=str)
def test_python_model_finds_exactly_the_expected_resources(case, fixture_documents):
    found = {
        v.resource
        for d in fixture_documents
        for v in violations(d)
        if v.rule_id == case.rule_id and case.holds(d.location(v.resource).file)
    }
    assert found == case.expected


def test_engines_agree_on_every_rule_and_fixture(checkov_result, rego_result):
    checkov = {(f.rule_id, f.file, f.resource) for f in checkov_result.findings}
    rego = {(f.rule_id, f.file, f.resource) for f in rego_result.findings}
    assert sorted(checkov - rego) == [] and sorted(rego - checkov) == []


def test_engines_report_no_errors_on_fixtures(checkov_result, rego_result):
    assert checkov_result.errors == []
    assert rego_result.errors == []


@pytest.mark.parametrize("rule_dir", sorted(FIXTURES.glob("FG_*")), ids=lambda p: p.name)
def test_every_fixture_has_an_expectation_and_outcome_name(rule_dir):
    assert (rule_dir / "expected.yaml").is_file()
    expected = expectations(rule_dir)
    assert set(expected) == case_paths(rule_dir)
    for key, resources in expected.items():
        name = key.split("/", 1)[1]
        assert name.startswith(("pass_", "fail_")), key
        assert bool(resources) == name.startswith("fail_"), f"{key}: a fail case lists resources, a pass case none"


@pytest.mark.parametrize("rule_dir", sorted(FIXTURES.glob("FG_*")), ids=lambda p: p.name)
def test_every_format_has_pass_and_fail_cases(rule_dir):
    keys = expectations(rule_dir)
    for fmt in ("terraform", "terraform_plan", "cloudformation", "sam", "serverless"):
        names = [k.split("/", 1)[1] for k in keys if k.startswith(f"{fmt}/")]
        assert any(n.startswith("pass_") for n in names), f"{rule_dir.name} {fmt}: no pass case"
        assert any(n.startswith("fail_") for n in names), f"{rule_dir.name} {fmt}: no fail case"
