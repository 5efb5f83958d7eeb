"""Shared fixtures: the fixture catalogue, and one scan of all fixtures per engine (session-wide)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from faasguard import paths
from faasguard.inputs.load import load_paths
from tests.fixture_cases import FIXTURES, all_cases

ROOT = Path(__file__).resolve().parents[1]


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
    from faasguard.engines import rego_opa

    return rego_opa.run(fixture_documents, tool("opa"))


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "NO_COLOR": "1", **kwargs.pop("env", {})}
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=kwargs.pop("cwd", ROOT), **kwargs)


__all__ = ["all_cases", "run", "tool"]
