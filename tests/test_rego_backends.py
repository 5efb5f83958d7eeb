"""The three Rego backends give identical results on every fixture; the wasm file is fresh."""
from __future__ import annotations

import json
import sys

import pytest

from faasguard import wasm_build
from faasguard.engines import rego
from faasguard.engines.rego import BackendError
from faasguard.engines.rego.server import ServerBackend
from faasguard.engines.rego.wasm import WasmBackend
from tests.conftest import ROOT, TODAY, _free_port, run, tool


def _keys(result):
    return sorted((f.rule_id, f.file, f.resource, f.message) for f in result.findings)


def test_shipped_wasm_matches_rego_sources():
    assert wasm_build.stale(tool("opa")) == []


def test_wasm_backend_matches_opa(fixture_documents, rego_result):
    wasm = rego.run(fixture_documents, WasmBackend(), {"today": TODAY})
    assert wasm.errors == []
    assert _keys(wasm) == _keys(rego_result)


def test_server_backend_matches_opa(fixture_documents, rego_result, opa_server):
    served = rego.run(fixture_documents, ServerBackend(opa_server), {"today": TODAY})
    assert served.errors == []
    assert _keys(served) == _keys(rego_result)


def test_server_backend_fails_closed_when_unreachable(fixture_documents):
    result = rego.run(fixture_documents[:2], ServerBackend(f"http://127.0.0.1:{_free_port()}", timeout=1, retries=0), {"today": TODAY})
    assert result.findings == []
    assert len(result.errors) == 2 and all("unreachable" in e.message for e in result.errors)


def test_server_backend_rejects_bad_urls():
    with pytest.raises(BackendError):
        ServerBackend("localhost:8181")


def test_opa_backend_without_binary_is_an_error(fixture_documents):
    from faasguard.engines.rego.opa_cli import OpaCliBackend

    backend = OpaCliBackend("/nonexistent/opa")
    result = rego.run(fixture_documents[:1], backend, {"today": TODAY})
    assert result.findings == [] and "opa eval failed" in result.errors[0].message


def test_cli_server_backend(opa_server):
    proc = run([sys.executable, "-m", "faasguard", "scan", "tests/fixtures/FG_02_03/sam", "--engine", "rego",
                "--rego-backend", "server", "--opa-url", opa_server, "--format", "json"])
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == [] and report["findings"]
    assert {f["engines"][0] for f in report["findings"]} == {"rego"}


def test_wasm_backend_evaluates_a_plan_of_megabytes():
    """opa-py-wasm refuses inputs over 1 MB and caps memory at 256 MiB by default; a plan of a thousand
    functions with long descriptions is larger and must be evaluated, not refused. (The wasm evaluation
    grows with the work of the whole bundle: docs/performance.md)"""
    changes = [{"address": f"aws_lambda_function.f{i}", "mode": "managed", "type": "aws_lambda_function",
                "name": f"f{i}", "change": {"actions": ["create"], "before": None, "after_unknown": {}, "after": {
                    "function_name": f"orders-{i}", "runtime": "python3.8", "handler": "app.handler",
                    "role": "arn:aws:iam::123456789012:role/orders", "tracing_config": [{"mode": "Active"}],
                    "description": "x" * 2000}}} for i in range(1000)]
    plan = {"format_version": "1.2", "resource_changes": changes,
            "planned_values": {"root_module": {"resources": [
                {"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
                 "values": c["change"]["after"]} for c in changes]}}}
    assert len(json.dumps(plan)) > 2_000_000
    [outcome] = WasmBackend().evaluate([plan], {"today": TODAY})
    assert not isinstance(outcome, BackendError), outcome
    assert {(r["id"], r["resource"]) for r in outcome if r["id"] == "FG_06_01"} == {
        ("FG_06_01", c["address"]) for c in changes}


def test_a_document_beyond_the_wasm_memory_bound_is_an_error_that_says_what_to_do(monkeypatch):
    """OPA's WebAssembly frees nothing during an evaluation; past the memory bound the document is an
    error naming the opa backend, never a pass. (The bound is lowered here to reach it in a second.)"""
    from faasguard.engines.rego import wasm

    monkeypatch.setattr(wasm, "WASM_MAX_MEMORY_PAGES", 400)  # 25 MiB
    wasm._policy.cache_clear()
    try:
        plan = json.loads((ROOT / "examples/terraform-api/plan.json").read_text())
        [outcome] = WasmBackend().evaluate([plan], {"today": TODAY})
    finally:
        wasm._policy.cache_clear()
    assert isinstance(outcome, BackendError)
    assert str(outcome).endswith("(the evaluation needs more than 25 MiB of WebAssembly memory; use --rego-backend "
                                 "opa for an input this large)"), outcome


def test_host_time_parse_ns_matches_opa():
    """The wasm host's time.parse_ns gives what `opa eval` gives for the layout the bundle uses, and
    refuses a layout it does not know (fail closed)."""
    from faasguard.engines.rego.host_builtins import time_parse_ns

    proc = run([tool("opa"), "eval", "--format", "raw", 'time.parse_ns("2006-01-02", "2027-06-30")'])
    assert time_parse_ns("2006-01-02", "2027-06-30") == int(proc.stdout)
    with pytest.raises(KeyError):
        time_parse_ns("Jan 2 2006", "Jun 30 2027")
