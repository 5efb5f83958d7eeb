"""Plan review (docs/formats/terraform.md, "Plans"): real `terraform plan` + `terraform show -json` output of the
cases in tests/plan_review (made by `scripts/make_plan_fixtures.py --review`) with modules, change actions and
data sources. For each case: the exact findings of the plan and of its HCL, from the Python model and from the
Rego bundle; the HCL and the plan agree but for the findings the case lists as ones the plan knows more
about; the links across module boundaries are the same in both engines."""
from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from faasguard.engines.rego.opa_cli import OpaCliBackend
from faasguard.engines.rego.wasm import WasmBackend
from faasguard.evaluation import violations
from faasguard.inputs.load import load_paths
from faasguard.model import build
from faasguard.model.terraform import MODULE_DEPTH
from tests.conftest import TODAY, rego_each_document, tool, views_object

REVIEW = Path(__file__).parent / "plan_review"
CASES = sorted(p.name for p in REVIEW.iterdir() if (p / "expected.yaml").is_file())
FORMATS = ("plan", "hcl")
INSTANCE_KEY = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]')


def _expected(case: str) -> dict:
    return yaml.safe_load((REVIEW / case / "expected.yaml").read_text())


def _pairs(by_rule: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {(rule, resource) for rule, resources in (by_rule or {}).items() for resource in resources}


def _documents(case: str, fmt: str):
    loaded = load_paths([str(REVIEW / case / ("plan.json" if fmt == "plan" else "hcl"))])
    assert loaded.errors == [], loaded.errors
    assert {d.format for d in loaded.documents} == {"terraform_plan" if fmt == "plan" else "terraform"}
    return loaded.documents


def _plan_variant(case: str, change) -> list:
    """The case's plan with `change(resource_change)` applied to a copy of each resource change."""
    document = _documents(case, "plan")[0]
    data = copy.deepcopy(document.data)
    for rc in data["resource_changes"]:
        change(rc)
    return [dataclasses.replace(document, data=data)]


def _before(rc: dict) -> None:
    """Read `before` as if it were planned: deletions and updates kept as they were."""
    if rc["change"]["actions"] in (["delete"], ["update"]):
        rc["change"].update(actions=["no-op"], after=rc["change"]["before"], after_unknown={})


def _unknown_as_absent(rc: dict) -> None:
    """Drop what after_unknown marks at the top level, as a reading that takes unknown for absent would."""
    unknown = rc["change"].get("after_unknown") or {}
    rc["change"]["after_unknown"] = {k: v for k, v in unknown.items() if v is not True}


VARIANTS = {"before": _before, "unknown_as_absent": _unknown_as_absent}


@pytest.fixture(scope="module")
def documents() -> dict[tuple[str, str], list]:
    """(case, format or variant) -> its documents."""
    found = {(case, fmt): _documents(case, fmt) for case in CASES for fmt in FORMATS}
    for case in CASES:
        for name, change in VARIANTS.items():
            if name in _expected(case):
                found[(case, name)] = _plan_variant(case, change)
    return found


@pytest.fixture(scope="module")
def python_findings(documents) -> dict[tuple[str, str], set[tuple[str, str]]]:
    return {key: {(v.rule_id, v.resource) for d in docs for v in violations(d)} for key, docs in documents.items()}


def _rego(backend, documents) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """Every document through a Rego backend, in one run."""
    keys = [key for key, docs in documents.items() for _ in docs]
    outcomes = backend.evaluate([d.data for docs in documents.values() for d in docs], {"today": TODAY})
    found: dict[tuple[str, str], set[tuple[str, str]]] = {key: set() for key in documents}
    for key, outcome in zip(keys, outcomes):
        assert not isinstance(outcome, Exception), outcome
        found[key] |= {(f["id"], f["resource"]) for f in outcome}
    return found


@pytest.fixture(scope="module")
def rego_findings(documents) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The Rego bundle through the opa binary (the reference backend)."""
    return _rego(OpaCliBackend(tool("opa")), documents)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_python_model_finds_exactly_the_expected(case, fmt, python_findings):
    assert sorted(python_findings[(case, fmt)]) == sorted(_pairs(_expected(case)[fmt]))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_rego_finds_exactly_the_expected(case, fmt, rego_findings):
    assert sorted(rego_findings[(case, fmt)]) == sorted(_pairs(_expected(case)[fmt]))


def test_engines_agree_on_every_document_and_variant(documents, python_findings, rego_findings):
    def listed(found):
        return {k: sorted(v) for k, v in found.items()}

    assert listed(python_findings) == listed(rego_findings)
    assert listed(_rego(WasmBackend(), documents)) == listed(rego_findings)  # the bundle's WebAssembly build


def _block(address: str) -> str:
    """The HCL block address of a planned instance: instance keys dropped."""
    return INSTANCE_KEY.sub("", address)


@pytest.mark.parametrize("case", CASES)
def test_hcl_and_plan_agree_but_where_the_plan_knows_more(case):
    expected = _expected(case)
    exceptions = {(e["rule"], _block(e["resource"])) for e in expected["plan_knows_more"]}
    assert all(e["why"] for e in expected["plan_knows_more"])
    plan = {(rule, _block(resource)) for rule, resource in _pairs(expected["plan"])}
    hcl = _pairs(expected["hcl"])
    assert exceptions <= plan and not exceptions & hcl
    assert sorted(plan - exceptions) == sorted(hcl)


def _linked(records: list[dict], resources) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {r: set() for r in resources}
    for record in records:
        if record["resource"] in found:
            found[record["resource"]].update(record["functions"])
    return {r: sorted(f) for r, f in found.items()}


@pytest.mark.parametrize("case", [c for c in CASES if "links" in _expected(c)])
def test_links_across_modules_are_the_same_in_both_engines(case, documents):
    links = _expected(case)["links"]
    plan = documents[(case, "plan")][0].data
    python = build("terraform_plan", plan)
    rego = rego_each_document([plan], views_object(links))[0]
    for view, expected in links.items():
        want = {r: sorted(f) for r, f in expected.items()}
        assert _linked([dataclasses.asdict(r) for r in getattr(python, view)], want) == want, view
        assert _linked(rego[view], want) == want, view


@pytest.mark.parametrize("case", [c for c in CASES if "actions" in _expected(c)])
def test_the_plan_has_the_actions_the_case_is_about(case, documents):
    plan = documents[(case, "plan")][0].data
    assert {rc["address"]: rc["change"]["actions"] for rc in plan["resource_changes"]
            if rc["mode"] == "managed"} == _expected(case)["actions"]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", [c for c in CASES if any(v in _expected(c) for v in VARIANTS)])
def test_what_the_plan_does_not_judge_would_be_findings(case, variant, python_findings, rego_findings):
    """Deleted resources and an update's `before` (variant before), and values known only after apply (variant
    unknown_as_absent), would break these rules if read: the real plan's findings have none of them."""
    shown = _pairs(_expected(case).get(variant) or {})
    for found in (python_findings, rego_findings):
        assert shown <= found[(case, variant)]
        assert not shown & found[(case, "plan")]


# ------------------------------------------------------------------ the depth bound (both engines)


def _chain_plan(depth: int) -> dict:
    """A root role passed down `depth` nested module calls (module.m.module.m…) to the function of the last."""
    def module(level: int) -> dict:
        if level == depth:
            return {"resources": [{"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function",
                                   "name": "f", "expressions": {"role": {"references": ["var.role"]}}}]}
        return {"module_calls": {"m": {"expressions": {"role": {"references": ["var.role"]}},
                                       "module": module(level + 1)}}}

    root = module(0)
    root["module_calls"]["m"]["expressions"]["role"] = {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}
    root["resources"] = [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r"}]
    scope = ".".join(["module.m"] * depth)
    created = {"actions": ["create"], "after_unknown": {"arn": True, "role": True}}
    return {"format_version": "1.2", "configuration": {"root_module": root}, "resource_changes": [
        {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
         "change": {**created, "after": {"name": "r"}}},
        {"address": f"{scope}.aws_lambda_function.f", "module_address": scope, "mode": "managed",
         "type": "aws_lambda_function", "name": "f", "change": {**created, "after": {"runtime": "python3.12"}}},
    ]}


def test_a_reference_is_followed_across_at_most_module_depth_boundaries():
    plans = [_chain_plan(MODULE_DEPTH), _chain_plan(MODULE_DEPTH + 1)]
    rego = rego_each_document(plans, views_object(["roles"]))
    python = [build("terraform_plan", p).roles for p in plans]
    function = f"{'.'.join(['module.m'] * MODULE_DEPTH)}.aws_lambda_function.f"
    linked = [[("aws_iam_role.r", [function])], []]  # at the bound, and one boundary beyond it
    assert [[(r.resource, list(r.functions)) for r in roles] for roles in python] == linked
    assert [[(r["resource"], r["functions"]) for r in views["roles"]] for views in rego] == linked


def test_the_plans_are_real_terraform_output():
    for case in CASES:
        plan = _documents(case, "plan")[0].data
        assert plan["format_version"] == "1.2" and plan["terraform_version"], case

