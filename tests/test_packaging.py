"""The wheel ships what a pip install needs; a newcomer needs no OPA binary."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from faasguard.engines import EngineFinding, EngineResult
from faasguard.scan import merge
from tests.conftest import ROOT, run


def test_wheel_ships_checks_rego_wasm_and_data(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("faasguard-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("faasguard/checks/__init__.py", "faasguard/checks/fg_06_01.py", "faasguard/rego/.manifest",
                     "faasguard/rego/faasguard/main/main.rego", "faasguard/rego/faasguard/catalog/data.json",
                     "faasguard/wasm/policy.wasm", "faasguard/wasm/memory.json", "faasguard/data/runtimes.yaml",
                     "faasguard/data/iam.json", "faasguard/data/managed_policies.yaml",
                     "faasguard/catalog/rules.yaml", "faasguard/catalog/schema.json",
                     "faasguard/catalog/examples.yaml", "faasguard/catalog/examples.schema.json"):
        assert required in names, required
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_newcomer_scan_to_sarif_without_opa(tmp_path):
    env = {"PATH": os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin",
           "FAASGUARD_TOOLS_DIR": str(tmp_path / "no-tools")}
    out = tmp_path / "out.sarif"
    proc = run([sys.executable, "-m", "faasguard", "scan", "examples/", "--format", "sarif", "--output", str(out)],
               env=env)
    assert proc.returncode == 1, proc.stderr[-2000:]
    sarif = json.loads(out.read_text())
    run_ = sarif["runs"][0]
    assert run_["results"] and run_["invocations"][0]["executionSuccessful"] is True
    findings = [r for r in run_["results"] if not r["properties"].get("undecided")]
    assert findings and all(set(r["properties"]["engines"]) == {"checkov", "rego"} for r in findings)


def test_merge_shows_engine_disagreements():
    checkov = EngineResult("checkov", [EngineFinding("FG_06_01", "/t.yaml", "A", "m"),
                                       EngineFinding("FG_06_01", "/t.yaml", "B", "m")])
    rego = EngineResult("rego", [EngineFinding("FG_06_01", "/t.yaml", "A", "m")])
    findings = merge([], [checkov, rego], {})
    assert [(f.resource, f.engines) for f in findings] == [("A", ["checkov", "rego"]), ("B", ["checkov"])]
    from faasguard.results import ScanResult

    result = ScanResult(findings, engines=("checkov", "rego"))
    assert [f.resource for f in result.disagreements()] == ["B"]
