"""Parity on generated documents: the Python rules and the Rego bundle agree on hundreds of random
combinations of the settings each rule reads, in every format (beyond the hand-written fixtures)."""
from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import tempfile
from pathlib import Path

import pytest

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import ROOT, TODAY, tool
from tests.generators import cloudformation, serverless, terraform

SEED, COUNT = 20261128, 150

GENERATORS = {"cloudformation": cloudformation.cloudformation, "serverless": serverless.serverless,
              "terraform": terraform.terraform}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_python_and_rego_agree_on_generated_documents(kind):
    rng = random.Random(f"{SEED}-{kind}")
    documents = [GENERATORS[kind](rng) for _ in range(COUNT)]
    rego = OpaCliBackend(tool("opa")).evaluate(documents, {"today": TODAY})
    disagreements = []
    for index, document in enumerate(documents):
        fmt = "sam" if document.get("Transform") else kind
        python = {(v.rule_id, v.resource) for v in evaluate(build(fmt, document), Context(dt.date.fromisoformat(TODAY)))}
        assert not isinstance(rego[index], Exception), rego[index]
        opa = {(f["id"], f["resource"]) for f in rego[index]}
        if python != opa:
            disagreements.append((index, sorted(python - opa), sorted(opa - python)))
    assert disagreements == []



def _rego_not_created(documents: list[dict]) -> list[set[str]]:
    """The resources in data.faasguard.model.not_created of each document, with the real opa binary."""
    query = ("[created | some doc in input.documents; "
             "created := {r.resource | some r in data.faasguard.model.not_created} with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True, check=True)
    return [set(entry) for entry in json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]]


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_python_and_rego_agree_on_what_is_not_created(kind):
    """Existence is one decision: the same resources are left unjudged by both engines."""
    rng = random.Random(f"{SEED}-{kind}")
    documents = [GENERATORS[kind](rng) for _ in range(COUNT)]
    python = [{n.resource for n in build("sam" if d.get("Transform") else kind, d).not_created} for d in documents]
    assert any(python), "the generator never produces a resource that is not created"
    assert _rego_not_created(documents) == python
