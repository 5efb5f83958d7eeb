"""The drop-in uses, with the real programs: the checkov CLI, opa eval and conftest."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard import catalog
from faasguard.engines.checkov_engine import resource_id
from faasguard.inputs.load import load_paths
from tests.conftest import ROOT, TODAY, run, tool
from tests.fixture_cases import FIXTURES, Case, all_cases

CASES = all_cases()


def _expected(rule_id: str) -> set[tuple[str, str]]:
    """(case path, resource) for every failing resource of a rule's fixtures."""
    return {(str(c.path), r) for c in CASES if c.rule_id == rule_id for r in c.expected}


def _case_of(file: str, rule_id: str) -> Case:
    return next(c for c in CASES if c.rule_id == rule_id and c.holds(file))


@pytest.mark.parametrize("rule_id", sorted(catalog.rules()))
def test_checkov_cli_with_external_checks_dir(rule_id, tmp_path):
    proc = run(["checkov", "-d", str(FIXTURES / rule_id), "--external-checks-dir", str(ROOT / "checks"),
                "--framework", "terraform", "terraform_plan", "cloudformation", "serverless",
                "--check", rule_id, "-o", "json", "--compact", "--quiet"], cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    found = set()
    for report in reports:
        for record in report["results"]["failed_checks"]:
            assert record["check_id"] == rule_id
            assert record["severity"] == catalog.rule(rule_id).severity
            assert record["guideline"] == catalog.rule(rule_id).guideline
            resource = resource_id(report["check_type"], record["resource"], record.get("resource_address"))
            found.add((str(_case_of(record["file_abs_path"], rule_id).path), resource))
    assert found == _expected(rule_id)


def _document_json(case: Case, tmp_path: Path) -> Path:
    """The document as the loader feeds OPA (long-form intrinsics), written as JSON."""
    document = load_paths([str(case.path)]).documents[0]
    target = tmp_path / f"{case.path.stem}.json"
    target.write_text(json.dumps(document.data))
    return target


def _today_data(tmp_path: Path) -> Path:
    """data.faasguard.config.today as a data file, as an OPA or conftest user fixes the scan's date."""
    target = tmp_path / "today.json"
    target.write_text(json.dumps({"faasguard": {"config": {"today": TODAY}}}))
    return target


def _first(rule_id: str, fmt: str) -> Case:
    return next(c for c in CASES if c.rule_id == rule_id and c.format == fmt and c.outcome == "fail")


DROPIN_CASES = [_first(r, f) for r in sorted(catalog.rules()) for f in ("cloudformation", "sam", "serverless", "terraform_plan")]


@pytest.mark.parametrize("case", DROPIN_CASES, ids=str)
def test_opa_eval_with_the_bundle(case, tmp_path):
    source = case.path if case.format == "terraform_plan" else _document_json(case, tmp_path)
    # deny holds CRITICAL/HIGH/MEDIUM results, warn LOW/INFO ones (what conftest reads as warnings)
    proc = run([tool("opa"), "eval", "-b", str(ROOT / "rego"), "-d", str(_today_data(tmp_path)), "-i", str(source),
                "--format", "json", "data.faasguard.main.deny | data.faasguard.main.warn"])
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    assert {r["resource"] for r in results if r["id"] == case.rule_id} == case.expected
    for result in results:
        rule = catalog.rule(result["id"])
        assert (result["severity"], result["sas"]) == (rule.severity, list(rule.sas))
        assert result["msg"] and result["format"] == case.format


# What conftest's own parsing of the raw files loses (docs/formats/): the resources `faasguard scan`
# reports in these fixtures that plain `conftest test` cannot see, and why. Any other difference fails.
MULTI_FILE = "conftest reads each .tf file alone: variables, roles or policies defined in another file of the module are unknown"
JSONENCODE = "jsonencode(...) is an unevaluated expression string in conftest's HCL"
PARTITION_SUB = "conftest drops the !Sub tag: the ARN is a plain string with ${AWS::Partition} left in it"
CONFTEST_LOSSES = {
    # Terraform
    "FG_02_01/terraform/fail_openapi_body": (JSONENCODE, {"aws_api_gateway_rest_api.catalog",
                                                          "aws_api_gateway_rest_api.internal"}),
    "FG_02_01/terraform/fail_variable_authorization": (MULTI_FILE, {"aws_api_gateway_method.reports"}),
    "FG_02_02/terraform/fail_openapi_http_api": (JSONENCODE, {"aws_apigatewayv2_api.timesheets"}),
    "FG_02_03/terraform/fail_variable_auth": (MULTI_FILE, {"aws_lambda_function_url.webhook"}),
    "FG_02_04/terraform/fail_public_permissions": (MULTI_FILE, {"aws_lambda_permission.export"}),
    "FG_04_01/terraform/fail_attachment_variants": (JSONENCODE, {"aws_iam_policy.audit_everything",
                                                                 "aws_iam_policy.sync_all"}),
    "FG_04_01/terraform/fail_aws_managed_admin": (
        "conftest leaves the interpolation \"${local.aws_managed}/AdministratorAccess\" unevaluated: the ARN is unknown",
        {"aws_iam_role_policy_attachment.janitor_admin"}),
    "FG_04_01/terraform/fail_inline_policy": (JSONENCODE, {"aws_iam_role.reports"}),
    "FG_04_01/terraform/fail_role_policy_jsonencode": (JSONENCODE, {"aws_iam_role_policy.notifier_debug",
                                                                    "aws_iam_role_policy.orders_admin"}),
    "FG_04_02/terraform/fail_attached_document_and_spare_role": (JSONENCODE, {"aws_iam_role_policy.replay_kms"}),
    "FG_04_02/terraform/fail_inline_and_role_policy": (JSONENCODE, {"aws_iam_role.api"}),
    "FG_04_03/terraform/fail_unscoped_documents": (JSONENCODE, {"aws_iam_policy.exports"}),
    "FG_04_03/terraform/fail_wildcard_arns_and_not_resource": (JSONENCODE, {"aws_iam_role.ingest"}),
    "FG_04_04/terraform/fail_managed_policy_arns": (JSONENCODE, {"aws_iam_role.legacy_import"}),
    "FG_04_05/terraform/fail_shared_roles": (JSONENCODE, {"aws_iam_role.backend"}),
    "FG_04_06/terraform/fail_pass_role_create_invoke": (
        JSONENCODE, {"aws_iam_policy.provisioner_functions", "aws_iam_role_policy.provisioner_pass_role"}),
    "FG_04_06/terraform/fail_permissions_management": (JSONENCODE, {"aws_iam_role.governance",
                                                                    "aws_iam_role_policy.sync_assume"}),
    "FG_05_01/terraform/fail_variable_mode": (MULTI_FILE, {"aws_lambda_function.handlers"}),
    "FG_06_01/terraform/fail_module_inputs": ("conftest does not follow module calls into local modules",
                                              {"module.legacy_export.aws_lambda_function.this"}),
    "FG_06_01/terraform/fail_variable_default": (MULTI_FILE, {"aws_lambda_function.webhook"}),
    "FG_07_01/terraform/fail_secret_names": (
        "conftest leaves the attribute path local.smtp.password unevaluated: the SMTP_PASS value is unknown",
        {"aws_lambda_function.mailer"}),
    "FG_07_01/terraform/fail_variable_defaults": (MULTI_FILE, {"aws_lambda_function.auth",
                                                               "aws_lambda_function.legacy_api"}),
    # CloudFormation and SAM
    "FG_02_03/cloudformation/fail_parameter_auth.yaml": (
        "conftest drops the !If and !Equals tags: the auth type is a plain list, unknown", {"PreviewUrl"}),
    "FG_02_04/cloudformation/fail_open_permissions.yaml": (
        "conftest drops the !If, !Not and !Equals tags: the SourceAccount is a plain list, unknown, counted as set",
        {"PartnerPermission"}),
    "FG_04_01/cloudformation/fail_partition_sub_managed.yaml": (PARTITION_SUB, {"AdminRole"}),
    "FG_04_03/cloudformation/fail_unscoped_resources.yaml": (PARTITION_SUB, {"HistoryAccess", "NotificationsPolicy"}),
    "FG_04_03/sam/fail_inline_and_role_statements.yaml": (PARTITION_SUB, {"AlertFunction"}),
    "FG_04_04/sam/fail_policies_names.yaml": (PARTITION_SUB, {"NotifierRole"}),
    "FG_04_07/cloudformation/fail_roles_without_boundary.yaml": (
        "conftest drops the !If, !Not and !Equals tags: the PermissionsBoundary is a plain list, unknown, counted as set",
        {"ReindexRole"}),
    "FG_05_01/cloudformation/fail_parameter_mode.yaml": (
        "conftest drops the !If and !Equals tags: the mode is a plain list, unknown", {"CloseAccountFunction"}),
    # Serverless
    "FG_04_02/serverless/fail_resources_role_policies": (
        "conftest does not read ${file(...)} includes: a resources list holding one is unknown as a whole, "
        "so none of its roles and policies is seen",
        {"LedgerRole", "ReconcilePolicy", "ReplayRole"}),
}


def _raw_files(case: Case) -> list[str]:
    """The files a user hands conftest: the template, the serverless.yml, or a module's .tf files."""
    if not case.path.is_dir():
        return [str(case.path)]
    pattern = "*.tf" if case.format == "terraform" else "serverless*.y*ml"
    return sorted(str(f) for f in case.path.glob(pattern))


RAW_CASES = [c for c in CASES if c.format != "terraform_plan"]


@pytest.mark.parametrize("case", RAW_CASES, ids=str)
def test_conftest_on_the_raw_files(case, tmp_path):
    """conftest parses the YAML, HCL and plan files itself, as a user runs it."""
    proc = run([tool("conftest"), "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main",
                "--data", str(_today_data(tmp_path)), "-o", "json", "--no-color", *_raw_files(case)])
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: failures; anything else is an error
    found = {f["metadata"]["resource"] for outcome in json.loads(proc.stdout)
             for f in (outcome.get("failures") or []) + (outcome.get("warnings") or [])
             if f["metadata"]["id"] == case.rule_id}
    _, lost = CONFTEST_LOSSES.get(f"{case.rule_id}/{case.key}", ("", set()))
    assert found == case.expected - lost


def test_every_documented_conftest_loss_is_a_fixture():
    keys = {f"{c.rule_id}/{c.key}" for c in RAW_CASES}
    assert set(CONFTEST_LOSSES) <= keys


@pytest.mark.parametrize("case", [_first(r, "terraform_plan") for r in sorted(catalog.rules())], ids=str)
def test_conftest_on_plan_json(case, tmp_path):
    proc = run([tool("conftest"), "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main",
                "--data", str(_today_data(tmp_path)), "-o", "json", "--no-color", str(case.path)])
    assert proc.returncode == 1, proc.stdout + proc.stderr  # conftest exits 1 on failures
    outcome = json.loads(proc.stdout)[0]
    found = {f["metadata"]["resource"] for f in (outcome.get("failures") or []) + (outcome.get("warnings") or [])
             if f["metadata"]["id"] == case.rule_id}
    assert found == case.expected
