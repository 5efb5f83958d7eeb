"""The bundle passes OPA's and Regal's checks, and its own unit tests with enough coverage."""
from __future__ import annotations

import json

from tests.conftest import ROOT, run, tool

REGO = str(ROOT / "rego")
COVERAGE_THRESHOLD = 90


def test_opa_check_strict():
    proc = run([tool("opa"), "check", "--strict", "--bundle", REGO])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_opa_fmt():
    proc = run([tool("opa"), "fmt", "--fail", "--list", REGO])
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_opa_test_with_coverage():
    proc = run([tool("opa"), "test", REGO, "--coverage", "--format", "json"])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    coverage = json.loads(proc.stdout)["coverage"]
    assert coverage >= COVERAGE_THRESHOLD, f"rego coverage {coverage:.1f}% < {COVERAGE_THRESHOLD}%"


def test_opa_unit_tests_exist_and_pass():
    proc = run([tool("opa"), "test", REGO, "--format", "json"])
    assert proc.returncode == 0, proc.stdout[-3000:]
    results = json.loads(proc.stdout)
    assert len(results) >= 20 and all(r.get("fail") is not True for r in results)


def test_regal_lint():
    # relative to the repository, where .regal/config.yaml's ignore paths are relative too
    proc = run([tool("regal"), "lint", "--format", "pretty", "rego"], cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_bundle_manifest():
    manifest = json.loads((ROOT / "rego/.manifest").read_text())
    assert manifest["roots"] == ["faasguard"] and manifest["rego_version"] == 1


def test_bundle_builds():
    proc = run([tool("opa"), "build", "-b", REGO, "-o", "/dev/null"])
    assert proc.returncode == 0, proc.stderr
