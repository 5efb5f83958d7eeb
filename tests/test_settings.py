"""The tunable settings (faasguard.settings, docs/settings.md): one table with documented defaults, read
from `.faasguard.yaml` by the loader, from FAASGUARD_<NAME> / FAASGUARD_CONFIG by the Checkov checks and
from data.faasguard.config by Rego — and under non-default settings the Python model, `opa eval` and the
checkov CLI give the same verdicts (the cases of tests/fixtures/settings.yaml)."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import yaml

from faasguard import config, settings
from faasguard.engines.checkov_engine import resource_id
from faasguard.evaluation import evaluate_document
from faasguard.inputs.load import load_paths
from faasguard.scan import RegoOptions, ScanOptions, scan
from faasguard.settings import Settings, SettingsError
from tests.conftest import ROOT, TODAY, run, tool
from tests.fixture_cases import FIXTURES

CASES = yaml.safe_load((FIXTURES / "settings.yaml").read_text())["cases"] or []


def _case_id(case: dict) -> str:
    return f"{case['rule']}/{case['case']}/" + ",".join(f"{k}={v}" for k, v in sorted(case["settings"].items()))


@pytest.fixture(params=CASES, ids=[_case_id(c) for c in CASES])
def case(request) -> dict:
    return request.param


def _path(case: dict) -> Path:
    return FIXTURES / case["rule"] / case["case"]


def _documents(case: dict):
    loaded = load_paths([str(_path(case))])
    assert loaded.errors == [] and loaded.documents
    return loaded.documents


def test_every_case_names_a_fixture_and_a_setting(case):
    expected = yaml.safe_load((FIXTURES / case["rule"] / "expected.yaml").read_text())
    assert case["case"] in expected
    assert set(case["settings"]) <= set(settings.BY_NAME)
    # a case is there to show a setting changing a verdict
    assert sorted(case["expected"]) != sorted(expected[case["case"]] or [])


def test_python_model_under_the_settings(case):
    scan_settings = settings.from_mapping(case["settings"], "case")
    found = {v.resource for d in _documents(case)
             for v in evaluate_document(d, dt.date.fromisoformat(TODAY), scan_settings).violations
             if v.rule_id == case["rule"]}
    assert found == set(case["expected"])


def test_opa_eval_under_the_settings(case, tmp_path):
    """A bare `opa eval` user gives the settings as data.faasguard.config in a data file."""
    data = tmp_path / "config.json"
    data.write_text(json.dumps({"faasguard": {"config": {"today": TODAY, **case["settings"]}}}))
    found = set()
    for index, document in enumerate(_documents(case)):
        source = tmp_path / f"input{index}.json"
        source.write_text(json.dumps(document.data))
        proc = run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--data", str(data), "--input", str(source),
                    "--format", "json", f"data.faasguard.rules.{case['rule'].lower()}.deny"])
        assert proc.returncode == 0, proc.stderr[-2000:]
        found |= {r["resource"] for r in json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]}
    assert found == set(case["expected"])


def test_checkov_cli_under_the_settings(case, tmp_path):
    """A Checkov user sets FAASGUARD_<NAME> variables."""
    path = _path(case)
    target = ["-d", str(path)] if path.is_dir() else ["-f", str(path)]
    proc = run(["checkov", *target, "--external-checks-dir", str(ROOT / "checks"), "--framework", "terraform",
                "terraform_plan", "cloudformation", "serverless", "--check", case["rule"], "-o", "json",
                "--compact", "--quiet"], cwd=tmp_path, env=settings.environment(settings.from_mapping(case["settings"], "case")))
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout) if proc.stdout.strip() else []
    reports = reports if isinstance(reports, list) else [reports]
    found = {resource_id(report["check_type"], r["resource"], r.get("resource_address"))
             for report in reports for r in report["results"]["failed_checks"]}
    assert found == set(case["expected"])


# --- where settings come from ---------------------------------------------------------------------------

def test_defaults_are_documented_and_generated_for_rego():
    assert Settings().as_config() == settings.defaults()
    assert json.loads((ROOT / "rego/faasguard/defaults/data.json").read_text()) == settings.defaults()
    documented = (ROOT / "docs/settings.md").read_text()
    for setting in settings.TABLE:
        assert f"`{setting.name}`" in documented and f"`{setting.variable}`" in documented


def test_settings_in_faasguard_yaml(tmp_path):
    path = tmp_path / ".faasguard.yaml"
    path.write_text("skip-rules: [FG_05_01]\nsettings:\n  log_retention_min_days: 365\n"
                    "  layer_accounts: ['017000801446']\n")
    loaded = config.load(path)
    assert loaded.settings == Settings(log_retention_min_days=365, layer_accounts=("017000801446",))
    assert loaded.skip_rules == ["FG_05_01"]


@pytest.mark.parametrize(("text", "problem"), [
    ("settings:\n  log_retention_min_days: 0\n", "settings.log_retention_min_days: 0 is less than the minimum of 1"),
    ("settings:\n  layer_accounts: ['1234']\n", "settings.layer_accounts.0: '1234' does not match"),
    ("settings:\n  runtime_warning_days: soon\n", "settings.runtime_warning_days: 'soon' is not of type 'integer'"),
    ("settings:\n  log_retention_days: 30\n", "Additional properties are not allowed ('log_retention_days' was unexpected)"),
])
def test_a_bad_setting_is_an_error_naming_the_file(tmp_path, text, problem):
    path = tmp_path / ".faasguard.yaml"
    path.write_text(text)
    with pytest.raises((config.ConfigError, SettingsError)) as raised:
        config.load(path)
    assert str(path) in str(raised.value) and problem in str(raised.value)


def test_environment_variables_and_config_file_for_checkov(tmp_path):
    file = tmp_path / "team.faasguard.yaml"
    file.write_text("settings:\n  runtime_warning_days: 30\n  log_retention_min_days: 90\n")
    environ = {settings.CONFIG_VARIABLE: str(file), "FAASGUARD_LOG_RETENTION_MIN_DAYS": "365",
               "FAASGUARD_LAYER_ACCOUNTS": "017000801446, 123456789012"}
    # a variable wins over the file
    assert settings.from_environment(environ) == Settings(365, ("017000801446", "123456789012"), 30)
    assert settings.from_environment({}) == Settings()
    with pytest.raises(SettingsError, match="FAASGUARD_RUNTIME_WARNING_DAYS='many' is not a whole number"):
        settings.from_environment({"FAASGUARD_RUNTIME_WARNING_DAYS": "many"})
    assert settings.environment(Settings(layer_accounts=("017000801446",)))["FAASGUARD_LAYER_ACCOUNTS"] == "017000801446"


RUNTIME_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.11
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/app
      Code:
        ZipFile: exports.handler = async () => 1
"""


@pytest.mark.parametrize("backend", ["wasm", "opa"])
def test_the_loader_hands_its_settings_to_both_engines(tmp_path, backend):
    """python3.11 is deprecated on 2027-06-30, 211 days after TODAY: outside the default window of 180
    days, inside a window of 240 set in .faasguard.yaml — for both engines alike."""
    (tmp_path / "template.yaml").write_text(RUNTIME_TEMPLATE)
    options = dict(rego=RegoOptions(backend, tool("opa")), today=dt.date.fromisoformat(TODAY), check=("FG_06_07",))
    assert scan([str(tmp_path)], ScanOptions(**options)).findings == []
    (tmp_path / ".faasguard.yaml").write_text("settings:\n  runtime_warning_days: 240\n")
    result = scan([str(tmp_path)], ScanOptions(**options, config=config.load(tmp_path / ".faasguard.yaml")))
    assert result.errors == []
    assert [(f.rule_id, f.resource, f.engines) for f in result.findings] == [("FG_06_07", "Fn", ["checkov", "rego"])]


def test_the_cli_reads_settings_and_refuses_bad_ones(tmp_path):
    (tmp_path / "template.yaml").write_text(RUNTIME_TEMPLATE)
    base = [sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--format", "json", "--check", "FG_06_07",
            "--today", TODAY]
    assert run(base).returncode == 0
    (tmp_path / ".faasguard.yaml").write_text("settings:\n  runtime_warning_days: 240\n")
    found = run(base)
    assert found.returncode == 1 and [f["rule_id"] for f in json.loads(found.stdout)["findings"]] == ["FG_06_07"]
    (tmp_path / ".faasguard.yaml").write_text("settings:\n  runtime_warning_days: -1\n")
    refused = run(base)
    assert refused.returncode == 2 and ".faasguard.yaml" in refused.stderr and "runtime_warning_days" in refused.stderr
