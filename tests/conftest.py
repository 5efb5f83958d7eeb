"""Shared fixtures: the fixture catalogue, and one scan of all fixtures per engine (session-wide)."""
from __future__ import annotations

import json
import os
import socket
import tempfile
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from faasguard import paths
from faasguard.evaluation import TODAY_VARIABLE
from faasguard.inputs.load import load_paths
from tests.fixture_cases import FIXTURES, all_cases

ROOT = Path(__file__).resolve().parents[1]
# Every test judges by this date, never the wall clock: the Python rules and the Checkov checks read
# it from the environment (also in the programs tests start), the Rego backends are given it.
TODAY = "2026-12-01"
os.environ[TODAY_VARIABLE] = TODAY


def tool(name: str) -> str:
    found = paths.find_tool(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run scripts/install-tools.sh")
    return found


@pytest.fixture(scope="session")
def fixture_documents():
    loaded = load_paths([str(FIXTURES)])
    assert loaded.errors == [], loaded.errors
    return loaded.documents


@pytest.fixture(scope="session")
def checkov_result(fixture_documents):
    from faasguard.engines import checkov_engine

    return checkov_engine.run(fixture_documents)


@pytest.fixture(scope="session")
def rego_result(fixture_documents):
    """The Rego engine through the opa binary: the reference the other backends are held to."""
    from faasguard.engines import rego
    from faasguard.engines.rego.opa_cli import OpaCliBackend

    return rego.run(fixture_documents, OpaCliBackend(tool("opa")), {"today": TODAY})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def opa_server():
    """A real `opa run -s` on loopback holding the bundle; yields its URL."""
    port = _free_port()
    process = subprocess.Popen([tool("opa"), "run", "--server", "--addr", f"127.0.0.1:{port}", "--bundle",
                                str(ROOT / "rego"), "--log-level", "error"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health?bundles", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"opa server did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def rego_each_document(documents: list[dict], expression: str) -> list:
    """`expression` evaluated with each document as input, by the real opa binary over the bundle (one
    process for all of them): the Rego side of the view parity tests."""
    query = f"[value | some doc in input.documents; value := {expression} with input as doc]"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def views_object(names) -> str:
    """A Rego object expression of the named views of data.faasguard.model."""
    return "{" + ", ".join(f'"{v}": data.faasguard.model.{v}' for v in names) + "}"


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "NO_COLOR": "1", **kwargs.pop("env", {})}
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=kwargs.pop("cwd", ROOT), **kwargs)


__all__ = ["TODAY", "all_cases", "run", "tool"]

# The rules Coverage C added (SAS-1, the SAS-5 log/alarm/trail rules, the SAS-6 code rules). Most of them
# judge every function (its log group, alarms, code signing, dependencies): tests written about reading
# the formats, with other rules as probes, skip them so that their exact finding lists stay about what
# they test; the rules themselves have their own fixtures, view tests and examples.
COVERAGE_C = ("FG_01_01", "FG_01_02", "FG_01_03", "FG_01_04", "FG_05_02", "FG_05_03", "FG_05_04", "FG_05_05",
              "FG_05_06", "FG_05_07", "FG_06_02", "FG_06_03", "FG_06_04", "FG_06_05", "FG_06_06", "FG_06_07")

# The rules Coverage D added (SAS-8, SAS-10, SAS-11, SAS-12): most judge every function (its concurrency,
# timeout, failure routing, tags); older tests skip them for the same reason as COVERAGE_C.
COVERAGE_D = ("FG_08_01", "FG_08_02", "FG_08_03", "FG_08_04", "FG_08_05", "FG_08_06", "FG_08_07",
              "FG_10_01", "FG_10_02", "FG_10_03", "FG_10_04",
              "FG_11_01", "FG_11_02", "FG_11_03", "FG_11_04", "FG_11_05", "FG_11_06",
              "FG_12_01", "FG_12_02", "FG_12_03", "FG_12_04", "FG_12_05")
LATER_COVERAGE = COVERAGE_C + COVERAGE_D
