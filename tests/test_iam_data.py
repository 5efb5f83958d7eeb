"""The generated IAM data (src/faasguard/data/iam.json and its Rego copy) is fresh, records where it comes
from, and holds what the SAS-4 rules rely on; the hand-reviewed managed policy list is recent."""
from __future__ import annotations

import datetime as dt
import json
from importlib import metadata

import yaml

from faasguard import iam_generate
from faasguard.model import iam_data
from tests.conftest import ROOT, TODAY, run, tool

MANAGED_POLICIES = ROOT / "src/faasguard/data/managed_policies.yaml"
MAX_REVIEW_AGE_DAYS = 180
REQUIRED_BROAD_POLICIES = {
    "AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AWSLambda_FullAccess", "AWSLambdaFullAccess",
    "AmazonS3FullAccess", "AmazonDynamoDBFullAccess", "AmazonSESFullAccess", "CloudWatchLogsFullAccess",
    "AmazonSQSFullAccess", "AmazonSNSFullAccess", "AmazonKinesisFullAccess", "AmazonEC2FullAccess",
    "AWSStepFunctionsFullAccess", "AmazonAPIGatewayAdministrator", "SecretsManagerReadWrite",
    "AmazonCognitoPowerUser", "service-role/AWSLambdaRole", "AWSLambdaExecute", "AmazonRDSFullAccess",
    "AmazonEventBridgeFullAccess", "AWSKeyManagementServicePowerUser",
}


def test_generated_files_are_fresh():
    stale = [str(p.relative_to(ROOT)) for p in iam_generate.stale(ROOT)]
    assert stale == [], "run scripts/generate_iam_data.py"


def test_python_and_rego_copies_hold_the_same_dict():
    data = iam_generate.iam_data(ROOT)
    assert json.loads((ROOT / "src/faasguard/data/iam.json").read_text()) == data == iam_data.data()
    assert (ROOT / "rego/faasguard/lib/iam_data/iam_data.rego").read_text() == iam_generate.iam_rego(data)


def test_rego_copy_is_laid_out_as_opa_fmt_writes_it():
    proc = run([tool("opa"), "fmt", "--fail", "--list", str(ROOT / "rego/faasguard/lib/iam_data")])
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def test_sources_record_the_library_versions():
    sources = iam_data.data()["sources"]
    assert {name: sources[name] for name in iam_generate.LIBRARIES} == \
        {name: metadata.version(name) for name in iam_generate.LIBRARIES}
    assert sources["managed_policies_reviewed"] == str(yaml.safe_load(MANAGED_POLICIES.read_text())["reviewed"])


def test_managed_policy_review_is_recent():
    reviewed = yaml.safe_load(MANAGED_POLICIES.read_text())["reviewed"]
    age = (dt.date.fromisoformat(TODAY) - reviewed).days
    assert 0 <= age <= MAX_REVIEW_AGE_DAYS, \
        f"managed_policies.yaml was reviewed {age} days ago: check the AWS managed policies again"


def test_broad_managed_policies_are_listed_with_grants_and_sources():
    broad = iam_data.broad_managed_policies()
    assert REQUIRED_BROAD_POLICIES <= set(broad)
    for name, entry in broad.items():
        assert entry["grants"] and all(isinstance(g, str) and g for g in entry["grants"]), name
        assert entry["source"].startswith("https://docs.aws.amazon.com/aws-managed-policy/"), name
    bare_names = [name.rsplit("/", 1)[-1] for name in broad]
    assert len(bare_names) == len(set(bare_names)), "a bare name must name one policy"


def test_broad_managed_policy_paths_are_the_ones_sam_resolves():
    # SAM turns a bare managed policy name into its ARN with this table (aws partition)
    sam = _sam_managed_policy_arns()
    broad = iam_data.broad_managed_policies()
    resolved = {name: sam.get(name.rsplit("/", 1)[-1]) for name in broad}
    assert {name for name, arn in resolved.items() if arn is None} == {"AWSLambdaFullAccess"}  # deprecated
    assert {name: arn for name, arn in resolved.items() if arn} == \
        {name: f"arn:aws:iam::aws:policy/{name}" for name, arn in resolved.items() if arn}


def _sam_managed_policy_arns() -> dict[str, str]:
    from importlib import resources

    table = resources.files("samtranslator").joinpath("internal", "data", "aws_managed_policies.json")
    return json.loads(table.read_text(encoding="utf-8"))["aws"]


def test_restrictable_actions_are_read_and_write_actions_with_resource_types():
    restrictable = iam_data.restrictable_actions()
    assert "getobject" in restrictable["s3"].split() and "putobject" in restrictable["s3"].split()
    assert "listallmybuckets" not in restrictable["s3"].split()  # List level, and no resource type
    assert "xray" not in restrictable or "puttracesegments" not in restrictable["xray"].split()
    assert "invokefunction" in restrictable["lambda"].split()
    assert len(restrictable) > 300 and sum(len(a.split()) for a in restrictable.values()) > 5000


def test_permissions_management_actions():
    managed = iam_data.permissions_management_actions()
    assert {"passrole", "putrolepolicy", "attachrolepolicy", "createaccesskey"} <= set(managed["iam"].split())
    assert "putbucketpolicy" in managed["s3"].split()
    assert "getrole" not in managed["iam"].split()


def test_unscoped_resources_are_the_arn_formats_of_each_service():
    unscoped = iam_data.unscoped_resources()
    assert set(unscoped["s3"].split()) >= {"*", "*/*", "accesspoint/*"}
    assert set(unscoped["dynamodb"].split()) >= {"table/*", "table/*/index/*", "table/*/stream/*"}
    assert set(unscoped["lambda"].split()) >= {"function:*", "function:*:*"}


def test_escalation_methods_come_from_cloudsplaining():
    methods = iam_data.escalation_methods()
    assert methods["PassExistingRoleToNewLambdaThenInvoke"] == \
        ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"]
    assert methods["EditExistingLambdaFunctionWithRole"] == ["lambda:updatefunctioncode"]
    assert all(a == a.lower() for actions in methods.values() for a in actions)


def test_every_sam_policy_template_is_there():
    from samtranslator.policy_template_processor.processor import PolicyTemplatesProcessor

    shipped = PolicyTemplatesProcessor.get_default_policy_templates_json()["Templates"]
    templates = iam_data.sam_policy_templates()
    assert sorted(templates) == sorted(shipped)
    assert templates["DynamoDBCrudPolicy"]["parameters"] == ["TableName"]
    assert templates["VPCAccessPolicy"]["parameters"] == []
