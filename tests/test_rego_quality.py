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
    coverage = _hand_written_coverage(json.loads(proc.stdout)["files"])
    assert coverage >= COVERAGE_THRESHOLD, f"rego coverage {coverage:.1f}% < {COVERAGE_THRESHOLD}%"


# generated data documents as Rego (thousands of "covered" constant lines): left out of the measure
GENERATED = ("lib/iam_data/", "lib/embedded/")


def _lines(ranges) -> int:
    return sum(r["end"]["row"] - r["start"]["row"] + 1 for r in ranges or [])


def _hand_written_coverage(files: dict) -> float:
    """OPA's coverage over the hand-written files: covered lines / (covered + not covered)."""
    kept = [report for path, report in files.items() if not any(g in path for g in GENERATED)]
    covered = sum(_lines(report.get("covered")) for report in kept)
    missed = sum(_lines(report.get("not_covered")) for report in kept)
    return 100.0 * covered / (covered + missed)


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
    """The bundle owns every path its packages and data documents use, but not data.faasguard.config:
    a root there would make OPA drop the scan date and settings a user loads with `-d` beside `-b`."""
    manifest = json.loads((ROOT / "rego/.manifest").read_text())
    assert manifest["rego_version"] == 1
    roots = set(manifest["roots"])
    assert "faasguard" not in roots and "faasguard/config" not in roots
    packages = {line.split()[1] for p in (ROOT / "rego").rglob("*.rego")
                for line in p.read_text().splitlines() if line.startswith("package ")}
    data_documents = {p.parent.relative_to(ROOT / "rego").as_posix() for p in (ROOT / "rego").rglob("data.json")}
    used = {"/".join(name.split(".")[:2]) for name in packages} | data_documents
    assert used == roots


def test_bundle_builds():
    proc = run([tool("opa"), "build", "-b", REGO, "-o", "/dev/null"])
    assert proc.returncode == 0, proc.stderr
