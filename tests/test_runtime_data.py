"""The Lambda runtime table (src/faasguard/data/runtimes.yaml) is generated from the runtime lifecycle
data AWS ships in cfn-lint, so it cannot silently fall behind; a runtime it does not list is undecided,
never passed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from faasguard import catalog, runtimes_generate
from faasguard.inputs.document import Document
from faasguard.evaluation import evaluate_document

ROOT = Path(__file__).resolve().parents[1]


def test_the_table_is_generated_from_the_installed_cfn_lint():
    assert not runtimes_generate.stale(ROOT), "run scripts/generate_runtimes.py (then scripts/generate.py)"


def test_every_runtime_cfn_lint_knows_is_in_the_table_with_its_dates():
    table = catalog.runtimes()["runtimes"]
    for name, dates in runtimes_generate.lifecycle().items():
        assert table[name]["deprecated"] == dates["deprecated"], name


def test_the_runtimes_the_hand_kept_table_missed_are_there():
    table = catalog.runtimes()["runtimes"]
    assert table["dotnet9"]["deprecated"] == "2026-11-10"
    assert {"java25", "python3.14", "ruby4.0", "dotnet10", "nodejs24.x"} <= set(table)


def test_the_supplement_only_holds_runtimes_cfn_lint_lacks():
    supplement = yaml.safe_load((ROOT / "src/faasguard/data/runtimes_supplement.yaml").read_text())
    assert supplement and not set(supplement) & set(runtimes_generate.lifecycle())


def _evaluate(runtime: str, today: str):
    template = {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
        "Runtime": runtime, "Handler": "index.handler", "Role": "arn:aws:iam::123456789012:role/app",
        "Code": {"ZipFile": "exports.handler = async () => 1"}}}}}
    document = Document("cloudformation", "template.yaml", template)
    return evaluate_document(document, dt.date.fromisoformat(today))


def test_dotnet9_fails_from_its_deprecation_date():
    assert "FG_06_01" not in {v.rule_id for v in _evaluate("dotnet9", "2026-11-09").violations}
    assert ("FG_06_01", "Fn") in {(v.rule_id, v.resource) for v in _evaluate("dotnet9", "2026-11-10").violations}


def test_an_unknown_runtime_is_undecided_not_passed():
    evaluation = _evaluate("python9.99", "2026-12-01")
    assert not {v.rule_id for v in evaluation.violations} & {"FG_06_01", "FG_06_07"}
    [notice] = [u for u in evaluation.undecided if u.rule_id == "FG_06_01"]
    assert (notice.resource, notice.attribute) == ("Fn", "runtime")
    assert "'python9.99' is not in faasguard's runtime table (cfn-lint" in notice.reason
