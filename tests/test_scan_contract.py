"""What a scan promises whatever the rules: one date for both engines, no silent empty scans, no
unknown rule ids, and Checkov checks that fail closed under plain Checkov."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys

import pytest

from faasguard import catalog
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, TODAY, run, tool

# nodejs22.x is deprecated on 2027-04-30 (src/faasguard/data/runtimes.yaml)
TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/app
      TracingConfig:
        Mode: Active
      Code:
        ZipFile: exports.handler = async () => 1
"""


@pytest.fixture
def template(tmp_path):
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    return tmp_path / "template.yaml"


@pytest.mark.parametrize("backend", ["wasm", "opa"])
@pytest.mark.parametrize(("today", "expected"), [("2027-04-29", set()), ("2027-04-30", {("FG_06_01", "Fn")})])
def test_both_engines_judge_by_the_scan_date(template, backend, today, expected):
    options = ScanOptions(rego=RegoOptions(backend, tool("opa")), today=dt.date.fromisoformat(today), check=("FG_06_01",))
    result = scan([str(template)], options)
    assert result.errors == []
    assert {(f.rule_id, f.resource) for f in result.findings} == expected
    assert all(f.engines == ["checkov", "rego"] for f in result.findings)


def test_the_server_backend_judges_by_the_scan_date(template, opa_server):
    for today, expected in (("2027-04-29", set()), ("2027-04-30", {("FG_06_01", "Fn")})):
        options = ScanOptions(engines=("rego",), rego=RegoOptions("server", opa_url=opa_server),
                              today=dt.date.fromisoformat(today), check=("FG_06_01",))
        assert {(f.rule_id, f.resource) for f in scan([str(template)], options).findings} == expected


def test_today_option_on_the_command_line(template):
    base = [sys.executable, "-m", "faasguard", "scan", str(template), "--format", "json", "--check", "FG_06_01"]
    before = run([*base, "--today", "2027-04-29"])
    on_the_day = run([*base, "--today", "2027-04-30"])
    assert before.returncode == 0, before.stderr
    assert on_the_day.returncode == 1, on_the_day.stderr
    assert [f["rule_id"] for f in json.loads(on_the_day.stdout)["findings"]] == ["FG_06_01"]
    bad = run([*base, "--today", "30/04/2027"])
    assert bad.returncode == 2 and "not a date (YYYY-MM-DD)" in bad.stderr


def test_the_default_date_is_utc(template):
    """Without --today or FAASGUARD_TODAY, the date is today's in UTC for both engines, whatever the TZ."""
    code = ("import datetime as dt, sys; from faasguard.rules.base import utc_today; "
            "from faasguard.evaluation import scan_date; "
            "assert scan_date() == utc_today() == dt.datetime.now(dt.timezone.utc).date(); print('ok')")
    proc = run([sys.executable, "-c", code], env={"FAASGUARD_TODAY": "", "TZ": "Pacific/Kiritimati"})
    assert proc.stdout.strip() == "ok", proc.stderr


def test_an_unknown_check_id_is_a_usage_error(template):
    base = [sys.executable, "-m", "faasguard", "scan", str(template)]
    for option in ("--check", "--skip-check"):
        proc = run([*base, option, "FG_4_01"])
        assert proc.returncode == 2 and "no rule matches FG_4_01" in proc.stderr, proc.stderr
    assert run([*base, "--check", "FG_06_01,HIGH", "--today", TODAY]).returncode == 0


def test_a_scan_that_finds_no_template_says_so(tmp_path):
    (tmp_path / "README.md").write_text("# nothing to scan\n")
    (tmp_path / "package.json").write_text('{"name": "app"}\n')
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--engine", "rego"])
    assert proc.returncode == 2
    assert "no CloudFormation, SAM, Serverless Framework, Terraform or plan file found" in proc.stderr
    # pre-commit hands over the changed files; none of them being a template is normal there
    hook = run([sys.executable, "-m", "faasguard", "scan", "--skip-unknown", str(tmp_path / "package.json")])
    assert hook.returncode == 0, hook.stderr


def test_a_check_that_cannot_evaluate_fails_under_plain_checkov(tmp_path):
    """Checkov turns an exception in a check into a silent UNKNOWN; faasguard's checks answer FAILED
    with the reason instead (here: the template the check must read has gone)."""
    from checkov.common.models.enums import CheckResult

    from faasguard.checkov_checks import COULD_NOT_EVALUATE, CloudFormationCheck

    check = CloudFormationCheck(catalog.rule("FG_06_01"))
    missing = tmp_path / "gone.yaml"
    result = check.run(str(missing), {"Type": "AWS::Lambda::Function", "Properties": {"__file__": str(missing)}},
                       "Fn", "AWS::Lambda::Function", {})
    assert result["result"] == CheckResult.FAILED
    assert len(check.details) == 1 and check.details[0].startswith(COULD_NOT_EVALUATE)
    assert "gone.yaml" in check.details[0]


def _forget_evaluations() -> None:
    from faasguard import evaluation

    evaluation._file_violations.cache_clear()
    evaluation._module_violations.cache_clear()


CRASH_CASES = {  # format -> a passing input, and the files Checkov names for it (the function's first)
    "serverless": ("tests/fixtures/FG_06_01/serverless/pass_current", ["serverless.yml"]),
    "terraform": ("tests/fixtures/FG_06_01/terraform/pass_current_runtimes", ["main.tf", "iam.tf"]),
    "terraform_plan": ("tests/fixtures/FG_06_01/terraform_plan/pass_current_runtimes.json", [""]),
}


@pytest.mark.parametrize("fmt", ["cloudformation", *CRASH_CASES])
def test_a_check_that_crashes_inside_checkov_is_an_error_not_an_unknown(template, monkeypatch, fmt):
    """Checkov turns an exception in a check into a silent UNKNOWN. Run for real with one rule broken,
    the engine reports an error naming the file and the reason, and no verdict (no finding: Checkov's
    CloudFormation records carry no details, and a FAILED answer became a finding). The checks share
    one evaluation of the file, so every check of it fails, and one error per file names them all."""
    from faasguard.engines import checkov_engine
    from faasguard.inputs.load import load_paths
    from faasguard.rules import base

    def broken(views, context):
        raise RuntimeError("the rule broke")

    path, names = (str(template), [""]) if fmt == "cloudformation" else (str(ROOT / CRASH_CASES[fmt][0]), CRASH_CASES[fmt][1])
    documents = load_paths([path]).documents
    monkeypatch.setitem(base.RULES, "FG_06_01", broken)
    _forget_evaluations()  # an earlier test may have evaluated the same fixture with the rule intact
    try:
        result = checkov_engine.run(documents)
    finally:
        _forget_evaluations()
    assert result.findings == []
    files = [os.path.join(path, name) if name else path for name in names]
    assert sorted(e.file for e in result.errors) == sorted(files)
    for error in result.errors:
        assert re.fullmatch(r"checkov checks (FG_\d\d_\d\d, )+FG_\d\d_\d\d failed: the rule broke", error.message)
    assert "FG_06_01" in next(e.message for e in result.errors if e.file == files[0])


def test_a_file_on_which_checkov_itself_fails_leaves_the_other_files_judged(tmp_path, template):
    """Checkov's Serverless graph builder raises on `plugins: true`, ending its whole run: that file is an
    error, and the Checkov verdicts of the other files still come."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "serverless.yml").write_text(
        "service: s\nplugins: true\nprovider:\n  name: aws\n  runtime: python3.8\nfunctions:\n  a:\n    handler: h.h\n")
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--check", "FG_06_01", "--format", "json",
                "--today", "2027-06-01"])
    report = json.loads(proc.stdout)
    assert proc.returncode == 2
    assert [(e["file"], e["message"]) for e in report["errors"]] == [
        (str(tmp_path / "svc" / "serverless.yml"), "checkov failed on this file: 'bool' object is not iterable")]
    # nodejs22.x is deprecated by then: both engines judge the template
    assert sorted((f["resource"], tuple(f["engines"])) for f in report["findings"]) == [
        ("Fn", ("checkov", "rego")), ("provider", ("rego",))]


def test_a_file_checkov_cannot_parse_is_an_error_with_checkovs_reason(template):
    """Checkov names a file it could not parse and only logs why; the error carries the reason. Here the
    file changes between the loader's reading and Checkov's (the loader itself refuses this text)."""
    from faasguard.engines import checkov_engine
    from faasguard.inputs.load import load_paths

    documents = load_paths([str(template)]).documents
    template.write_text(TEMPLATE + "  Legacy:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                        "      Runtime: nodejs22.x\n      Runtime: python3.8\n")
    result = checkov_engine.run(documents)
    assert result.findings == []
    assert [(e.file, e.message) for e in result.errors] == [
        (str(template), 'checkov could not parse this file: Duplicate resource found "Runtime" (line 17)')]


@pytest.mark.parametrize(("name", "text", "error"), [
    ("intrinsic_properties.yaml",
     "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: !If [C, {Runtime: python3.8}, {Runtime: python3.9}]\n",
     "line 4: `Properties` of Fn is the intrinsic Fn::If, not a map; this file was not checked"),
    ("surrogate.json",
     '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.8\\ud83d"}}}}',
     "cannot parse JSON: a string holds '\\ud83d', half of a UTF-16 surrogate pair: not a character"),
])
def test_templates_checkov_refuses_are_errors_for_both_engines(tmp_path, name, text, error):
    """Found by the property-based tests: Checkov refuses these templates; faasguard read them, so one
    engine judged a file the other could not. Now neither does, and the reason is given."""
    (tmp_path / name).write_text(text)
    result = scan([str(tmp_path / name)], ScanOptions(rego=RegoOptions("opa", tool("opa"))))
    assert result.findings == [] and result.documents == []
    assert [e.message for e in result.errors] == [error]


def test_a_serverless_include_is_read_within_the_same_limits(tmp_path):
    (tmp_path / "serverless.yml").write_text("service: s\nprovider:\n  name: aws\n  runtime: python3.13\n"
                                             "custom: ${file(./deep.json)}\nfunctions:\n  a:\n    handler: h.h\n"
                                             "    tracing: Active\n")
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000)
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--format", "json"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert [e["message"] for e in json.loads(proc.stdout)["errors"]] == [
        "cannot include ${file(./deep.json)} in serverless.yml: cannot parse deep.json: line 1: nested more than "
        "100 levels deep"]
