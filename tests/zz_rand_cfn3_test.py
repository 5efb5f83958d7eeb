import datetime as dt, json
from hypothesis import given, settings, Phase, HealthCheck, strategies as st
from tests import test_property_based as t
from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY, tool

S = settings(max_examples=80, deadline=None, derandomize=False, phases=[Phase.generate],
             suppress_health_check=list(HealthCheck))

def check(fmt, documents):
    rego = OpaCliBackend(tool("opa")).evaluate(documents, {"today": TODAY})
    for document, outcome in zip(documents, rego):
        kind = "sam" if fmt == "cloudformation" and t._is_sam(document) else fmt
        python = {(v.rule_id, v.resource) for v in evaluate(build(kind, document), Context(dt.date.fromisoformat(TODAY)))}
        assert not isinstance(outcome, Exception), outcome
        r = {(f["id"], f["resource"]) for f in outcome}
        if r != python:
            json.dump(document, open(f"/tmp/prop/fail_{fmt}.json", "w"))
            raise AssertionError(f"rego-only {sorted(r - python)} python-only {sorted(python - r)}")

@S
@given(st.lists(t.cloudformation_templates(), min_size=12, max_size=12))
def test_cfn(templates): check("cloudformation", templates)

@S
@given(st.lists(t.serverless_services(), min_size=12, max_size=12))
def test_sls(services): check("serverless", services)

@S
@given(st.lists(t.terraform_modules(), min_size=12, max_size=12))
def test_tf(modules): check("terraform", modules)
