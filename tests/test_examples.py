"""The bundled example projects (examples/): exactly the planted findings, found by both engines.

Two applications, each written once per tool:
- `orders` (sam/, serverless/, terraform/) plants a finding of every rule of SAS-5, SAS-6 and SAS-7, of
  every SAS-3 rule but the API one (FG_03_04), and the SAS-1 risks of its REST API (no WAF, a body passed
  unvalidated): a public reports bucket, log groups without a KMS key or a retention, wildcard CORS on an
  authenticated API, a report function whose security group lets it send anything anywhere, an image
  deployed by a movable tag, unmonitored functions and trails, code signing that only warns, a vendor
  layer, frozen runtime updates, unpinned dependencies, a runtime close to its deprecation, a secret
  resolved at deployment, payloads logged, an environment without a customer-managed key, a secret never
  rotated, a secret written as a default; and a public function URL (SAS-2) and admin roles (SAS-4), whose
  statements also read every secret (FG_07_06) and invoke every function (FG_09_03); and, of the
  operational risks, a function without reserved concurrency, oversized memory and /tmp, detection of
  recursive loops switched off, a VPC function in one subnet, a debug switch and DEBUG logs, an obsolete
  runtime (FG_11_01 beside FG_06_01), versions never pruned, SnapStart, /tmp that outlives invocations;
- `payments` (terraform-api/ with its plan, cloudformation-api/, sam-api/, serverless-api/) plants the
  SAS-2, SAS-4 and SAS-9 risks a reviewer finds in an API: routes without authorizers, authorizers left
  unattached or without audience, invocation by anyone, weak Cognito settings, service wildcards, data
  access on every resource, broad managed policies, shared roles, privilege escalation, missing
  permissions boundaries, a service permission without a source (confused deputy), a publicly writable
  queue that triggers a function, a role that invokes every function, a resource policy that lets anyone
  invoke the API, an identity pool role that invokes a function; and the default endpoint left enabled
  beside the API's custom domain (FG_03_04), TLS 1.0 on that domain (FG_01_04), and the injection path
  the publicly writable queue opens to the function it triggers (FG_01_03); and, of the operational
  risks, a one-minute timeout behind an API, an HTTP API without throttling, an asynchronous function
  whose failures go nowhere, execution logs at INFO, default gateway responses, a disabled schedule, a
  function nothing invokes and nobody owns, a role no function uses, an EFS access point mounted as root
  and shared by functions of different trust, a multi-tenant function without per-tenant isolation.
Every other resource is compliant: no finding of any rule. EXPECTED is what a reviewer writes down by
hand, the "What is planted" tables of examples/README.md.

The scans judge by tests/conftest.py's date. The clean functions use python3.13 and nodejs24.x;
nodejs24.x is deprecated on 2028-04-30, after which `faasguard scan examples/` (judging by today) also
reports FG_06_01 on examples/serverless and examples/serverless-api, which have to move to a newer runtime.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from faasguard import catalog
from faasguard.scan import RegoOptions, ScanOptions, ScanResult, scan
from tests.conftest import ROOT, TODAY, run, tool

EXAMPLES = ROOT / "examples"

# --- orders --------------------------------------------------------------------------------------------
SAM = "examples/sam/template.yaml"
SLS = "examples/serverless/serverless.yml"
TF = "examples/terraform"
TF_MAIN = f"{TF}/main.tf"
TF_IAM = f"{TF}/iam.tf"

ORDERS = {
    ("FG_07_01", SAM, "ProcessOrdersFunction"),
    # python3.8: a dependency without patches (SAS-6) and an obsolete function to retire (SAS-11)
    ("FG_06_01", SAM, "NightlyReportFunction"),
    ("FG_11_01", SAM, "NightlyReportFunction"),
    ("FG_02_03", SAM, "PaymentWebhookFunction"),
    # public access block flags off (on the bucket) and a policy allowing everyone (on the policy)
    ("FG_03_01", SAM, "ReportsBucket"),
    ("FG_03_01", SAM, "ReportsBucketPolicy"),
    ("FG_03_03", SAM, "OrdersHttpApi"),
    ("FG_07_02", SAM, "CreateOrderFunction"),
    ("FG_05_02", SAM, "ProcessOrdersLogs"),
    ("FG_06_03", SAM, "ProcessOrdersFunction"),
    ("FG_06_05", SAM, "NightlyReportFunction"),
    ("FG_06_06", SAM, "NightlyReportFunction"),
    ("FG_06_07", SAM, "PaymentWebhookFunction"),
    ("FG_05_05", SAM, "FulfilmentStateMachine"),
    ("FG_08_01", SAM, "GetOrderFunction"),
    ("FG_10_02", SAM, "PaymentWebhookFunction"),
    ("FG_12_03", SAM, "CreateOrderFunction"),
    # the shared role's NotAction statement: every other action, so data access on every resource,
    # escalation, every secret and key, every function too, for all five functions that share the role
    ("FG_04_01", SLS, "provider"),
    ("FG_04_03", SLS, "provider"),
    ("FG_04_05", SLS, "provider"),
    ("FG_04_06", SLS, "provider"),
    ("FG_07_06", SLS, "provider"),
    ("FG_09_03", SLS, "provider"),
    ("FG_07_05", SLS, "provider"),
    # the public REST API: no WAF, a POST body passed unvalidated, no detailed metrics
    ("FG_01_02", SLS, "provider"),
    ("FG_01_01", SLS, "createOrder"),
    ("FG_05_04", SLS, "provider"),
    ("FG_05_03", SLS, "provider"),
    # invoicePdf is deployed by a movable tag (not a digest) from this repository
    ("FG_03_06", SLS, "InvoicePdfRepository"),
    ("FG_06_04", SLS, "invoicePdf"),
    ("FG_03_05", SLS, "ReportSecurityGroup"),
    ("FG_02_03", SLS, "orderStatus"),
    # the attack path the public URL opens to the shared role's NotAction statement
    ("FG_00_01", SLS, "orderStatus"),
    ("FG_05_01", SLS, "nightlyReport"),
    # the password written under custom: is a plaintext environment value and a secret default
    ("FG_07_01", SLS, "nightlyReport"),
    ("FG_07_07", SLS, "nightlyReport"),
    ("FG_08_07", SLS, "nightlyReport"),
    # versionFunctions left at its default (true), and no prune plugin
    ("FG_11_05", SLS, "provider"),
    # 3008 MB and 2 GB of /tmp without a justification tag: a size to justify, and /tmp that outlives invocations
    ("FG_08_03", SLS, "invoicePdf"),
    ("FG_12_05", SLS, "invoicePdf"),
    # AdministratorAccess: every action, a broad AWS managed policy, and invocation of every function
    ("FG_04_01", TF_IAM, "aws_iam_role_policy_attachment.worker_admin"),
    ("FG_04_04", TF_IAM, "aws_iam_role_policy_attachment.worker_admin"),
    ("FG_09_03", TF_IAM, "aws_iam_role_policy_attachment.worker_admin"),
    ("FG_02_03", TF_MAIN, "aws_lambda_function_url.api"),
    ("FG_07_01", TF_MAIN, "aws_lambda_function.worker"),
    ("FG_05_01", TF_MAIN, "aws_lambda_function.report"),
    ("FG_06_01", TF_MAIN, "aws_lambda_function.report"),
    ("FG_11_01", TF_MAIN, "aws_lambda_function.report"),
    ("FG_10_01", TF_MAIN, "aws_lambda_function.api"),
    # on the recursion config, where loop detection is switched off
    ("FG_08_05", TF_MAIN, "aws_lambda_function_recursion_config.worker"),
    ("FG_07_03", TF_MAIN, "aws_lambda_function.report"),
    ("FG_05_06", TF_MAIN, "aws_lambda_function.report"),
    ("FG_06_02", TF_MAIN, "aws_lambda_code_signing_config.orders"),
    ("FG_05_07", TF_MAIN, "aws_cloudtrail.orders"),
    # one finding for the for_each block of log groups (Checkov reports HCL instances on the block)
    ("FG_03_02", TF_MAIN, "aws_cloudwatch_log_group.lambda"),
    ("FG_07_04", TF_MAIN, "aws_secretsmanager_secret.payment_webhook"),
}

# --- payments ------------------------------------------------------------------------------------------
TF_API = "examples/terraform-api"
TF_API_PLAN = f"{TF_API}/plan.json"
CFN_API = "examples/cloudformation-api/template.yaml"
SAM_API = "examples/sam-api/template.yaml"
SLS_API = "examples/serverless-api/serverless.yml"

TERRAFORM_API = {
    ("FG_02_02", f"{TF_API}/api.tf", "aws_apigatewayv2_route.refund"),
    ("FG_02_06", f"{TF_API}/api.tf", "aws_apigatewayv2_authorizer.staff"),
    ("FG_02_04", f"{TF_API}/api.tf", "aws_lambda_permission.partner_get_payment"),
    ("FG_09_01", f"{TF_API}/api.tf", "aws_lambda_permission.support_console_refund"),
    ("FG_02_05", f"{TF_API}/cognito.tf", "aws_cognito_user_pool_client.support_console"),
    ("FG_04_02", f"{TF_API}/iam.tf", "aws_iam_role_policy.settlement"),
    ("FG_04_03", f"{TF_API}/iam.tf", "aws_iam_role_policy.export_receipts"),
    ("FG_04_07", f"{TF_API}/iam.tf", "aws_iam_role.export_receipts"),
    ("FG_04_06", f"{TF_API}/iam.tf", "aws_iam_role_policy.provisioner"),
    # the same role: no function of the module uses it (its policy configures it, it does not use it)
    ("FG_11_04", f"{TF_API}/iam.tf", "aws_iam_role.provisioner"),
}
# `terraform show -json` of the same module: the same findings on the same addresses
TERRAFORM_API_PLAN = {(rule_id, TF_API_PLAN, resource) for rule_id, _, resource in TERRAFORM_API}

CLOUDFORMATION_API = {
    ("FG_02_01", CFN_API, "DailyReportMethod"),
    ("FG_02_06", CFN_API, "LegacyTokenAuthorizer"),
    ("FG_02_04", CFN_API, "ProcessorInvokePermission"),
    ("FG_02_05", CFN_API, "CustomersUserPool"),
    ("FG_04_05", CFN_API, "PaymentsReaderRole"),
    ("FG_04_04", CFN_API, "SettlementRole"),
    # any AWS account invokes the settlement worker (FG_02_04), whose role holds every queue: an attack path
    ("FG_00_01", CFN_API, "SettlementFunction"),
    ("FG_04_03", CFN_API, "SettlementRole"),
    ("FG_04_06", CFN_API, "MerchantOnboardingIamPolicy"),
    ("FG_09_04", CFN_API, "PaymentsApi"),
    # the API's custom domain, beside which the default endpoint stays enabled
    ("FG_03_04", CFN_API, "PaymentsApi"),
    # GetSecretValue on "*" (the FG_04_03 statement above) reads every secret: both rules report it
    ("FG_07_06", CFN_API, "SettlementRole"),
    # TLS 1.0 kept on the custom domain for old card terminals
    ("FG_01_04", CFN_API, "PaymentsDomain"),
    # a one-minute timeout behind an API that gives up after 29 s
    ("FG_08_02", CFN_API, "DailyReportFunction"),
    # a function no trigger, permission or resource invokes, and without an owner tag
    ("FG_11_03", CFN_API, "MerchantOnboardingFunction"),
    ("FG_11_06", CFN_API, "MerchantOnboardingFunction"),
    # the settlement files' access point: root on the whole file system, for the worker and finance's report
    ("FG_12_01", CFN_API, "SettlementFilesAccessPoint"),
    ("FG_12_02", CFN_API, "SettlementFilesAccessPoint"),
}

SAM_API_FINDINGS = {
    ("FG_02_01", SAM_API, "GetReceiptFunction"),
    ("FG_02_06", SAM_API, "PartnerHttpApi"),
    ("FG_02_05", SAM_API, "CheckoutIdentityPool"),
    ("FG_04_07", SAM_API, "RefundRole"),
    ("FG_04_04", SAM_API, "SettlementFunction"),
    ("FG_04_02", SAM_API, "ReconcileFunction"),
    ("FG_04_03", SAM_API, "ExportReceiptsFunction"),
    ("FG_09_02", SAM_API, "SettlementQueuePolicy"),
    ("FG_09_05", SAM_API, "GuestRole"),
    # the publicly writable settlement queue (FG_09_02) triggers the settlement function, an injection
    # path (FG_01_03) and an attack path to its AmazonDynamoDBFullAccess (FG_00_01)
    ("FG_01_03", SAM_API, "SettlementFunction"),
    ("FG_00_01", SAM_API, "SettlementFunction"),
    ("FG_08_04", SAM_API, "PartnerHttpApi"),
    ("FG_11_02", SAM_API, "ReconcileFunction"),
    ("FG_12_04", SAM_API, "PartnerPaymentsFunction"),
}

SERVERLESS_API = {
    ("FG_02_06", SLS_API, "provider"),
    ("FG_04_05", SLS_API, "provider"),
    ("FG_02_02", SLS_API, "refundPayment"),
    ("FG_02_01", SLS_API, "legacyCheckout"),
    ("FG_04_02", SLS_API, "settlementWorker"),
    # lambda:InvokeFunction on "*": every function, and a data-plane action on every resource
    ("FG_09_03", SLS_API, "settlementWorker"),
    ("FG_04_03", SLS_API, "settlementWorker"),
    ("FG_04_06", SLS_API, "tenantProvisioner"),
    ("FG_02_05", SLS_API, "BackofficeUserPoolClient"),
    ("FG_02_04", SLS_API, "FraudPartnerInvokePermission"),
    ("FG_04_04", SLS_API, "ReceiptsExportRole"),
    ("FG_04_07", SLS_API, "ReceiptsExportRole"),
    # the old checkout's REST API: execution logs at INFO, and API Gateway's default error responses
    ("FG_10_04", SLS_API, "provider"),
    ("FG_10_03", SLS_API, "provider"),
    ("FG_08_06", SLS_API, "tenantProvisioner"),
}

PAYMENTS = TERRAFORM_API | TERRAFORM_API_PLAN | CLOUDFORMATION_API | SAM_API_FINDINGS | SERVERLESS_API

# (rule id, file relative to the repository root, resource)
EXPECTED = ORDERS | PAYMENTS

# What the payments apps leave undecided, all in the plan, which knows these values only after apply: the
# environment of the functions that name the queue's URL or a bucket, which FG_07_01 cannot read (FG_07_03
# needs it only where no key is set, and these functions have one)
PAYMENTS_UNDECIDED = {
    ("FG_07_01", TF_API_PLAN, f"aws_lambda_function.{name}")
    for name in ("create_payment", "refund", "settlement", "export_receipts")
}


def _rules_of(*prefixes: str) -> set[str]:
    return {rule_id for rule_id in catalog.rules() if rule_id.startswith(prefixes)}


SAS_2_4_AND_9 = _rules_of("FG_02_", "FG_04_", "FG_09_")
# the operational risks (SAS-8, SAS-10, SAS-11, SAS-12), planted in both apps
OPERATIONAL = ("FG_08_", "FG_10_", "FG_11_", "FG_12_")
SAS_8_10_11_AND_12 = _rules_of(*OPERATIONAL)
# the orders app's public function URL (SAS-2) and admin roles (SAS-4): the NotAction statement and
# AdministratorAccess also grant data access everywhere, escalation, a shared role, a broad managed
# policy, every secret (FG_07_06, SAS-7 anyway) and invocation of every function (FG_09_03)
ORDERS_SAS_2_4_AND_9 = {"FG_02_03", "FG_04_01", "FG_04_03", "FG_04_04", "FG_04_05", "FG_04_06", "FG_09_03",
                        "FG_00_01"}
ORDERS_SAS_1 = {"FG_01_01", "FG_01_02"}
# the payments findings of other risks: the default endpoint beside cloudformation-api's custom domain
# (the one SAS-3 rule about an API), and FG_07_06 on the statement cloudformation-api plants for FG_04_03
PAYMENTS_OTHER_RISKS = {("FG_03_04", CFN_API, "PaymentsApi"), ("FG_07_06", CFN_API, "SettlementRole"),
                        ("FG_01_04", CFN_API, "PaymentsDomain"), ("FG_01_03", SAM_API, "SettlementFunction"),
                        # the attack paths (FG_00_01 joins SAS-2 and SAS-4) of the settlement functions
                        ("FG_00_01", CFN_API, "SettlementFunction"), ("FG_00_01", SAM_API, "SettlementFunction")}


def _relative(file: str) -> str:
    """A reported file, relative to the repository root (reports are relative to the working directory)."""
    return Path(file).resolve().relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def result() -> ScanResult:
    """Both engines; the Rego one through the opa binary (the reference the other backends are held to)."""
    options = ScanOptions(today=dt.date.fromisoformat(TODAY), rego=RegoOptions(backend="opa", opa_path=tool("opa")))
    return scan([str(EXAMPLES)], options)


def test_no_errors(result):
    assert result.errors == []


def test_every_example_is_scanned(result):
    files = {_relative(d.path) for d in result.documents}
    assert files == {SAM, SLS, TF, TF_API, TF_API_PLAN, CFN_API, SAM_API, SLS_API}


def test_exactly_the_planted_findings(result):
    found = {(f.rule_id, _relative(f.file), f.resource) for f in result.findings}
    assert found == EXPECTED, {"unexpected": found - EXPECTED, "missing": EXPECTED - found}


def test_every_finding_is_found_by_both_engines(result):
    one_engine = [(f.rule_id, _relative(f.file), f.resource, f.engines) for f in result.findings
                  if sorted(f.engines) != ["checkov", "rego"]]
    assert one_engine == []


def _in_payments(file: str) -> bool:
    return any(file == app or file.startswith(f"{app}/") for app in (TF_API, CFN_API, SAM_API, SLS_API))


def test_payments_apps_leave_nothing_else_undecided(result):
    """An undecided value could hide a finding: the compliant resources are judged, not skipped."""
    undecided = {(u.rule_id, _relative(u.file), u.resource) for u in result.undecided
                 if _in_payments(_relative(u.file))}
    assert undecided == PAYMENTS_UNDECIDED


def test_every_rule_is_planted():
    assert {rule_id for rule_id, _, _ in EXPECTED} == set(catalog.rules())


def _security(findings: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The findings of the security risks: all but the operational ones (SAS-8, SAS-10, SAS-11, SAS-12)."""
    return {f for f in findings if f[0] not in SAS_8_10_11_AND_12}


@pytest.mark.parametrize("app", [TERRAFORM_API, CLOUDFORMATION_API, SAM_API_FINDINGS, SERVERLESS_API],
                         ids=["terraform-api", "cloudformation-api", "sam-api", "serverless-api"])
def test_each_payments_app_plants_sas_2_4_and_9(app):
    rules = {rule_id for rule_id, _, _ in _security(app) - PAYMENTS_OTHER_RISKS}
    assert rules <= SAS_2_4_AND_9
    assert all(any(r.startswith(group) for r in rules) for group in ("FG_02_", "FG_04_", "FG_09_"))


def test_payments_apps_plant_every_sas_2_4_and_9_risk_but_the_orders_ones():
    """The orders app already plants a public function URL (FG_02_03) and an admin role (FG_04_01); the
    payments apps plant nothing else but the default endpoint beside cloudformation-api's custom domain
    and the secrets its FG_04_03 statement reads."""
    assert PAYMENTS_OTHER_RISKS <= PAYMENTS
    assert {rule_id for rule_id, _, _ in _security(PAYMENTS) - PAYMENTS_OTHER_RISKS} == \
        SAS_2_4_AND_9 - {"FG_02_03", "FG_04_01"}


def test_orders_plants_sas_1_3_5_6_and_7_and_its_public_url_and_admin_roles():
    """Every SAS-3 risk but the API's custom domain (payments' FG_03_04), every SAS-5, SAS-6 and SAS-7 one,
    the SAS-1 risks of its REST API (the injection path through a public queue and the custom domain's TLS
    are payments'), and the public function URL and admin roles, with what their statements grant besides."""
    sas_3_5_6_and_7 = _rules_of("FG_03_", "FG_05_", "FG_06_", "FG_07_")
    assert {rule_id for rule_id, _, _ in _security(ORDERS)} == \
        (sas_3_5_6_and_7 - {"FG_03_04"}) | ORDERS_SAS_1 | ORDERS_SAS_2_4_AND_9


@pytest.mark.parametrize("risk", OPERATIONAL)
def test_both_apps_plant_each_operational_risk(risk):
    """SAS-8 (limits and failures), SAS-10 (error and debug output), SAS-11 (obsolete and unowned resources)
    and SAS-12 (state kept between invocations): each of their rules is planted, and each risk in both apps."""
    for app in (ORDERS, PAYMENTS):
        assert any(rule_id.startswith(risk) for rule_id, _, _ in app)
    assert {rule_id for rule_id, _, _ in EXPECTED if rule_id.startswith(risk)} == _rules_of(risk)


def test_readme_tables_list_the_planted_findings():
    """The "What is planted" tables of examples/README.md: | `file` | `resource` | RULE | why |. The plan's
    findings are those of its module, so the README lists the module's only."""
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| (FG_\d\d_\d\d) \|", (EXAMPLES / "README.md").read_text(), re.M)
    listed = [(rule_id, file, resource) for file, resource, rule_id in rows]
    assert len(listed) == len(set(listed))
    assert set(listed) == EXPECTED - TERRAFORM_API_PLAN


def _source(file: str) -> str:
    """Where a finding's planted comment is: its template, or any `.tf` file of its Terraform module (a
    variable's default may be what is planted)."""
    return str(Path(file).parent) if file.endswith(".tf") else file


def _commented_rules(source: str) -> set[str]:
    """The rules named by `PLANTED FG_xx_yy[, FG_…]: why` comments in the file, or the module's files."""
    path = ROOT / source
    texts = [f.read_text() for f in sorted(path.glob("*.tf"))] if path.is_dir() else [path.read_text()]
    return {rule_id for text in texts for names in re.findall(r"PLANTED ([^:\n]*):", text)
            for rule_id in re.findall(r"FG_\d\d_\d\d", names)}


def test_planted_comments_name_the_planted_rules():
    """Each file (Terraform: module) says what is planted in it: a `# PLANTED <rules>: why` comment for
    every rule that finds something there, and none for a rule that does not."""
    planted = {(rule_id, _source(file)) for rule_id, file, _ in EXPECTED - TERRAFORM_API_PLAN}
    for source in sorted({s for _, s in planted}):
        assert _commented_rules(source) == {r for r, s in planted if s == source}, source


def test_cli_json_report():
    """What `scripts/try.sh` runs: the default Rego backend (the shipped WebAssembly bundle) must agree
    with Checkov on every finding too."""
    proc = run([sys.executable, "-m", "faasguard", "scan", "examples", "--format", "json", "--today", TODAY],
               cwd=ROOT)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    assert report["errors"] == []
    assert len(report["findings"]) == len(EXPECTED)
    assert {(f["rule_id"], f["file"], f["resource"]) for f in report["findings"]} == EXPECTED
    assert [(f["rule_id"], f["file"], f["resource"], f["engines"]) for f in report["findings"]
            if f["engines"] != ["checkov", "rego"]] == []
