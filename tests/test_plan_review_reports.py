"""Plan review in the reports: the change each plan finding's resource undergoes, the `.tf` block it
comes from (`--tf-dir`, or the plan's own folder), `checkov:skip` comments in that block, and
`--changed-only`.

tests/plan_review_cli/app is a root module with a local module called with for_each; plan.json is the
real `terraform plan -refresh=false` + `terraform show -json` of it against the hand-written
terraform.tfstate beside it (scripts/make_plan_fixtures.py's make_plan): the role is updated (its tags
go), its admin policy is a no-op, two functions are created and an old function is deleted."""
from __future__ import annotations

import json
import shutil
import sys

import jsonschema
import pytest

from faasguard.plan_review import configured_address
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, run, tool

APP = ROOT / "tests" / "plan_review_cli" / "app"
PLAN = APP / "plan.json"
MAIN = str(APP / "main.tf")
MODULE = str(APP / "modules" / "fn" / "main.tf")
ROLE, POLICY = "aws_iam_role.worker", "aws_iam_role_policy.admin"
FUNCTIONS = ('module.fn["orders"].aws_lambda_function.this', 'module.fn["refunds"].aws_lambda_function.this')
ROLE_RULES = ("FG_04_01", "FG_04_03", "FG_04_06", "FG_07_06", "FG_09_03")  # the role's admin policy
FUNCTION_RULES = ("FG_05_01", "FG_05_02", "FG_05_06", "FG_06_01", "FG_06_02", "FG_08_01", "FG_11_01", "FG_11_03",
                  "FG_11_06")
# (rule, resource) -> (change, .tf file, first line, last line)
EXPECTED = {
    **{(rule, ROLE): ("update", MAIN, 3, 9) for rule in (*ROLE_RULES, "FG_04_05")},
    **{(rule, POLICY): ("no-op", MAIN, 11, 18) for rule in ROLE_RULES},
    **{(rule, fn): ("create", MODULE, 9, 16) for rule in FUNCTION_RULES for fn in FUNCTIONS},
}
SKIPPED = {("FG_05_01", fn) for fn in FUNCTIONS}  # `# checkov:skip=FG_05_01: …` in the module's block


def _options(**kwargs) -> ScanOptions:
    return ScanOptions(engines=("rego",), rego=RegoOptions("opa", tool("opa")), **kwargs)


def _described(result) -> dict:
    return {(f.rule_id, f.resource): (f.change, f.source and f.source.file, f.source and f.source.start,
                                      f.source and f.source.end) for f in result.findings}


@pytest.fixture(scope="module")
def both_engines():
    """Both engines on the plan, its source found beside it."""
    return scan([str(PLAN)], ScanOptions(rego=RegoOptions("opa", tool("opa"))))


def test_each_plan_finding_has_its_change_and_its_source_block(both_engines):
    assert both_engines.errors == []
    assert _described(both_engines) == EXPECTED
    assert both_engines.disagreements() == []
    assert all(f.file == str(PLAN) and f.lines[0] > 0 for f in both_engines.findings)  # still the plan's lines


def test_deleted_resources_have_no_finding(both_engines):
    # aws_lambda_function.legacy (python3.6, in the state only) is deleted by the plan
    assert not [f for f in both_engines.findings if "legacy" in f.resource]


def test_a_skip_comment_in_the_tf_source_suppresses_the_plan_finding_in_both_engines(both_engines):
    suppressed = {(f.rule_id, f.resource): f.suppression for f in both_engines.findings if f.suppression}
    assert set(suppressed) == SKIPPED
    assert {s.source for s in suppressed.values()} == {"inline"}
    assert {s.reason for s in suppressed.values()} == {"traced by the caller's X-Ray sampling"}
    assert all(sorted(f.engines) == ["checkov", "rego"] for f in both_engines.findings)


def test_changed_only_keeps_what_the_plan_creates_or_updates():
    result = scan([str(PLAN)], _options(changed_only=True))
    assert _described(result) == {k: v for k, v in EXPECTED.items() if v[0] in ("create", "update")}
    assert "--changed-only: 5 finding(s) on resources the plan does not create or update are not shown" in result.notices


def test_tf_dir_names_the_source_of_a_plan_kept_elsewhere(tmp_path):
    plan = tmp_path / "plan.json"
    shutil.copy(PLAN, plan)
    alone = scan([str(plan)], _options())
    assert {f.source for f in alone.findings} == {None}  # no .tf beside it: the plan's lines only
    assert {(f.rule_id, f.resource) for f in alone.findings if f.suppression} == set()  # the skip is in the .tf
    located = scan([str(plan)], _options(tf_dir=str(APP)))
    assert _described(located) == EXPECTED
    assert {(f.rule_id, f.resource) for f in located.findings if f.suppression} == SKIPPED


def test_a_source_that_does_not_parse_is_a_notice_and_the_findings_keep_the_plan(tmp_path):
    shutil.copytree(APP, tmp_path / "app")
    (tmp_path / "app" / "main.tf").write_text('resource "aws_iam_role" "worker" {\n  name = \n')
    result = scan([str(tmp_path / "app" / "plan.json")], _options())
    assert {f.source for f in result.findings} == {None}
    (notice,) = [n for n in result.notices if "findings point to the plan" in n]
    assert notice.startswith(f"{tmp_path / 'app' / 'plan.json'}: findings point to the plan, not the Terraform "
                             f"source: cannot read the Terraform source in {tmp_path / 'app'}: cannot parse HCL in "
                             f"main.tf: ")
    assert len(result.findings) == len(EXPECTED)


def _cli(*args: str):
    return run([sys.executable, "-m", "faasguard", "scan", str(PLAN), "--engine", "rego", "--rego-backend", "opa",
                "--opa-path", tool("opa"), *args])


def test_tf_dir_that_is_not_a_terraform_folder_is_a_usage_error(tmp_path):
    proc = _cli("--tf-dir", str(tmp_path / "missing"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"faasguard: --tf-dir {tmp_path / 'missing'}: no such folder"
    proc = _cli("--tf-dir", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"faasguard: --tf-dir {tmp_path}: no .tf or .tf.json file in this folder"


def test_json_report_carries_change_and_source():
    proc = _cli("--format", "json", "--changed-only")
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)["findings"]
    by_key = {(f["rule_id"], f["resource"]): f for f in findings}
    assert by_key[("FG_06_01", FUNCTIONS[0])]["change"] == "create"
    assert by_key[("FG_06_01", FUNCTIONS[0])]["source"] == {"file": "tests/plan_review_cli/app/modules/fn/main.tf",
                                                           "lines": [9, 16]}
    assert by_key[("FG_04_01", ROLE)]["change"] == "update"
    assert by_key[("FG_04_01", ROLE)]["file"] == "tests/plan_review_cli/app/plan.json"
    assert {f["change"] for f in findings} == {"create", "update"}


def test_markdown_is_a_pull_request_summary():
    proc = _cli("--format", "markdown", "--changed-only")
    lines = proc.stdout.splitlines()
    assert lines[1] == "### faasguard: **22 findings** (9 HIGH, 7 MEDIUM, 6 INFO) · 2 suppressed"
    risks = lines[3:lines.index("", 3)]
    assert risks == [  # a rule under two risks counts under each (catalog: FG_04_01 is SAS-4 and SAS-1)
        "| CSA risk | Findings |", "| --- | ---: |",
        "| SAS-1 Function Event Data Injection | 1 |",
        "| SAS-3 Insecure Serverless Deployment Configuration | 1 |",
        "| SAS-4 Over-Privileged Function Permissions and Roles | 6 |",
        "| SAS-5 Inadequate Function Monitoring and Logging | 4 |",
        "| SAS-6 Insecure Third-Party Dependencies | 6 |",
        "| SAS-7 Insecure Application Secrets Storage | 1 |",
        "| SAS-8 Denial of Service and Financial Resource Exhaustion | 2 |",
        "| SAS-9 Serverless Business Logic Manipulation | 1 |",
        "| SAS-11 Obsolete Functions, Cloud Resources and Event Triggers | 8 |",
    ]
    assert "| Severity | Rule | File | Resource | Change | Message |" in lines
    row = next(line for line in lines if "FG_06_01" in line and "orders" in line and line.startswith("| HIGH"))
    assert row.startswith("| HIGH | [FG_06_01](")
    assert ("| tests/plan\\_review\\_cli/app/modules/fn/main.tf:9-16 (in tests/plan\\_review\\_cli/app/plan.json) "
            "| module.fn\\[\"orders\"\\].aws\\_lambda\\_function.this | create | runtime python3.8") in row
    assert "<summary>How to fix</summary>" in lines
    assert "#### FG_06_01 Lambda function uses a deprecated runtime" in lines


def test_sarif_shows_plan_findings_on_their_tf_block():
    from tests.test_reports import SARIF_SCHEMA

    proc = _cli("--format", "sarif")
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    result = next(r for r in log["runs"][0]["results"]
                  if r["ruleId"] == "FG_06_01" and FUNCTIONS[1] in r["message"]["text"])
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "tests/plan_review_cli/app/modules/fn/main.tf", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 9, "endLine": 16}}
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "tests/plan_review_cli/app/plan.json"
    assert result["properties"]["change"] == "create"


@pytest.mark.parametrize(("address", "block"), [
    ('module.fn["orders"].aws_lambda_function.this', "module.fn.aws_lambda_function.this"),
    ('module.a[0].module.b["x"].aws_iam_role.r[2]', "module.a.module.b.aws_iam_role.r"),
    ('aws_sqs_queue.q["a[0]"]', "aws_sqs_queue.q"),
    ("data.aws_iam_policy_document.d", "data.aws_iam_policy_document.d"),
])
def test_instance_addresses_map_to_their_block(address, block):
    assert configured_address(address) == block


def test_checkov_drop_in_maps_plan_findings_to_the_source_and_honours_its_skips():
    """Plain Checkov does the same with --repo-root-for-plan-enrichment: our checks' findings on the
    plan point to the .tf block and the `checkov:skip` comment there skips FG_05_01."""
    proc = run(["checkov", "-f", "plan.json", "--framework", "terraform_plan", "--external-checks-dir",
                str(ROOT / "checks"), "--repo-root-for-plan-enrichment", ".", "--check", "FG_05_01,FG_06_01",
                "-o", "json", "--compact"], cwd=APP)
    assert proc.returncode == 1, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]

    def records(kind: str) -> set:
        return {(r["check_id"], r["resource"], r["file_path"], tuple(r["file_line_range"])) for r in results[kind]}

    assert records("failed_checks") == {("FG_06_01", fn, "modules/fn/main.tf", (9, 16)) for fn in FUNCTIONS}
    assert records("skipped_checks") == {("FG_05_01", fn, "modules/fn/main.tf", (9, 16)) for fn in FUNCTIONS}


def test_exceptions_name_plan_instances_with_literal_brackets(tmp_path):
    from faasguard import config

    (tmp_path / ".faasguard.yaml").write_text(
        "exceptions:\n"
        "  - rule: FG_06_01\n"
        f"    resource: '{FUNCTIONS[0]}'\n"
        "    reason: retired next sprint\n"
        "  - rule: FG_08_01\n"
        "    resource: 'module.fn[*].aws_lambda_function.this'\n"
        "    reason: concurrency set by the platform\n")
    result = scan([str(PLAN)], _options(config=config.load(tmp_path / ".faasguard.yaml")))
    by_config = {(f.rule_id, f.resource) for f in result.findings if f.suppression and f.suppression.source == "config"}
    assert by_config == {("FG_06_01", FUNCTIONS[0]), ("FG_08_01", FUNCTIONS[0]), ("FG_08_01", FUNCTIONS[1])}
