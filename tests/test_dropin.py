"""The drop-in uses, with the real programs: the checkov CLI, opa eval and conftest."""
from __future__ import annotations

import json
import subprocess
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


def _checkov_cli(directory: Path, cwd: Path, *check: str) -> list[dict]:
    proc = run(["checkov", "-d", str(directory), "--external-checks-dir", str(ROOT / "checks"),
                "--framework", "terraform", "terraform_plan", "cloudformation", "serverless",
                "--check", ",".join(check) or "FG_*", "-o", "json", "--compact", "--quiet"], cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)
    return reports if isinstance(reports, list) else [reports]


@pytest.fixture(scope="module")
def checkov_cli_failures(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    """The checkov CLI once over every fixture with faasguard's checks: rule -> (case path, resource)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for report in _checkov_cli(FIXTURES, tmp_path_factory.mktemp("checkov")):
        for record in report["results"]["failed_checks"]:
            rule = catalog.rule(record["check_id"])
            assert (record["severity"], record["guideline"]) == (rule.severity, rule.guideline)
            case = next((c for c in CASES if c.rule_id == rule.id and c.holds(record["file_abs_path"])), None)
            if case is None:  # a finding in another rule's fixture: that rule's expectations do not list it
                continue
            resource = resource_id(report["check_type"], record["resource"], record.get("resource_address"))
            found.setdefault(rule.id, set()).add((str(case.path), resource))
    return found


@pytest.mark.parametrize("rule_id", sorted(catalog.rules()))
def test_checkov_cli_with_external_checks_dir(rule_id, checkov_cli_failures):
    assert checkov_cli_failures.get(rule_id, set()) == _expected(rule_id)


def test_checkov_cli_check_selects_one_rule(tmp_path):
    """`--check FG_05_01` runs that check alone, on its own fixtures as on any other file."""
    reports = _checkov_cli(FIXTURES / "FG_05_01", tmp_path, "FG_05_01")
    found = {(str(_case_of(r["file_abs_path"], "FG_05_01").path),
              resource_id(report["check_type"], r["resource"], r.get("resource_address")))
             for report in reports for r in report["results"]["failed_checks"]}
    assert {r["check_id"] for report in reports for r in report["results"]["failed_checks"]} == {"FG_05_01"}
    assert found == _expected("FG_05_01")


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


# Rules that judge an input field only the faasguard loader writes (docs/model.md): a raw document handed
# to `opa eval` or conftest has no such field, so these rules find nothing there, by design (their catalog
# `limits` say so): rule -> why.
LOADER_ONLY = {
    "FG_06_06": "only the faasguard loader reads the code folders' dependency manifests into the input field "
                "`faasguard_dependencies`; a raw template, serverless.yml, .tf file or plan has no such field",
}

DROPIN_CASES = [_first(r, f) for r in sorted(catalog.rules()) for f in ("cloudformation", "sam", "serverless", "terraform_plan")]


@pytest.fixture(scope="module")
def opa_eval_results(tmp_path_factory) -> list[list[dict]]:
    """`opa eval` of the bundle's deny | warn on each drop-in case's document, in one process: each
    document is the input of its own evaluation (`with input as`)."""
    root = tmp_path_factory.mktemp("opa")
    documents = [json.loads((c.path if c.format == "terraform_plan" else _document_json(c, root)).read_text())
                 for c in DROPIN_CASES]
    (root / "documents.json").write_text(json.dumps({"documents": documents}))
    # deny holds CRITICAL/HIGH/MEDIUM results, warn LOW/INFO ones (what conftest reads as warnings)
    proc = run([tool("opa"), "eval", "-b", str(ROOT / "rego"), "-d", str(_today_data(root)),
                "-i", str(root / "documents.json"), "--format", "json",
                "[r | some doc in input.documents; r := data.faasguard.main.deny | data.faasguard.main.warn "
                "with input as doc]"])
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


@pytest.mark.parametrize("index", range(len(DROPIN_CASES)), ids=[str(c) for c in DROPIN_CASES])
def test_opa_eval_with_the_bundle(index, opa_eval_results):
    case, results = DROPIN_CASES[index], opa_eval_results[index]
    # a plan is evaluated as the raw file (the other formats as the loader's document): a rule that reads
    # a field only the loader writes finds nothing in it
    expected = frozenset() if case.format == "terraform_plan" and case.rule_id in LOADER_ONLY else case.expected
    assert {r["resource"] for r in results if r["id"] == case.rule_id} == expected
    for result in results:
        rule = catalog.rule(result["id"])
        assert (result["severity"], result["sas"]) == (rule.severity, list(rule.sas))
        assert result["msg"] and result["format"] == case.format


# What conftest's own parsing of the raw files loses (docs/formats/): the resources `faasguard scan`
# reports in these fixtures that plain `conftest test` cannot see, and why. Any other difference fails.
MULTI_FILE = "conftest reads each .tf file alone: variables, roles or policies defined in another file of the module are unknown"
JSONENCODE = "jsonencode(...) is an unevaluated expression string in conftest's HCL"
TFVARS = "conftest does not read terraform.tfvars: a variable without default that only it sets is unknown"
PARTITION_SUB = "conftest drops the !Sub tag: the ARN is a plain string with ${AWS::Partition} left in it"
CONFTEST_LOSSES = {
    # Terraform
    "FG_12_01/terraform/fail_shared_root_and_open_policy": (JSONENCODE, {"aws_efs_file_system_policy.cache"}),
    "FG_01_01/terraform/fail_unvalidated_methods": (JSONENCODE, {"aws_api_gateway_rest_api.returns"}),
    "FG_01_03/terraform/fail_public_sources": (JSONENCODE, {"aws_s3_bucket_notification.uploads",
                                                            "aws_lambda_event_source_mapping.intake"}),
    "FG_01_04/terraform/fail_domains_accept_tls10": (JSONENCODE, {"aws_api_gateway_rest_api.orders"}),
    "FG_02_01/terraform/fail_openapi_body": (JSONENCODE, {"aws_api_gateway_rest_api.catalog",
                                                          "aws_api_gateway_rest_api.internal"}),
    "FG_02_01/terraform/fail_variable_authorization": (f"{MULTI_FILE}; {TFVARS}", {"aws_api_gateway_method.reports",
                                                                                   "aws_api_gateway_method.preview"}),
    "FG_02_05/terraform/fail_aws_defaults": (TFVARS, {"aws_cognito_user_pool_client.partner_portal"}),
    "FG_05_02/terraform/fail_missing_and_never_expiring": (TFVARS, {"aws_cloudwatch_log_group.sync"}),
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
    "FG_03_01/terraform/fail_public_bucket_settings": (JSONENCODE, {"aws_s3_bucket_policy.uploads"}),
    "FG_07_03/terraform/fail_managed_key": (
        MULTI_FILE + " (var.kms_key_arn, null by default, is a reference: a key counted as set)",
        {"aws_lambda_function.worker"}),
    "FG_07_06/terraform/fail_unscoped_secret_reads": (JSONENCODE, {"aws_iam_role.api", "aws_iam_policy.config_read"}),
    "FG_09_02/terraform/fail_public_write": (JSONENCODE, {"aws_sqs_queue.intake", "aws_kinesis_resource_policy.clicks",
                                                          "aws_sns_topic_policy.orders"}),
    "FG_09_03/terraform/fail_invoke_any_function": (JSONENCODE, {"aws_iam_role.orchestrator",
                                                                 "aws_iam_role_policy.dispatcher_steps"}),
    "FG_09_04/terraform/fail_open_policies": (JSONENCODE, {"aws_api_gateway_rest_api.partners"}),
    "FG_09_05/terraform/fail_pool_roles_reach_functions": (JSONENCODE, {"aws_iam_role.authenticated",
                                                                        "aws_iam_role_policy.analytics"}),
    "FG_00_01/terraform/fail_public_triggers": (
        f"{JSONENCODE}: the bucket, topic and queue policies (who may write) and the role policies are unknown",
        {"aws_lambda_function.intake", "aws_lambda_function.notifier", "aws_lambda_function.thumbnails"}),
    "FG_00_01/terraform/fail_urls_and_permissions": (
        f"{JSONENCODE}: the inline Action * and the iam:PutRolePolicy statement are unknown",
        {"aws_lambda_function.sync", "aws_lambda_function.webhook"}),
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
    "FG_07_03/cloudformation/fail_managed_key.yaml": (
        "conftest drops the !If and !Ref tags: KmsKeyArn is a plain list, unknown, counted as a key", {"ReportsFunction"}),
    "FG_07_06/cloudformation/fail_unscoped_secret_reads.yaml": (PARTITION_SUB, {"SecretsPolicy", "ConfigReadPolicy"}),
    "FG_09_01/cloudformation/fail_unbound_permissions.yaml": (
        "conftest drops the !If and !Ref tags: the SourceArn is a plain list, unknown, counted as set", {"GatedPermission"}),
    "FG_09_03/cloudformation/fail_invoke_any_function.yaml": (PARTITION_SUB, {"OrchestratorRole", "InvokeStepsPolicy"}),
    "FG_09_05/sam/fail_pool_roles_reach_functions.yaml": (PARTITION_SUB, {"GuestPhotosPolicy"}),
    # Serverless
    "FG_00_01/serverless/fail_legacy_statements": (
        "conftest drops the !Ref tag: the sns event's arn is the plain string AlertsTopic, which names no topic, "
        "so the topic policy that lets anyone publish does not reach alert", {"alert"}),
    "FG_00_01/serverless/fail_function_roles": (
        "conftest drops the !GetAtt tag: the sqs event's arn is the plain string ImportQueue.Arn, which names no "
        "queue, so the queue policy that lets anyone send does not reach importer", {"importer"}),
    "FG_09_05/serverless/fail_pool_roles_reach_functions": (
        "conftest leaves the Framework's ${aws:region} and ${aws:accountId} unresolved: the table ARN is unknown",
        {"NotesDataPolicy"}),
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


def _conftest(files: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    return run([tool("conftest"), "test", "-p", str(ROOT / "rego"), "--namespace", "faasguard.main",
                "--data", str(_today_data(tmp_path)), "-o", "json", "--no-color", *files])


@pytest.fixture(scope="module")
def conftest_findings(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    """conftest on the raw files of every fixture, as a user runs it (it parses and judges each file
    alone), in one process: file -> (rule, resource) of its failures and warnings."""
    files = sorted({f for case in RAW_CASES for f in _raw_files(case)})
    proc = _conftest(files, tmp_path_factory.mktemp("conftest"))
    assert proc.returncode in (0, 1), proc.stdout[-2000:] + proc.stderr  # 1: failures; anything else is an error
    return {outcome["filename"]: {(f["metadata"]["id"], f["metadata"]["resource"])
                                  for f in (outcome.get("failures") or []) + (outcome.get("warnings") or [])}
            for outcome in json.loads(proc.stdout)}


@pytest.mark.parametrize("case", RAW_CASES, ids=str)
def test_conftest_on_the_raw_files(case, conftest_findings):
    """conftest parses the YAML, HCL and plan files itself, as a user runs it."""
    found = {resource for f in _raw_files(case) for rule_id, resource in conftest_findings[f] if rule_id == case.rule_id}
    _, lost = CONFTEST_LOSSES.get(f"{case.rule_id}/{case.key}", ("", set()))
    if case.rule_id in LOADER_ONLY:
        lost = case.expected
    assert found == case.expected - lost


def test_every_documented_conftest_loss_is_a_fixture():
    keys = {f"{c.rule_id}/{c.key}" for c in RAW_CASES}
    assert set(CONFTEST_LOSSES) <= keys
    assert set(LOADER_ONLY) <= set(catalog.rules())
    assert not {k for k in CONFTEST_LOSSES if k.split("/")[0] in LOADER_ONLY}  # lost whole: no per-case entry


PLAN_CASES = [_first(r, "terraform_plan") for r in sorted(catalog.rules())]


@pytest.fixture(scope="module")
def conftest_plan_findings(tmp_path_factory) -> dict[str, list[dict]]:
    """conftest on the plan fixture of every rule, in one process: file -> its failures and warnings."""
    proc = _conftest(sorted({str(c.path) for c in PLAN_CASES}), tmp_path_factory.mktemp("conftest-plans"))
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr  # conftest exits 1 on failures
    return {outcome["filename"]: (outcome.get("failures") or []) + (outcome.get("warnings") or [])
            for outcome in json.loads(proc.stdout)}


@pytest.mark.parametrize("case", PLAN_CASES, ids=str)
def test_conftest_on_plan_json(case, conftest_plan_findings):
    found = {f["metadata"]["resource"] for f in conftest_plan_findings[str(case.path)]
             if f["metadata"]["id"] == case.rule_id}
    assert found == (frozenset() if case.rule_id in LOADER_ONLY else case.expected)
