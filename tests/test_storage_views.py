"""The store_settings view (docs/model.md, "Storage settings"): exact records for the shapes people write in
each format, no record for what only deployment settles, and the same records from the Rego adapters (the
real opa binary) on these documents and on every storage fixture."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.conftest import ROOT, tool
from tests.fixture_cases import FIXTURES

SAM = "AWS::Serverless-2016-10-31"
FUNCTION = {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "a.h"}}


# store settings only Coverage C rules read (FG_05_02/FG_05_03 log retention, FG_06_04 ECR scan on push): these
# tests are about the older storage records, so the new settings are left out like skip_check=COVERAGE_C (the
# engines' agreement below still compares every record)
COVERAGE_C_SETTINGS = {("log_group", "retention_days"), ("ecr_repository", "scan_on_push"),
                       # and Coverage D's: FG_08_06 failure routing, FG_12_01 EFS reached from functions
                       ("sqs_queue", "redrive_policy"), ("sns_subscription", "redrive_policy"),
                       ("event_source_mapping", "on_failure_destination"), ("event_rule_target", "dead_letter_queue"),
                       ("efs_access_point", "efs_posix_uid"), ("efs_access_point", "efs_root_directory"),
                       ("efs_file_system", "efs_encrypted"), ("efs_file_system", "efs_tls_enforced"),
                       ("efs_file_system", "efs_iam_required")}


def _records(fmt: str, document: dict, coverage_c: bool = False) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).store_settings
            if coverage_c or (s.kind, s.setting) not in COVERAGE_C_SETTINGS}


TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Stage": {"Type": "String"}, "KeyArn": {"Type": "String"}},
    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
    "Resources": {
        "Handler": FUNCTION,
        "Uploads": {"Type": "AWS::S3::Bucket", "Properties": {
            "AccessControl": "PublicRead",
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": "true"},
            "NotificationConfiguration": {"LambdaConfigurations": [
                {"Event": "s3:ObjectCreated:*", "Function": {"Fn::GetAtt": ["Handler", "Arn"]}}]}}},
        "Site": {"Type": "AWS::S3::Bucket", "Properties": {
            "WebsiteConfiguration": {"Fn::If": ["IsProd", {"IndexDocument": "index.html"}, {"Ref": "AWS::NoValue"}]},
            "PublicAccessBlockConfiguration": {"Fn::If": ["IsProd", {"BlockPublicPolicy": False},
                                                          {"Ref": "AWS::NoValue"}]}}},
        "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Ref": "KeyArn"}}},
        "Events": {"Type": "AWS::SNS::Topic"},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": "alias/logs"}},
        "Files": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": {"Fn::If": ["IsProd", True, False]}}},
        "Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
            "EventSourceArn": {"Fn::GetAtt": ["Jobs", "Arn"]}, "FunctionName": {"Ref": "Handler"}}},
    },
}


def test_template_records():
    flags = {("Site", "s3_bucket", flag, value, (), 2) for value in ("true", "false")
             for flag in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")}
    assert _records("cloudformation", TEMPLATE) == flags | {
        ("Uploads", "s3_bucket", "declared", "true", ("Handler",), 1),
        ("Uploads", "s3_bucket", "acl", "PublicRead", ("Handler",), 1),
        ("Uploads", "s3_bucket", "block_public_acls", "true", ("Handler",), 1),
        ("Uploads", "s3_bucket", "ignore_public_acls", "true", ("Handler",), 1),
        ("Uploads", "s3_bucket", "block_public_policy", "false", ("Handler",), 1),
        ("Uploads", "s3_bucket", "restrict_public_buckets", "false", ("Handler",), 1),
        ("Site", "s3_bucket", "declared", "true", (), 1),
        ("Site", "s3_bucket", "website", "true", (), 2),
        ("Site", "s3_bucket", "website", "false", (), 2),
        ("Jobs", "sqs_queue", "sqs_managed_sse", "true", ("Handler",), 1),
        ("Events", "sns_topic", "kms_key", "absent", (), 1),
        ("Logs", "log_group", "kms_key", "alias/logs", (), 1),
        ("Files", "efs_file_system", "encrypted", "true", (), 2),
        ("Files", "efs_file_system", "encrypted", "false", (), 2),
    }


def test_a_key_only_deployment_settles_is_an_unknown():
    unknowns = {(u.resource, u.view, u.attribute) for u in build("cloudformation", TEMPLATE).unknowns}
    assert ("Jobs", "store_settings", "kms_key") in unknowns


SERVICE = {
    "service": "billing",
    "provider": {"name": "aws", "runtime": "python3.12", "deploymentBucket": {"blockPublicAccess": False}},
    "custom": {"topic": "invoices"},
    "functions": {
        "invoice": {"handler": "h.invoice", "events": [{"sns": "${self:custom.topic}"}, {"s3": "uploads"}]},
        "refund": {"handler": "h.refund", "events": [{"sns": {"topicName": "refunds", "displayName": "R"}}]},
        "declared": {"handler": "h.declared", "events": [{"sns": "audit"}]},
        "existing": {"handler": "h.existing", "events": [
            {"sns": "arn:aws:sns:eu-west-1:123456789012:orders"}, {"sns": {"arn": {"Ref": "Orders"}}}]},
        "secret": {"handler": "h.secret", "events": [{"sns": "${ssm:/topic}"}]},
    },
    "resources": {"Resources": {
        "SNSTopicAudit": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/aws/sns"}},
        "Orders": {"Type": "AWS::SNS::Topic"},
    }},
}


def test_serverless_records():
    assert _records("serverless", SERVICE) == {
        ("invoice", "sns_topic", "kms_key", "absent", ("invoice",), 1),
        ("refund", "sns_topic", "kms_key", "absent", ("refund",), 1),
        ("SNSTopicAudit", "sns_topic", "kms_key", "alias/aws/sns", ("declared",), 1),
        ("Orders", "sns_topic", "kms_key", "absent", ("existing",), 1),
    }
    unknowns = {(u.resource, u.attribute) for u in build("serverless", SERVICE).unknowns if u.view == "store_settings"}
    assert unknowns == {("secret", "kms_key")}


MODULE = '''
variable "sse" {
  type = bool
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "app.handler"
  runtime       = "python3.13"
  filename      = "app.zip"
}
resource "aws_s3_bucket" "inbox" {
  bucket = "inbox"
  acl    = "public-read"
  website {
    index_document = "index.html"
  }
}
resource "aws_s3_bucket_public_access_block" "inbox" {
  bucket            = aws_s3_bucket.inbox.id
  block_public_acls = true
}
resource "aws_s3_bucket_notification" "inbox" {
  bucket = aws_s3_bucket.inbox.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.worker.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = var.sse
}
resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = var.sse ? "alias/aws/sns" : "alias/custom"
}
'''


def _module(tmp_path: Path) -> dict:
    (tmp_path / "main.tf").write_text(MODULE)
    return load_module(tmp_path)[0].data


def test_module_records(tmp_path):
    worker = ("aws_lambda_function.worker",)
    block = "aws_s3_bucket_public_access_block.inbox"
    assert _records("terraform", _module(tmp_path)) == {
        ("aws_s3_bucket.inbox", "s3_bucket", "declared", "true", worker, 1),
        ("aws_s3_bucket.inbox", "s3_bucket", "acl", "public-read", worker, 1),
        ("aws_s3_bucket.inbox", "s3_bucket", "website", "true", worker, 1),
        (block, "s3_bucket", "block_public_acls", "true", worker, 1),
        (block, "s3_bucket", "block_public_policy", "false", worker, 1),
        (block, "s3_bucket", "ignore_public_acls", "false", worker, 1),
        (block, "s3_bucket", "restrict_public_buckets", "false", worker, 1),
        (block, "s3_bucket", "bucket", "aws_s3_bucket.inbox", (), 1),
        ("aws_sqs_queue.jobs", "sqs_queue", "kms_key", "absent", (), 1),
        ("aws_sns_topic.events", "sns_topic", "kms_key", "alias/aws/sns", (), 2),
        ("aws_sns_topic.events", "sns_topic", "kms_key", "alias/custom", (), 2),
    }


# ------------------------------------------------------------------------- deployment artifacts


def _links(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.kind, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).function_settings if s.setting in ("code_bucket", "image_repository")}


ROLE = "arn:aws:iam::123456789012:role/app"
ARTIFACTS_TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Parameters": {"Stage": {"Type": "String"}, "CodeBucket": {"Type": "String", "Default": "app-code"},
                   "External": {"Type": "String"}},
    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
    "Resources": {
        "Code": {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketName": "app-code",
            "VersioningConfiguration": {"Status": {"Fn::If": ["IsProd", "Enabled", "Suspended"]}}}},
        "Plain": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Ref": "External"}}},
        "Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}},
        "Locked": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE"}},
        # a parameter default equal to a BucketName, a Ref, a bucket of another stack, an Fn::If between two
        "ByName": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "Code": {"S3Bucket": {"Ref": "CodeBucket"}, "S3Key": "a.zip"}}},
        "ByRef": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "Code": {"S3Bucket": {"Ref": "Plain"}, "S3Key": "a.zip"}}},
        "Outside": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "Code": {"S3Bucket": {"Ref": "External"}, "S3Key": "a.zip"}}},
        "Either": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "Code": {"S3Bucket": {"Fn::If": ["IsProd", {"Ref": "Code"}, {"Ref": "Plain"}]}}}},
        # images: GetAtt in Fn::Join, a Ref in Fn::Sub, a literal URI by RepositoryName, a digest
        "Joined": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "PackageType": "Image", "Code": {"ImageUri": {"Fn::Join": [
                ":", [{"Fn::GetAtt": ["Locked", "RepositoryUri"]}, "v1"]]}}}},
        "Subbed": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "PackageType": "Image",
            "Code": {"ImageUri": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/${Repo}:v1"}}}},
        "Literal": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "PackageType": "Image",
            "Code": {"ImageUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest"}}},
        "Pinned": {"Type": "AWS::Lambda::Function", "Properties": {
            "Role": ROLE, "PackageType": "Image", "Code": {"ImageUri": {"Fn::Sub": "${Repo.RepositoryUri}@${Digest}"}}}},
    },
}


def test_template_artifacts():
    assert _records("cloudformation", ARTIFACTS_TEMPLATE) == {
        # versioning is not read (FG_03_06 does not ask for it): no record, no unknown
        ("Code", "s3_bucket", "declared", "true", (), 1),
        ("Plain", "s3_bucket", "declared", "true", (), 1),
        ("Repo", "ecr_repository", "image_tag_mutability", "MUTABLE", ("Literal", "Subbed"), 1),
        ("Locked", "ecr_repository", "image_tag_mutability", "IMMUTABLE", ("Joined",), 1),
    }
    assert _links("cloudformation", ARTIFACTS_TEMPLATE) == {
        ("ByName", "function", "code_bucket", "Code", ("ByName",), 1),
        ("ByRef", "function", "code_bucket", "Plain", ("ByRef",), 1),
        ("Joined", "function", "image_repository", "Locked", ("Joined",), 1),
        ("Subbed", "function", "image_repository", "Repo", ("Subbed",), 1),
        ("Literal", "function", "image_repository", "Repo", ("Literal",), 1),
    }
    unknowns = {(u.resource, u.attribute) for u in build("cloudformation", ARTIFACTS_TEMPLATE).unknowns
                if u.view == "store_settings"}
    assert unknowns == set()


ARTIFACTS_SAM = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.13", "Handler": "app.handler",
                             "CodeUri": {"Bucket": {"Ref": "Code"}, "Key": "app.zip"}}},
    "Resources": {
        "Code": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "app-code"}},
        "Repo": {"Type": "AWS::ECR::Repository"},
        "Inherits": {"Type": "AWS::Serverless::Function"},
        "S3Uri": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "s3://app-code/other.zip"}},
        "Local": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/"}},
        "Container": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*", "Properties": {
            "PackageType": "Image", "ImageUri": {"Fn::GetAtt": ["Repo", "RepositoryUri"]}}},
    },
}


def test_sam_artifacts():
    assert _links("sam", ARTIFACTS_SAM) == {
        ("Inherits", "function", "code_bucket", "Code", ("Inherits",), 1),
        ("S3Uri", "function", "code_bucket", "Code", ("S3Uri",), 1),
        ("Container", "function", "image_repository", "Repo", ("Container",), 1),
    }


ARTIFACTS_SERVICE = {
    "service": "app",
    "custom": {"versioned": "${opt:versioned}"},
    "provider": {"name": "aws", "runtime": "python3.13", "deploymentBucket": {"versioning": "${self:custom.versioned}"}},
    "functions": {
        "zip": {"handler": "h.zip"},
        "tagged": {"image": {"uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1"}},
        "built": {"image": {"name": "appimage"}},
    },
    "resources": {"Resources": {
        "Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}},
        "ServerlessDeploymentBucket": {"Properties": {"VersioningConfiguration": {"Status": "Enabled"}}},
    }},
}


def test_serverless_artifacts():
    assert _links("serverless", ARTIFACTS_SERVICE) == {
        ("provider", "function", "code_bucket", "provider", ("zip",), 1),
        ("tagged", "function", "image_repository", "Repo", ("tagged",), 1),
    }
    unknowns = {(u.resource, u.attribute) for u in build("serverless", ARTIFACTS_SERVICE).unknowns
                if u.view == "store_settings"}
    # deploymentBucket.versioning (here only deployment settles it) and a VersioningConfiguration override of
    # the Framework's bucket are not read: no record, no unknown
    assert unknowns == set()
    assert _records("serverless", ARTIFACTS_SERVICE) == {
        ("Repo", "ecr_repository", "image_tag_mutability", "MUTABLE", ("tagged",), 1),
    }


ARTIFACTS_MODULE = '''
variable "status" {
  type = string
}
variable "bucket" {
  type = string
}
resource "aws_s3_bucket" "code" {
  bucket = "app-code"
}
resource "aws_s3_bucket_versioning" "code" {
  bucket = "app-code"
  versioning_configuration {
    status = var.status
  }
}
resource "aws_s3_bucket" "legacy" {
  bucket = "app-legacy"
  versioning {
    enabled = false
  }
}
resource "aws_s3_bucket" "other" {
  bucket = "app-other"
}
resource "aws_s3_bucket_versioning" "somewhere" {
  bucket = var.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_object" "zip" {
  bucket = aws_s3_bucket.legacy.id
  key    = "app.zip"
  source = "app.zip"
}
resource "aws_lambda_function" "by_name" {
  function_name = "by-name"
  role          = "arn:aws:iam::123456789012:role/app"
  handler       = "app.handler"
  runtime       = "python3.13"
  s3_bucket     = "app-code"
  s3_key        = "app.zip"
}
resource "aws_lambda_function" "by_object" {
  function_name = "by-object"
  role          = "arn:aws:iam::123456789012:role/app"
  handler       = "app.handler"
  runtime       = "python3.13"
  s3_bucket     = aws_s3_object.zip.bucket
  s3_key        = aws_s3_object.zip.key
}
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "MUTABLE"
}
resource "aws_lambda_function" "tagged" {
  function_name = "tagged"
  role          = "arn:aws:iam::123456789012:role/app"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1"
}
resource "aws_lambda_function" "pinned" {
  function_name = "pinned"
  role          = "arn:aws:iam::123456789012:role/app"
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.app.repository_url}@sha256:0123456789abcdef"
}
'''


def _artifacts_module(tmp_path: Path) -> dict:
    folder = tmp_path / "artifacts"
    folder.mkdir(exist_ok=True)
    (folder / "main.tf").write_text(ARTIFACTS_MODULE)
    return load_module(folder)[0].data


def test_module_artifacts(tmp_path):
    data = _artifacts_module(tmp_path)
    # versioning (aws_s3_bucket_versioning, the legacy block) is not read
    assert not any(r[2] == "versioning" for r in _records("terraform", data))
    mutability = {r for r in _records("terraform", data) if r[2] == "image_tag_mutability"}
    assert mutability == {
        ("aws_ecr_repository.app", "ecr_repository", "image_tag_mutability", "MUTABLE", ("aws_lambda_function.tagged",), 1),
    }
    assert _links("terraform", data) == {
        ("aws_lambda_function.by_name", "function", "code_bucket", "aws_s3_bucket.code", ("aws_lambda_function.by_name",), 1),
        ("aws_lambda_function.by_object", "function", "code_bucket", "aws_s3_bucket.legacy",
         ("aws_lambda_function.by_object",), 1),
        ("aws_lambda_function.tagged", "function", "image_repository", "aws_ecr_repository.app",
         ("aws_lambda_function.tagged",), 1),
    }
    # a versioning status or bucket only apply settles is no unknown either
    unknowns = {(u.resource, u.attribute) for u in build("terraform", data).unknowns if u.view == "store_settings"}
    assert unknowns == set()


# ------------------------------------------------------------------------- both engines


def _documents(tmp: Path) -> list[tuple[str, dict]]:
    found = [("cloudformation", TEMPLATE), ("serverless", SERVICE), ("terraform", _module(tmp))]
    sam = dict(TEMPLATE, Transform=SAM)
    found.append(("sam", sam))
    found += [("cloudformation", ARTIFACTS_TEMPLATE), ("sam", ARTIFACTS_SAM), ("serverless", ARTIFACTS_SERVICE),
              ("terraform", _artifacts_module(tmp))]
    for rule in ("FG_03_01", "FG_03_02", "FG_03_06"):
        for case in sorted((FIXTURES / rule).glob("terraform/*")):
            found.append(("terraform", load_module(case)[0].data))
        for case in sorted((FIXTURES / rule).glob("terraform_plan/*.json")):
            found.append(("terraform_plan", json.loads(case.read_text())))
        for fmt in ("cloudformation", "sam"):
            for case in sorted((FIXTURES / rule).glob(f"{fmt}/*.yaml")):
                found.append((fmt, _yaml(case)))
        for case in sorted((FIXTURES / rule).glob("serverless/*/serverless.yml")):
            found.append(("serverless", _yaml(case)))
    return found


def _yaml(path: Path) -> dict:
    from faasguard.inputs.load import parse_file

    document, error = parse_file(path, True)
    assert error is None, error
    return document.data


def _rego_records(documents: list[dict]) -> list[list[dict]]:
    """store_settings and the deployment-artifact links of function_settings, per document."""
    query = ("[records | some doc in input.documents; records := data.faasguard.model.store_settings | "
             "{r | some r in data.faasguard.model.function_settings; r.setting in {\"code_bucket\", \"image_repository\"}}"
             " with input as doc]")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.json"
        source.write_text(json.dumps({"documents": documents}))
        proc = subprocess.run([tool("opa"), "eval", "--bundle", str(ROOT / "rego"), "--input", str(source),
                               "--format", "json", query], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def test_both_engines_build_the_same_records(tmp_path):
    documents = _documents(tmp_path)
    rego = _rego_records([d for _, d in documents])
    disagreements = []
    for (fmt, document), records in zip(documents, rego):
        theirs = {(r["resource"], r["kind"], r["setting"], r["value"], tuple(r["functions"]), r.get("choices", 1))
                  for r in records}
        ours = _records(fmt, document, coverage_c=True) | _links(fmt, document)
        if ours != theirs:
            disagreements.append((fmt, sorted(ours - theirs), sorted(theirs - ours)))
    assert disagreements == []
