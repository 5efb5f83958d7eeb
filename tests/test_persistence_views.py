"""The persistence records (docs/model.md, "Function state and tenancy"): function_settings `snap_start`,
`tenant_isolation`, `tag:<key>` and `durable_kms_key`, for the shapes people write in each format (SAM
Globals, Serverless provider tags); nothing for what only deployment settles (an unknown instead); and
the same records from the Rego adapters on these documents and on every fixture of the rules that read
them."""
from __future__ import annotations

from faasguard.model import build
from tests.test_error_views import documents, module_data, same_records

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_12_03", "FG_12_04", "FG_12_05")
SETTINGS = {"snap_start", "tenant_isolation", "durable_kms_key"}


def _mine(setting: str) -> bool:
    return setting in SETTINGS or setting.startswith("tag:")


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.choices)
            for s in build(fmt, document).function_settings if _mine(s.setting)}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute)
            for u in build(fmt, document).unknowns if _mine(u.attribute) or u.attribute == "tags"}


CFN = {"Parameters": {"Key": {"Type": "String"}, "Team": {"Type": "String"}},
       "Resources": {
           "Quotes": {"Type": "AWS::Lambda::Function", "Properties": {
               "SnapStart": {"ApplyOn": "PublishedVersions"},
               "Tags": [{"Key": "tenancy", "Value": "Multi-Tenant"}, {"Key": "team", "Value": {"Ref": "Team"}}]}},
           "Workflow": {"Type": "AWS::Lambda::Function", "Properties": {
               "DurableConfig": {"ExecutionTimeout": 60, "KMSKeyArn": {"Ref": "Key"}},
               "TenancyConfig": {"TenantIsolationMode": "PER_TENANT"}}},
           "Bare": {"Type": "AWS::Lambda::Function", "Properties": {"DurableConfig": {"ExecutionTimeout": 60}}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Quotes", "snap_start", "PUBLISHEDVERSIONS", 1), ("Quotes", "tenant_isolation", "absent", 1),
        ("Quotes", "tag:tenancy", "MULTI-TENANT", 1),  # values upper-cased: compared case-insensitively
        ("Workflow", "tenant_isolation", "PER_TENANT", 1),
        ("Workflow", "durable_kms_key", "true", 1),  # a parameter without default is a key someone chose
        ("Bare", "tenant_isolation", "absent", 1), ("Bare", "durable_kms_key", "false", 1),
    }
    assert _unknowns("cloudformation", CFN) == {("Quotes", "tag:team")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"SnapStart": {"ApplyOn": "PublishedVersions"}, "Tags": {"tenancy": "multi-tenant"},
                             "DurableConfig": {"ExecutionTimeout": 60}}},
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"Tags": {"owner": "team"}}},
        "Worker": {"Type": "AWS::Serverless::Function", "Properties": {
            "SnapStart": {"ApplyOn": "None"}, "TenancyConfig": {"TenantIsolationMode": "PER_TENANT"},
            "DurableConfig": {"KMSKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/k"}}},
    }}


def test_sam_records_merge_globals():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Api", "snap_start", "PUBLISHEDVERSIONS", 1), ("Api", "tenant_isolation", "absent", 1),
        ("Api", "tag:tenancy", "MULTI-TENANT", 1), ("Api", "tag:owner", "TEAM", 1),
        ("Api", "durable_kms_key", "false", 1),
        ("Worker", "snap_start", "NONE", 1), ("Worker", "tenant_isolation", "PER_TENANT", 1),
        ("Worker", "tag:tenancy", "MULTI-TENANT", 1), ("Worker", "durable_kms_key", "true", 1),
    }


SERVICE = {
    "service": "saas",
    "provider": {"name": "aws", "tags": {"tenancy": "multi-tenant", "owner": "platform"}},
    "functions": {
        "render": {"handler": "r.h", "snapStart": True, "tenancy": {"mode": "per_tenant"}},
        "audit": {"handler": "a.h", "snapStart": False, "tags": {"tenancy": "internal"}},
        "unknown": {"handler": "u.h", "tenancy": "${ssm:/mode}"},
    },
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("render", "snap_start", "PUBLISHEDVERSIONS", 1), ("render", "tenant_isolation", "PER_TENANT", 1),
        ("render", "tag:tenancy", "MULTI-TENANT", 1), ("render", "tag:owner", "PLATFORM", 1),
        ("audit", "snap_start", "NONE", 1), ("audit", "tenant_isolation", "absent", 1),
        ("audit", "tag:tenancy", "INTERNAL", 1), ("audit", "tag:owner", "PLATFORM", 1),  # its own tag wins
        ("unknown", "tag:tenancy", "MULTI-TENANT", 1), ("unknown", "tag:owner", "PLATFORM", 1),
    }
    assert _unknowns("serverless", SERVICE) == {("unknown", "tenant_isolation")}


MODULE = '''
variable "stage" {
  type = string
}

resource "aws_lambda_function" "quotes" {
  function_name = "quotes"
  role          = "arn:aws:iam::123456789012:role/r"
  snap_start {
    apply_on = "PublishedVersions"
  }
  tags = {
    tenancy = "multi-tenant"
  }
}

resource "aws_lambda_function" "documents" {
  function_name = "documents"
  role          = "arn:aws:iam::123456789012:role/r"
  tenancy_config {
    tenant_isolation_mode = "PER_TENANT"
  }
  tags = {
    tenancy = var.stage == "prod" ? "multi-tenant" : "single-tenant"
  }
}
'''


def test_terraform_records(tmp_path):
    module = module_data(tmp_path, MODULE)
    quotes, documents = "aws_lambda_function.quotes", "aws_lambda_function.documents"
    assert _settings("terraform", module) == {
        (quotes, "snap_start", "PUBLISHEDVERSIONS", 1), (quotes, "tenant_isolation", "absent", 1),
        (quotes, "tag:tenancy", "MULTI-TENANT", 1),
        (documents, "tenant_isolation", "PER_TENANT", 1),
        # a conditional on a variable without default: one record per alternative
        (documents, "tag:tenancy", "MULTI-TENANT", 2), (documents, "tag:tenancy", "SINGLE-TENANT", 2),
    }


def test_both_engines_build_the_same_records(tmp_path):
    inline = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    assert same_records(documents(tmp_path, inline, MODULE, RULES), _mine) == []
