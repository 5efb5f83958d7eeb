"""The catalog, the Checkov checks, the Rego rules, the docs and the fixtures agree on every rule."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from faasguard import catalog, generate
from tests.fixture_cases import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
RULE_IDS = sorted(catalog.rules())


def test_catalog_matches_its_schema():
    catalog.validate(yaml.safe_load((ROOT / "src/faasguard/catalog/rules.yaml").read_text()))


def test_rule_ids_follow_the_naming_scheme():
    for rule in catalog.rules().values():
        assert rule.id.startswith("FG_") and not rule.id.startswith("CKV")
        risk = int(rule.id.split('_')[1])
        if risk == 0:  # FG_00_xx join risks (attack paths): at least two of them
            assert len(rule.sas) >= 2, f"{rule.id}: a rule that joins risks names them"
        else:
            assert rule.sas[0] == f"SAS-{risk}", f"{rule.id}: primary risk must match the id"


def test_generated_files_are_fresh():
    assert [str(p.relative_to(ROOT)) for p in generate.stale(ROOT)] == []


def _load_check_module(path: Path):
    spec = importlib.util.spec_from_file_location(f"faasguard_test_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_check_file_per_rule():
    files = sorted(p.stem.upper() for p in (ROOT / "checks").glob("fg_*.py"))
    assert files == RULE_IDS
    assert (ROOT / "checks/__init__.py").is_file()


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_checkov_checks_carry_the_catalog_metadata(rule_id):
    rule = catalog.rule(rule_id)
    checks = _load_check_module(ROOT / "checks" / f"{rule_id.lower()}.py").checks
    assert checks, rule_id
    for check in checks:
        assert check.id == rule_id
        assert check.name == rule.title
        assert check.severity.name == rule.severity
        assert check.guideline == rule.guideline
    entities = {e for c in checks for e in c.supported_entities}
    expected = set(rule.resource_types.get("terraform", ())) | set(rule.resource_types.get("cloudformation", ()))
    if rule.resource_types.get("serverless"):
        expected.add("serverless_aws")
    assert entities == expected


def test_no_rule_id_collides_with_a_checkov_builtin():
    import checkov.main  # noqa: F401  (imports and registers every built-in check first)
    from checkov.common.checks.base_check_registry import BaseCheckRegistry

    builtin = {c.id for c in BaseCheckRegistry.get_all_registered_checks() if not c.id.startswith("FG_")}
    assert builtin, "no built-in checks found"
    assert builtin.isdisjoint(RULE_IDS)


def test_one_rego_package_per_rule():
    packages = sorted(p.name.upper() for p in (ROOT / "rego/faasguard/rules").iterdir() if p.is_dir())
    assert packages == RULE_IDS
    for rule_id in RULE_IDS:
        source = (ROOT / "rego/faasguard/rules" / rule_id.lower() / f"{rule_id.lower()}.rego").read_text()
        assert f"package faasguard.rules.{rule_id.lower()}" in source


def test_fixtures_and_docs_exist_for_every_rule():
    assert sorted(p.name for p in FIXTURES.glob("FG_*")) == RULE_IDS
    assert sorted(p.stem for p in (ROOT / "docs/rules").glob("*.md")) == RULE_IDS


def test_runtime_table_is_dated_and_sourced():
    table = catalog.runtimes()
    assert table["updated"] and table["source"].startswith("https://")
    assert all("deprecated" in dates for dates in table["runtimes"].values())


def test_coverage_says_what_is_missing(tmp_path):
    """docs/coverage.md is computed: a format without pass and fail fixtures, or a rule without its Rego
    package, is not claimed."""
    rule = catalog.rule("FG_05_01")
    fixtures = tmp_path / "tests/fixtures/FG_05_01"
    fixtures.mkdir(parents=True)
    (fixtures / "expected.yaml").write_text("sam/pass_a.yaml: []\nsam/fail_b.yaml: [Fn]\nserverless/fail_c: [fn]\n")
    assert generate.coverage_cell(tmp_path, rule, "sam") == "no: no Rego rule"
    package = tmp_path / "rego/faasguard/rules/fg_05_01"
    package.mkdir(parents=True)
    (package / "fg_05_01.rego").write_text("package faasguard.rules.fg_05_01\n")
    assert generate.coverage_cell(tmp_path, rule, "sam") == "yes"
    assert generate.coverage_cell(tmp_path, rule, "serverless") == "no: no pass and fail fixtures"
    assert generate.coverage_cell(tmp_path, rule, "terraform") == "no: no pass and fail fixtures"


def test_index_counts_each_engine_per_format(tmp_path):
    """docs/index.md counts, per risk and format, the rules each engine covers there: Checkov where the
    catalog maps the rule to the format, Rego where its package exists, both only with pass and fail
    fixtures."""
    (tmp_path / "tests/fixtures/FG_05_01").mkdir(parents=True)
    (tmp_path / "tests/fixtures/FG_05_01/expected.yaml").write_text("sam/pass_a.yaml: []\nsam/fail_b.yaml: [Fn]\n")
    row = next(line for line in generate.index_doc(tmp_path).splitlines() if line.startswith("| [SAS-5]"))
    # FG_05_01 has SAM fixtures but no Rego package here: Checkov 1, Rego 0 on SAM, nothing elsewhere
    assert row.split(" | ")[2:] == ["0 / 0", "0 / 0", "0 / 0", "1 / 0", "0 / 0 |"]
    (tmp_path / "rego/faasguard/rules/fg_05_01").mkdir(parents=True)
    (tmp_path / "rego/faasguard/rules/fg_05_01/fg_05_01.rego").write_text("package faasguard.rules.fg_05_01\n")
    row = next(line for line in generate.index_doc(tmp_path).splitlines() if line.startswith("| [SAS-5]"))
    assert row.split(" | ")[2:] == ["0 / 0", "0 / 0", "0 / 0", "1 / 1", "0 / 0 |"]


def test_index_lists_every_rule_once_under_its_primary_risk():
    index = (Path(__file__).parents[1] / "docs/index.md").read_text(encoding="utf-8")
    sections = index.split("\n## ")[1:]
    listed = {}
    for section in sections:
        risk = section.split("\n", 1)[0]
        for line in section.splitlines():
            if line.startswith("- [FG_"):
                listed.setdefault(line[3:11], []).append(risk)
    assert listed == {rule_id: [rule.sas[0]] for rule_id, rule in catalog.rules().items()}
    assert [s.split("\n", 1)[0] for s in sections] == list(catalog.RISKS)
