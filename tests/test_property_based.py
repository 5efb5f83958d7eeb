"""No rule crashes, in either engine, on any well-formed document: hypothesis builds templates of every
format from the shapes each format allows — literals of every JSON type, unknowns and intrinsics in every
position a rule reads — and both engines must evaluate them without error and agree on every violation.
(The Python model is what the Checkov checks report.)"""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faasguard.engines.rego.server import ServerBackend
from faasguard.model import build
from faasguard.rules import Context, evaluate
from tests.conftest import TODAY
from tests.strategies.cloudformation import cloudformation_templates
from tests.strategies.serverless import serverless_services
from tests.strategies.terraform import terraform_modules

# one document per example, judged by a real `opa run -s` (the bundle compiled once): each example gets
# the whole of hypothesis's buffer, so large documents with many linked resources are drawn
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _assert_engines_agree(fmt: str, document: dict, opa_server: str) -> None:
    [outcome] = ServerBackend(opa_server).evaluate([document], {"today": TODAY})
    kind = "sam" if fmt == "cloudformation" and _is_sam(document) else fmt
    python = {(v.rule_id, v.resource) for v in evaluate(build(kind, document), Context(dt.date.fromisoformat(TODAY)))}
    assert not isinstance(outcome, Exception), (outcome, document)
    assert {(f["id"], f["resource"]) for f in outcome} == python, document


def _is_sam(template: dict) -> bool:
    resources = template.get("Resources") or {}
    return template.get("Transform") == "AWS::Serverless-2016-10-31" or any(
        isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::Serverless::") for r in resources.values())


@SETTINGS
@given(cloudformation_templates())
def test_cloudformation_and_sam_never_crash_and_engines_agree(opa_server, template):
    _assert_engines_agree("cloudformation", template, opa_server)


@SETTINGS
@given(serverless_services())
def test_serverless_never_crashes_and_engines_agree(opa_server, service):
    _assert_engines_agree("serverless", service, opa_server)


@SETTINGS
@given(terraform_modules())
def test_terraform_never_crashes_and_engines_agree(opa_server, module):
    _assert_engines_agree("terraform", module, opa_server)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(cloudformation_templates().map(lambda d: ("cloudformation", d)),
                 serverless_services().map(lambda d: ("serverless", d)),
                 terraform_modules().map(lambda d: ("terraform", d))))
def test_the_model_never_changes_the_document_it_reads(case):
    """The same document goes to both engines, and the Rego engine may serialise it while the Checkov
    engine's model reads it: the model must leave it as it found it."""
    fmt, document = case
    before = json.dumps(document, sort_keys=True)
    build("sam" if fmt == "cloudformation" and _is_sam(document) else fmt, document)
    assert json.dumps(document, sort_keys=True) == before

