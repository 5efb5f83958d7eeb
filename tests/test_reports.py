"""The report writers (text, JSON, SARIF, JUnit, Markdown) on hand-made scan results, and once on a real scan.

The hand-made result holds every case: findings of every severity (two test-only rules, CRITICAL and LOW,
are added to the catalog for it), the three kinds of suppression, a finding without lines, a path with a
space, a path outside the working directory, text that needs escaping, errors and a notice. The working
directory is the temporary folder, so reported paths are relative to it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from faasguard import __version__, catalog
from faasguard.inputs.document import Document, InputError
from faasguard.report import json_report, junit_report, markdown_report, sarif_report, text_report
from faasguard.scan import Finding, ScanResult, Suppression
from tests.conftest import ROOT

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
DOCS = "https://github.com/faasguard/faasguard/blob/main/docs/rules"
NOTICE = ("exception for FG_04_01 on aws_iam_role.old expired on 2026-01-31 and no longer applies (legacy); "
          "in .faasguard.yaml")


@pytest.fixture
def extra_rules(monkeypatch):
    """Two test-only rules, FG_01_99 (CRITICAL) and FG_03_99 (LOW), beside the real catalog."""
    base = catalog.rule("FG_05_01")
    extra = {
        "FG_01_99": dataclasses.replace(base, id="FG_01_99", title="Test rule that is critical", sas=("SAS-1",),
                                        severity="CRITICAL"),
        "FG_03_99": dataclasses.replace(base, id="FG_03_99", title="Test rule that is low", sas=("SAS-3",),
                                        severity="LOW"),
    }
    rules = dict(sorted({**catalog.rules(), **extra}.items()))
    monkeypatch.setattr(catalog, "rules", lambda: rules)
    return rules


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sam(workdir: Path) -> str:
    return str(workdir / "infra" / "template.yaml")


@pytest.fixture
def full(workdir, extra_rules) -> ScanResult:
    sam = _sam(workdir)
    iam, main = str(workdir / "infra" / "tf" / "iam.tf"), str(workdir / "infra" / "tf" / "main.tf")
    plan = str(workdir / "plan.json")
    sls = str(workdir / "my app" / "serverless.yml")
    findings = [
        Finding("FG_06_01", sam, "OrdersFunction", (12, 30), ["rego", "checkov"],
                "runtime python3.8 is deprecated since 2024-10-14 (functions: OrdersFunction)"),
        Finding("FG_05_01", sam, "OrdersFunction", (12, 30), ["checkov", "rego"],
                "X-Ray tracing is not configured (functions: OrdersFunction); set it to Active",
                Suppression("inline", "traced by the caller")),
        Finding("FG_02_03", sam, "Pipe|Url", (40, 44), ["checkov", "rego"], "auth NONE | *public* <b>"),
        Finding("FG_05_01", sam, "LegacyFunction", (50, 60), ["checkov", "rego"],
                "X-Ray tracing is not configured (functions: LegacyFunction); set it to Active",
                Suppression("metadata", "reviewed")),
        Finding("FG_04_01", iam, "aws_iam_role.admin", (3, 9), ["checkov", "rego"],
                "grants every action to the role of aws_lambda_function.worker",
                Suppression("config", "break-glass role", "2027-03-31")),
        Finding("FG_07_01", plan, "aws_lambda_function.api", (0, 0), ["rego"],
                "plaintext secret in environment variable(s) API_KEY (functions: aws_lambda_function.api)"),
        Finding("FG_01_99", sls, "provider", (4, 8), ["checkov", "rego"], "critical test finding"),
        Finding("FG_03_99", sls, "hello", (10, 12), ["checkov", "rego"], "low test finding"),
    ]
    documents = [
        Document("sam", sam, {}, files=(sam,)),
        Document("terraform", str(workdir / "infra" / "tf"), {}, files=(iam, main)),
        Document("terraform_plan", plan, {}, files=(plan,)),
        Document("serverless", sls, {}, files=(sls,)),
    ]
    errors = [InputError(str(workdir / "infra" / "broken.yaml"), "cannot parse YAML: mapping values are not allowed here"),
              InputError(str(workdir / "modules" / "bad"), "main.tf: unexpected token")]
    return ScanResult(findings, errors, documents, [NOTICE], ("checkov", "rego"))


@pytest.fixture
def clean(workdir) -> ScanResult:
    a, b = str(workdir / "a.yaml"), str(workdir / "b.json")
    return ScanResult([], [], [Document("sam", a, {}, files=(a,)), Document("terraform_plan", b, {}, files=(b,))],
                      [], ("checkov", "rego"))


@pytest.fixture
def errors_only(workdir) -> ScanResult:
    return ScanResult([], [InputError(str(workdir / "x.yaml"), "not a CloudFormation, SAM, Serverless Framework "
                                                                 "or Terraform plan file")], [], [], ("checkov", "rego"))


@pytest.fixture
def suppressed_only(workdir) -> ScanResult:
    sam = _sam(workdir)
    finding = Finding("FG_05_01", sam, "OrdersFunction", (12, 30), ["checkov", "rego"], "no tracing",
                      Suppression("config", "traced upstream"))
    return ScanResult([finding], [], [Document("sam", sam, {}, files=(sam,))], [], ("checkov", "rego"))


# --- SARIF -------------------------------------------------------------------------------------------


def _validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("name", ["full", "clean", "errors_only", "suppressed_only"])
def test_sarif_is_valid(request, name):
    text = sarif_report.render(request.getfixturevalue(name))
    assert text.endswith("}\n")
    _validate(json.loads(text))


def _fingerprint(rule: str, file: str, resource: str) -> str:
    return hashlib.sha256(f"{rule}\0{file}\0{resource}".encode()).hexdigest()


def test_sarif_run_and_driver(full, workdir):
    log = json.loads(sarif_report.render(full))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert {k: v for k, v in driver.items() if k != "rules"} == {
        "name": "faasguard", "version": __version__, "semanticVersion": __version__,
        "informationUri": "https://github.com/faasguard/faasguard"}
    # every rule with a finding (suppressed ones too), in catalog order
    assert [r["id"] for r in driver["rules"]] == ["FG_01_99", "FG_02_03", "FG_03_99", "FG_04_01", "FG_05_01",
                                                  "FG_06_01", "FG_07_01"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": workdir.as_uri() + "/"}}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_rule_descriptor(full):
    rules = {r["id"]: r for r in json.loads(sarif_report.render(full))["runs"][0]["tool"]["driver"]["rules"]}
    rule = catalog.rule("FG_06_01")
    descriptor = rules["FG_06_01"]
    assert {k: v for k, v in descriptor.items() if k != "help"} == {
        "id": "FG_06_01",
        "name": "LambdaFunctionUsesADeprecatedRuntime",
        "shortDescription": {"text": "Lambda function uses a deprecated runtime"},
        "fullDescription": {"text": rule.why},
        "helpUri": f"{DOCS}/FG_06_01.md",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["security", "serverless", "CSA-SAS-6", "CSA-SAS-11"],
                       "security-severity": "8.9", "precision": "high"},
    }
    assert set(descriptor["help"]) == {"text", "markdown"}
    for label, fmt in [("Terraform", "terraform"), ("CloudFormation", "cloudformation"), ("AWS SAM", "sam"),
                       ("Serverless Framework", "serverless")]:
        assert f"- {label}: {rule.fix[fmt]}" in descriptor["help"]["text"].splitlines()
        assert f"- **{label}**: {rule.fix[fmt]}" in descriptor["help"]["markdown"].splitlines()
    assert descriptor["help"]["text"].startswith(f"Lambda function uses a deprecated runtime\n\n{rule.why}\n\n")
    assert f"[FG_06_01 documentation]({DOCS}/FG_06_01.md)" in descriptor["help"]["markdown"]
    assert rules["FG_04_01"]["name"] == "AFunctionsExecutionRoleAllowsEveryAction"
    assert rules["FG_05_01"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["FG_05_01"]["properties"]["security-severity"] == "6.9"
    assert rules["FG_01_99"]["defaultConfiguration"] == {"level": "error"}
    assert rules["FG_01_99"]["properties"]["security-severity"] == "10.0"
    assert rules["FG_03_99"]["defaultConfiguration"] == {"level": "note"}
    assert rules["FG_03_99"]["properties"]["security-severity"] == "3.9"


def test_sarif_levels():
    assert {s: sarif_report.level(s) for s in catalog.SEVERITY_ORDER} == {
        "CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note", "INFO": "note"}
    assert catalog.SECURITY_SEVERITY == {"CRITICAL": "10.0", "HIGH": "8.9", "MEDIUM": "6.9", "LOW": "3.9",
                                         "INFO": "0.0"}


def _results(result: ScanResult) -> dict[tuple[str, str], dict]:
    log = json.loads(sarif_report.render(result))
    return {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r for r in log["runs"][0]["results"]}


def test_sarif_result(full):
    results = _results(full)
    assert len(results) == 8
    assert results[("FG_06_01", "OrdersFunction")] == {
        "ruleId": "FG_06_01",
        "ruleIndex": 5,
        "level": "error",
        "message": {"text": "OrdersFunction: runtime python3.8 is deprecated since 2024-10-14 (functions: OrdersFunction)"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": "infra/template.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 12, "endLine": 30},
            },
            "logicalLocations": [{"name": "OrdersFunction", "fullyQualifiedName": "OrdersFunction", "kind": "resource"}],
        }],
        "partialFingerprints": {"faasguard/v1": _fingerprint("FG_06_01", "infra/template.yaml", "OrdersFunction")},
        "properties": {"engines": ["checkov", "rego"]},
    }
    assert "suppressions" not in results[("FG_06_01", "OrdersFunction")]


def test_sarif_levels_of_results(full):
    results = _results(full)
    assert {key: r["level"] for key, r in results.items()} == {
        ("FG_06_01", "OrdersFunction"): "error",
        ("FG_05_01", "OrdersFunction"): "warning",
        ("FG_02_03", "Pipe|Url"): "error",
        ("FG_05_01", "LegacyFunction"): "warning",
        ("FG_04_01", "aws_iam_role.admin"): "error",
        ("FG_07_01", "aws_lambda_function.api"): "error",
        ("FG_01_99", "provider"): "error",
        ("FG_03_99", "hello"): "note",
    }


def test_sarif_region_is_omitted_without_lines(full):
    physical = _results(full)[("FG_07_01", "aws_lambda_function.api")]["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "plan.json", "uriBaseId": "%SRCROOT%"}}


def test_sarif_uri_is_percent_encoded(full):
    physical = _results(full)[("FG_01_99", "provider")]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "my%20app/serverless.yml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 4, "endLine": 8}


def test_sarif_file_outside_the_working_directory(workdir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "template.yaml"
    finding = Finding("FG_06_01", str(outside), "Fn", (1, 2), ["checkov", "rego"], "deprecated")
    log = json.loads(sarif_report.render(ScanResult([finding], [], [], [], ("checkov", "rego"))))
    _validate(log)
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": outside.as_uri()}
    assert result["partialFingerprints"] == {"faasguard/v1": _fingerprint("FG_06_01", str(outside), "Fn")}


def test_sarif_fingerprint_ignores_lines_and_message(full):
    before = _results(full)[("FG_06_01", "OrdersFunction")]["partialFingerprints"]
    full.findings[0].lines, full.findings[0].message = (100, 120), "moved"
    assert _results(full)[("FG_06_01", "OrdersFunction")]["partialFingerprints"] == before
    fingerprints = [r["partialFingerprints"]["faasguard/v1"] for r in _results(full).values()]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_suppressions(full):
    results = _results(full)
    assert results[("FG_05_01", "OrdersFunction")]["suppressions"] == [
        {"kind": "inSource", "justification": "traced by the caller", "properties": {"source": "inline"}}]
    assert results[("FG_05_01", "LegacyFunction")]["suppressions"] == [
        {"kind": "inSource", "justification": "reviewed", "properties": {"source": "metadata"}}]
    assert results[("FG_04_01", "aws_iam_role.admin")]["suppressions"] == [
        {"kind": "external", "justification": "break-glass role",
         "properties": {"source": "config", "expires": "2027-03-31"}}]
    assert [key for key, r in results.items() if "suppressions" in r] == [
        ("FG_05_01", "OrdersFunction"), ("FG_05_01", "LegacyFunction"), ("FG_04_01", "aws_iam_role.admin")]


def test_sarif_errors_and_notices(full):
    invocations = json.loads(sarif_report.render(full))["runs"][0]["invocations"]
    assert invocations == [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": "cannot parse YAML: mapping values are not allowed here"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "infra/broken.yaml",
                                                                      "uriBaseId": "%SRCROOT%"}}}]},
            {"level": "error", "message": {"text": "main.tf: unexpected token"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "modules/bad",
                                                                      "uriBaseId": "%SRCROOT%"}}}]},
        ],
        "toolConfigurationNotifications": [{"level": "warning", "message": {"text": NOTICE}}],
    }]


def test_sarif_clean(clean):
    run = json.loads(sarif_report.render(clean))["runs"][0]
    assert run["tool"]["driver"]["rules"] == []
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [],
                                   "toolConfigurationNotifications": []}]


def test_sarif_errors_only(errors_only):
    run = json.loads(sarif_report.render(errors_only))["runs"][0]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for n in run["invocations"][0]["toolExecutionNotifications"]] == ["x.yaml"]


def test_sarif_suppressed_only(suppressed_only):
    run = json.loads(sarif_report.render(suppressed_only))["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["FG_05_01"]
    assert [r["suppressions"][0]["kind"] for r in run["results"]] == ["external"]


# --- JUnit -------------------------------------------------------------------------------------------


def _counts(element: ET.Element) -> dict[str, str]:
    return {k: element.get(k) for k in ("tests", "failures", "errors", "skipped")}


def test_junit_structure(full):
    text = junit_report.render(full)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    root = ET.fromstring(text)
    assert root.tag == "testsuites" and root.get("name") == "faasguard"
    assert _counts(root) == {"tests": "10", "failures": "5", "errors": "2", "skipped": "3"}
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["infra/broken.yaml", "infra/template.yaml", "infra/tf/iam.tf", "modules/bad",
                            "my app/serverless.yml", "plan.json"]
    assert _counts(suites["infra/template.yaml"]) == {"tests": "4", "failures": "2", "errors": "0", "skipped": "2"}
    assert _counts(suites["infra/tf/iam.tf"]) == {"tests": "1", "failures": "0", "errors": "0", "skipped": "1"}
    assert _counts(suites["my app/serverless.yml"]) == {"tests": "2", "failures": "2", "errors": "0", "skipped": "0"}
    assert _counts(suites["plan.json"]) == {"tests": "1", "failures": "1", "errors": "0", "skipped": "0"}
    assert _counts(suites["infra/broken.yaml"]) == {"tests": "1", "failures": "0", "errors": "1", "skipped": "0"}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert {c.get("classname") for c in cases} == {suite.get("name")}
        assert int(suite.get("failures")) == sum(len(c.findall("failure")) for c in cases)
        assert int(suite.get("skipped")) == sum(len(c.findall("skipped")) for c in cases)
        assert int(suite.get("errors")) == sum(len(c.findall("error")) for c in cases)
    assert [c.get("name") for c in suites["infra/template.yaml"].findall("testcase")] == [
        "[MEDIUM][FG_05_01] OrdersFunction", "[HIGH][FG_06_01] OrdersFunction", "[HIGH][FG_02_03] Pipe|Url",
        "[MEDIUM][FG_05_01] LegacyFunction"]


def _case(root: ET.Element, suite: str, name: str) -> ET.Element:
    (case,) = [c for c in root.find(f"testsuite[@name='{suite}']").findall("testcase") if c.get("name") == name]
    return case


def test_junit_failure(full):
    root = ET.fromstring(junit_report.render(full))
    case = _case(root, "infra/template.yaml", "[HIGH][FG_06_01] OrdersFunction")
    assert case.get("file") == "infra/template.yaml"
    (failure,) = case
    assert failure.tag == "failure"
    assert failure.get("type") == "FG_06_01"
    assert failure.get("message") == ("Lambda function uses a deprecated runtime: runtime python3.8 is deprecated "
                                      "since 2024-10-14 (functions: OrdersFunction)")
    assert failure.text.splitlines() == [
        "FG_06_01 Lambda function uses a deprecated runtime",
        "runtime python3.8 is deprecated since 2024-10-14 (functions: OrdersFunction)",
        "Resource: OrdersFunction (infra/template.yaml:12-30)",
        "Severity: HIGH; CSA risks: SAS-6, SAS-11; found by: checkov, rego",
        f"Fix (AWS SAM): {catalog.rule('FG_06_01').fix['sam']}",
        f"Guideline: {DOCS}/FG_06_01.md",
    ]
    plan = _case(root, "plan.json", "[HIGH][FG_07_01] aws_lambda_function.api").find("failure")
    assert "Resource: aws_lambda_function.api (plan.json)" in plan.text.splitlines()
    assert f"Fix (Terraform): {catalog.rule('FG_07_01').fix['terraform']}" in plan.text.splitlines()


def test_junit_skipped_and_error(full):
    root = ET.fromstring(junit_report.render(full))
    skipped = _case(root, "infra/tf/iam.tf", "[HIGH][FG_04_01] aws_iam_role.admin")
    assert [(e.tag, e.attrib) for e in skipped] == [("skipped", {"message": "break-glass role"})]
    error = _case(root, "infra/broken.yaml", "[ERROR] could not be evaluated")
    assert [(e.tag, e.attrib) for e in error] == [
        ("error", {"message": "cannot parse YAML: mapping values are not allowed here", "type": "InputError"})]
    assert error[0].text == ("infra/broken.yaml: cannot parse YAML: mapping values are not allowed here\n"
                             "The file was not evaluated: faasguard fails closed.")


def test_junit_clean(clean):
    root = ET.fromstring(junit_report.render(clean))
    assert _counts(root) == {"tests": "0", "failures": "0", "errors": "0", "skipped": "0"}
    assert list(root) == []


def test_junit_strips_characters_xml_cannot_carry(workdir):
    finding = Finding("FG_06_01", str(workdir / "t.yaml"), "Fn", (1, 2), ["rego"], "bad\x00byte\x1b[31m")
    root = ET.fromstring(junit_report.render(ScanResult([finding], [], [], [], ("rego",))))
    assert root.find(".//failure").get("message").endswith("bad\ufffdbyte\ufffd[31m")


# --- Markdown ----------------------------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    """Cells of a table row, split on unescaped pipes."""
    parts = re.split(r"(?<!\\)\|", row)
    assert parts[0] == "" and parts[-1] == ""
    return [p.strip() for p in parts[1:-1]]


def test_markdown_summary_and_table(full):
    lines = markdown_report.render(full).splitlines()
    assert lines[0] == "<!-- faasguard -->"
    assert lines[1] == ("### faasguard: **5 findings** (1 CRITICAL, 3 HIGH, 1 LOW) · 3 suppressed · "
                        "**2 errors** (not evaluated)")
    start = lines.index("| Severity | Rule | File | Resource | Message |")
    assert lines[start + 1] == "| --- | --- | --- | --- | --- |"
    rows = lines[start + 2:start + 7]
    assert lines[start + 7] == ""
    assert [_cells(r)[:4] for r in rows] == [
        ["CRITICAL", f"[FG_01_99]({DOCS}/FG_01_99.md)", "my app/serverless.yml:4-8", "provider"],
        ["HIGH", f"[FG_06_01]({DOCS}/FG_06_01.md)", "infra/template.yaml:12-30", "OrdersFunction"],
        ["HIGH", f"[FG_02_03]({DOCS}/FG_02_03.md)", "infra/template.yaml:40-44", r"Pipe\|Url"],
        ["HIGH", f"[FG_07_01]({DOCS}/FG_07_01.md)", "plan.json", r"aws\_lambda\_function.api"],
        ["LOW", f"[FG_03_99]({DOCS}/FG_03_99.md)", "my app/serverless.yml:10-12", "hello"],
    ]
    assert rows[2] == (f"| HIGH | [FG_02_03]({DOCS}/FG_02_03.md) | infra/template.yaml:40-44 | Pipe\\|Url | "
                       r"auth NONE \| \*public\* \<b\> |")


def test_markdown_fixes(full):
    text = markdown_report.render(full)
    details = text[text.index("<details>"):text.index("</details>")]
    assert details.startswith("<details>\n<summary>How to fix</summary>\n\n")
    # the active findings' rules, in catalog order; suppressed-only rules (FG_04_01, FG_05_01) are not there
    assert re.findall(r"^#### (FG_\d\d_\d\d) ", details, re.M) == ["FG_01_99", "FG_02_03", "FG_03_99", "FG_06_01",
                                                                  "FG_07_01"]
    rule = catalog.rule("FG_06_01")
    section = details[details.index("#### FG_06_01"):details.index("#### FG_07_01")]
    assert section.splitlines() == [
        "#### FG_06_01 Lambda function uses a deprecated runtime", "",
        f"HIGH, CSA SAS-6, SAS-11. {rule.why}", "",
        f"- **AWS SAM**: {rule.fix['sam']}", "",
        f"[FG_06_01 documentation]({DOCS}/FG_06_01.md)", "",
    ]
    assert f"- **Terraform**: {catalog.rule('FG_07_01').fix['terraform']}" in details.splitlines()
    assert f"- **Serverless Framework**: {catalog.rule('FG_05_01').fix['serverless']}" in details.splitlines()


def test_markdown_suppressed_errors_notices(full):
    text = markdown_report.render(full)
    tail = text[text.index("</details>"):].splitlines()
    assert tail == [
        "</details>", "",
        "#### Suppressed (3)", "",
        "| Rule | File | Resource | Suppressed by | Reason |",
        "| --- | --- | --- | --- | --- |",
        "| FG_05_01 | infra/template.yaml:12-30 | OrdersFunction | inline comment | traced by the caller |",
        "| FG_05_01 | infra/template.yaml:50-60 | LegacyFunction | template Metadata | reviewed |",
        r"| FG_04_01 | infra/tf/iam.tf:3-9 | aws\_iam\_role.admin | .faasguard.yaml until 2027-03-31 | break-glass role |",
        "",
        "#### Errors (2)", "",
        "These could not be evaluated; faasguard fails closed, so they do not pass:", "",
        "- infra/broken.yaml: cannot parse YAML: mapping values are not allowed here",
        "- modules/bad: main.tf: unexpected token",
        "",
        "#### Notices (1)", "",
        r"- exception for FG\_04\_01 on aws\_iam\_role.old expired on 2026-01-31 and no longer applies (legacy); "
        r"in .faasguard.yaml",
    ]


def test_markdown_clean(clean):
    assert markdown_report.render(clean) == "<!-- faasguard -->\n### faasguard: **No findings**\n\nNo findings in 2 scanned files.\n"


def test_markdown_errors_without_findings(errors_only):
    lines = markdown_report.render(errors_only).splitlines()
    assert lines[1] == "### faasguard: **No findings** · **1 error** (not evaluated)"
    assert lines[3] == "No findings in 0 scanned files (the files with errors below were not evaluated)."
    assert "- x.yaml: not a CloudFormation, SAM, Serverless Framework or Terraform plan file" in lines
    assert "| Severity | Rule | File | Resource | Message |" not in lines


def test_markdown_suppressed_only(suppressed_only):
    lines = markdown_report.render(suppressed_only).splitlines()
    assert lines[1] == "### faasguard: **No findings** · 1 suppressed"
    assert "| FG_05_01 | infra/template.yaml:12-30 | OrdersFunction | .faasguard.yaml | traced upstream |" in lines
    assert "<details>" not in lines


def test_markdown_escape():
    assert markdown_report.escape("a|b") == r"a\|b"
    assert markdown_report.escape("x\\|y") == r"x\\\|y"
    assert markdown_report.escape("*a* _b_ `c` [d](e) <f> ~g~ &amp;") == \
        r"\*a\* \_b\_ \`c\` \[d\](e) \<f\> \~g\~ \&amp;"
    assert markdown_report.escape("two\nlines\r\n  here") == "two lines here"


def test_markdown_truncates_long_tables(full, monkeypatch):
    monkeypatch.setattr(markdown_report, "MAX_ROWS", 2)
    lines = markdown_report.render(full).splitlines()
    start = lines.index("| Severity | Rule | File | Resource | Message |")
    assert [_cells(r)[1] for r in lines[start + 2:start + 4]] == [f"[FG_01_99]({DOCS}/FG_01_99.md)",
                                                                  f"[FG_06_01]({DOCS}/FG_06_01.md)"]
    assert lines[start + 4:start + 6] == ["", "… and 3 more: see the full report (`--format json` or `sarif`)."]


# --- text --------------------------------------------------------------------------------------------


def test_text_without_color(full):
    assert text_report.render(full, color=False) == f"""\
infra/template.yaml
  MEDIUM   FG_05_01  OrdersFunction  lines 12-30  [checkov+rego]  (suppressed: traced by the caller)
           Lambda function has no active X-Ray tracing: X-Ray tracing is not configured (functions: OrdersFunction); set it to Active
  HIGH     FG_06_01  OrdersFunction  lines 12-30  [checkov+rego]
           Lambda function uses a deprecated runtime: runtime python3.8 is deprecated since 2024-10-14 (functions: OrdersFunction)
  HIGH     FG_02_03  Pipe|Url  lines 40-44  [checkov+rego]
           Lambda function URL allows unauthenticated access: auth NONE | *public* <b>
  MEDIUM   FG_05_01  LegacyFunction  lines 50-60  [checkov+rego]  (suppressed: reviewed)
           Lambda function has no active X-Ray tracing: X-Ray tracing is not configured (functions: LegacyFunction); set it to Active

infra/tf/iam.tf
  HIGH     FG_04_01  aws_iam_role.admin  lines 3-9  [checkov+rego]  (suppressed: break-glass role, expires 2027-03-31)
           A function's execution role allows every action: grants every action to the role of aws_lambda_function.worker

my app/serverless.yml
  CRITICAL FG_01_99  provider  lines 4-8  [checkov+rego]
           Test rule that is critical: critical test finding
  LOW      FG_03_99  hello  lines 10-12  [checkov+rego]
           Test rule that is low: low test finding

plan.json
  HIGH     FG_07_01  aws_lambda_function.api  [rego]
           Plaintext secret in Lambda environment variables: plaintext secret in environment variable(s) API_KEY (functions: aws_lambda_function.api)

NOTICE {NOTICE}
ERROR infra/broken.yaml: cannot parse YAML: mapping values are not allowed here
ERROR modules/bad: main.tf: unexpected token

5 findings (1 CRITICAL, 3 HIGH, 1 LOW), 3 suppressed, 2 errors in 4 documents
"""


def test_text_with_color(full):
    text = text_report.render(full, color=True)
    lines = text.splitlines()
    assert lines[0] == "\x1b[1minfra/template.yaml\x1b[0m"
    assert lines[1] == ("\x1b[2m  MEDIUM   FG_05_01  OrdersFunction  lines 12-30  [checkov+rego]  "
                        "(suppressed: traced by the caller)\x1b[0m")
    assert lines[2].startswith("\x1b[2m           Lambda function has no active X-Ray tracing: ")
    assert lines[2].endswith("\x1b[0m")
    assert lines[3] == "  \x1b[31mHIGH    \x1b[0m \x1b[1mFG_06_01\x1b[0m  OrdersFunction  lines 12-30  [checkov+rego]"
    assert "  \x1b[31mCRITICAL\x1b[0m \x1b[1mFG_01_99\x1b[0m  provider  lines 4-8  [checkov+rego]" in lines
    assert "  \x1b[36mLOW     \x1b[0m \x1b[1mFG_03_99\x1b[0m  hello  lines 10-12  [checkov+rego]" in lines
    assert f"\x1b[33mNOTICE\x1b[0m {NOTICE}" in lines
    assert "\x1b[31mERROR\x1b[0m infra/broken.yaml: cannot parse YAML: mapping values are not allowed here" in lines
    assert lines[-1] == "\x1b[1m5 findings (1 CRITICAL, 3 HIGH, 1 LOW), 3 suppressed, 2 errors in 4 documents\x1b[0m"
    assert re.sub(r"\x1b\[[0-9;]*m", "", text) == text_report.render(full, color=False)


def test_text_medium_is_yellow_and_info_cyan(workdir, monkeypatch):
    info = dataclasses.replace(catalog.rule("FG_05_01"), id="FG_05_98", severity="INFO")
    rules = {**catalog.rules(), "FG_05_98": info}
    monkeypatch.setattr(catalog, "rules", lambda: rules)
    file = str(workdir / "t.yaml")
    result = ScanResult([Finding("FG_05_01", file, "Fn", (1, 2), ["rego"], "m"),
                         Finding("FG_05_98", file, "Fn", (1, 2), ["rego"], "m")], [], [], [], ("rego",))
    lines = text_report.render(result, color=True).splitlines()
    assert lines[1] == "  \x1b[33mMEDIUM  \x1b[0m \x1b[1mFG_05_01\x1b[0m  Fn  lines 1-2  [rego]"
    assert lines[3] == "  \x1b[36mINFO    \x1b[0m \x1b[1mFG_05_98\x1b[0m  Fn  lines 1-2  [rego]"
    assert lines[-1] == "\x1b[1m2 findings (1 MEDIUM, 1 INFO) in 0 documents\x1b[0m"


def test_text_clean(clean):
    assert text_report.render(clean, color=False) == "No findings in 2 documents\n"
    assert text_report.render(clean, color=True) == "\x1b[1mNo findings in 2 documents\x1b[0m\n"


def test_text_singular(suppressed_only, errors_only):
    assert text_report.render(suppressed_only).splitlines()[-1] == "No findings, 1 suppressed in 1 document"
    assert text_report.render(errors_only).splitlines()[-1] == "No findings, 1 error in 0 documents"


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "environ", "expected"), [
    (True, {}, True),
    (False, {}, False),
    (True, {"NO_COLOR": "1"}, False),
    (True, {"NO_COLOR": ""}, True),  # https://no-color.org: set and not empty
    (False, {"FORCE_COLOR": "1"}, True),
    (True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    (False, {"FORCE_COLOR": "0"}, False),
    (True, {"TERM": "dumb"}, False),
    (False, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
])
def test_use_color(tty, environ, expected):
    assert text_report.use_color(_Stream(tty), environ) is expected


def test_use_color_reads_the_environment(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert text_report.use_color(_Stream(True)) is False
    monkeypatch.delenv("NO_COLOR")
    assert text_report.use_color(_Stream(True)) is True


def test_use_color_without_a_terminal():
    closed = io.StringIO()
    closed.close()
    assert text_report.use_color(closed, {}) is False
    assert text_report.use_color(object(), {}) is False


# --- JSON --------------------------------------------------------------------------------------------


def test_json_suppressed_and_notices(full):
    document = json.loads(json_report.render(full))
    assert document["version"] == 1
    assert document["notices"] == [NOTICE]
    suppressed = {(f["rule_id"], f["resource"]): f["suppressed"] for f in document["findings"]}
    assert suppressed == {
        ("FG_06_01", "OrdersFunction"): None,
        ("FG_05_01", "OrdersFunction"): {"source": "inline", "reason": "traced by the caller", "expires": None},
        ("FG_02_03", "Pipe|Url"): None,
        ("FG_05_01", "LegacyFunction"): {"source": "metadata", "reason": "reviewed", "expires": None},
        ("FG_04_01", "aws_iam_role.admin"): {"source": "config", "reason": "break-glass role", "expires": "2027-03-31"},
        ("FG_07_01", "aws_lambda_function.api"): None,
        ("FG_01_99", "provider"): None,
        ("FG_03_99", "hello"): None,
    }
    assert list(document) == ["version", "findings", "errors", "notices", "undecided", "not_checked"]
    assert list(document["findings"][0]) == ["rule_id", "title", "severity", "sas", "file", "resource", "lines",
                                             "engines", "message", "fix", "guideline", "suppressed",
                                             "change", "source", "paths"]
    assert document["errors"] == [
        {"file": "infra/broken.yaml", "message": "cannot parse YAML: mapping values are not allowed here"},
        {"file": "modules/bad", "message": "main.tf: unexpected token"}]


def test_json_clean(clean):
    assert json.loads(json_report.render(clean)) == {"version": 1, "findings": [], "errors": [], "notices": [],
                                                     "undecided": [], "not_checked": []}


# --- a real scan -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples_result():
    from faasguard.scan import scan

    return scan([str(ROOT / "examples")])


def test_every_format_on_a_real_scan(examples_result, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = examples_result
    assert result.findings and not result.errors
    log = json.loads(sarif_report.render(result))
    _validate(log)
    run = log["runs"][0]
    findings = [r for r in run["results"] if not r["properties"].get("undecided")]
    assert len(findings) == len(result.findings)
    assert len(run["results"]) - len(findings) == len(result.undecided)
    assert {r["ruleId"] for r in findings} == {r["id"] for r in run["tool"]["driver"]["rules"]}
    for sarif_result in findings:
        location = sarif_result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("examples/")
        assert (ROOT / location["artifactLocation"]["uri"]).is_file()
        assert location["region"]["startLine"] >= 1
    root = ET.fromstring(junit_report.render(result))
    assert int(root.get("tests")) == len(result.findings)
    assert int(root.get("failures")) + int(root.get("skipped")) == len(result.findings)
    markdown = markdown_report.render(result)
    assert markdown.count(f"]({DOCS}/") >= len(result.active_findings)
    text = text_report.render(result, color=False)
    assert text.splitlines()[-1].startswith(f"{len(result.active_findings)} findings (")


# --- docs/ci.md --------------------------------------------------------------------------------------


def test_ci_doc_snippets():
    """Every YAML snippet in docs/ci.md parses; they use the formats and the hook that exist."""
    import textwrap

    import yaml

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) == 7
    for block in blocks:
        assert yaml.safe_load(textwrap.dedent(block)) is not None
    assert set(re.findall(r"--format (\w+)", text)) == {"sarif", "junit", "markdown", "json", "text"}
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert f"- id: {hook['id']}" in text
    assert f"`{hook['entry']}`" in text
