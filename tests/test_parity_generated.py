"""Parity on generated documents: the Python rules and the Rego bundle agree on hundreds of random
combinations of the settings each rule reads, in every format (beyond the hand-written fixtures)."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, tool
from tests.generators import cloudformation, serverless, terraform

SEED, COUNT = 20261128, 150

GENERATORS = {"cloudformation": cloudformation.cloudformation, "serverless": serverless.serverless,
              "terraform": terraform.terraform}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_python_and_rego_agree_on_generated_documents(kind):
    rng = random.Random(f"{SEED}-{kind}")
    documents = [GENERATORS[kind](rng) for _ in range(COUNT)]
    rego = OpaCliBackend(tool("opa")).evaluate(documents, TODAY)
    disagreements = []
    for index, document in enumerate(documents):
        fmt = "sam" if document.get("Transform") else kind
        python = {(v.rule_id, v.resource) for v in evaluate(build(fmt, document), Context(dt.date.fromisoformat(TODAY)))}
        assert not isinstance(rego[index], Exception), rego[index]
        opa = {(f["id"], f["resource"]) for f in rego[index]}
        if python != opa:
            disagreements.append((index, sorted(python - opa), sorted(opa - python)))
    assert disagreements == []
