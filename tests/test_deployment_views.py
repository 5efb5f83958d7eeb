"""The deployment records (docs/model.md, "Container images and runtime updates"): function_settings
`image_uri_digest` / `update_runtime_on` and store_settings `scan_on_push` / `scans_all_repositories`, for
the shapes people write in each format; nothing for what only deployment settles (an unknown instead); the
same records from the Rego adapters (the real opa binary) on these documents and on every fixture of the
rules that read them; and the publicly-writable decision FG_01_03 and FG_09_02 share."""
from __future__ import annotations

from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.model.public_write import is_public_write, writable_targets
from faasguard.model.views import SourcePolicyStatement
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
VIEWS = ("function_settings", "store_settings")
RULES = ("FG_06_04", "FG_06_05")
SETTINGS = {"image_uri_digest", "update_runtime_on", "scan_on_push", "scans_all_repositories"}
DIGEST = "sha256:4b1a7f3e6c2d9e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"
REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"


def _settings(fmt: str, document: dict) -> set[tuple]:
    views = build(fmt, document)
    return {(s.resource, s.setting, s.value, s.functions, s.choices)
            for s in [*views.function_settings, *views.store_settings] if s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Uri": {"Type": "String"}, "Tag": {"Type": "String", "Default": f"{REGISTRY}/app:v1"},
                      "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Repo": {"Type": "AWS::ECR::Repository", "Properties": {}},
           "Scanned": {"Type": "AWS::ECR::Repository",
                       "Properties": {"ImageScanningConfiguration": {"ScanOnPush": {"Fn::If": ["Prod", True, False]}}}},
           "Registry": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {
               "ScanType": "BASIC", "Rules": [{"ScanFrequency": "SCAN_ON_PUSH",
                                               "RepositoryFilters": [{"Filter": "prod-*", "FilterType": "WILDCARD"}]}]}},
           # assembled from a repository's URI and a tag: by tag
           "BySub": {"Type": "AWS::Lambda::Function", "Properties": {
               "PackageType": "Image", "Code": {"ImageUri": {"Fn::Sub": "${Repo.RepositoryUri}:v1"}}}},
           "ByDigest": {"Type": "AWS::Lambda::Function", "Properties": {
               "PackageType": "Image", "Code": {"ImageUri": {"Fn::Join": ["@", [{"Fn::GetAtt": ["Repo", "RepositoryUri"]},
                                                                               DIGEST]]}},
               "RuntimeManagementConfig": {"UpdateRuntimeOn": "Manual"}}},
           "ByDefault": {"Type": "AWS::Lambda::Function", "Properties": {
               "PackageType": "Image", "Code": {"ImageUri": {"Ref": "Tag"}}}},
           # a parameter without default: only deployment settles it
           "ByParameter": {"Type": "AWS::Lambda::Function", "Properties": {
               "PackageType": "Image", "Code": {"ImageUri": {"Fn::Sub": "${Uri}"}},
               "RuntimeManagementConfig": {"UpdateRuntimeOn": {"Ref": "Uri"}}}},
           "Zip": {"Type": "AWS::Lambda::Function", "Properties": {
               "Runtime": "python3.13", "Handler": "i.h", "Code": {"ZipFile": "x"},
               "RuntimeManagementConfig": {"RuntimeVersionArn": {"Ref": "AWS::NoValue"}}}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Repo", "scan_on_push", "false", (), 1),  # ECR's default
        ("Scanned", "scan_on_push", "true", (), 2), ("Scanned", "scan_on_push", "false", (), 2),
        ("Registry", "scans_all_repositories", "false", (), 1),  # a filter for some repositories only
        ("BySub", "image_uri_digest", "false", ("BySub",), 1),
        ("ByDigest", "image_uri_digest", "true", ("ByDigest",), 1),
        ("ByDigest", "update_runtime_on", "MANUAL", ("ByDigest",), 1),
        ("ByDefault", "image_uri_digest", "false", ("ByDefault",), 1),  # the parameter's default
        ("Zip", "update_runtime_on", "AUTO", ("Zip",), 1),  # Lambda's default mode
    }
    assert _unknowns("cloudformation", CFN) == {("ByParameter", "image_uri_digest"),
                                                 ("ByParameter", "update_runtime_on")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"RuntimeManagementConfig": {"UpdateRuntimeOn": "Manual"}}},
    "Resources": {
        "Registry": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {
            "ScanType": "ENHANCED", "Rules": [{"ScanFrequency": "CONTINUOUS_SCAN",
                                               "RepositoryFilters": [{"Filter": "*", "FilterType": "WILDCARD"}]}]}},
        # ImageUri alone makes an image function
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"ImageUri": f"{REGISTRY}/api:latest"}},
        "Worker": {"Type": "AWS::Serverless::Function", "Properties": {
            "PackageType": "Image", "ImageUri": f"{REGISTRY}/worker@{DIGEST}",
            "RuntimeManagementConfig": {"UpdateRuntimeOn": "FunctionUpdate"}}},
    }}


def test_sam_records():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Registry", "scans_all_repositories", "true", (), 1),
        ("Api", "image_uri_digest", "false", ("Api",), 1),
        ("Api", "update_runtime_on", "MANUAL", ("Api",), 1),  # Globals.Function
        ("Worker", "image_uri_digest", "true", ("Worker",), 1),
        ("Worker", "update_runtime_on", "FUNCTIONUPDATE", ("Worker",), 1),  # merged over Globals
    }


# ---- Serverless ----------------------------------------------------------------------------------------------

SERVICE = {
    "service": "catalog",
    "provider": {"name": "aws", "runtimeManagement": {"mode": "manual", "arn": "arn:aws:lambda:::runtime:1"},
                 "ecr": {"images": {"catalog": {"path": "./"}}}},
    "functions": {
        "built": {"image": {"name": "catalog"}},
        "named": {"image": "catalog"},  # a name of provider.ecr.images
        "tagged": {"image": {"uri": f"{REGISTRY}/search:v2"}, "runtimeManagement": "onFunctionUpdate"},
        "pinned": {"image": f"{REGISTRY}/search@{DIGEST}"},
        "unknown": {"image": "${ssm:/catalog/image}", "runtimeManagement": "${env:MODE}"},
    },
    "resources": {"Resources": {"Repo": {"Type": "AWS::ECR::Repository",
                                         "Properties": {"ImageScanningConfiguration": {"ScanOnPush": "true"}}}}},
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("built", "image_uri_digest", "true", ("built",), 1),
        ("named", "image_uri_digest", "true", ("named",), 1),
        ("tagged", "image_uri_digest", "false", ("tagged",), 1),
        ("tagged", "update_runtime_on", "FUNCTIONUPDATE", ("tagged",), 1),
        ("pinned", "image_uri_digest", "true", ("pinned",), 1),
        ("provider", "update_runtime_on", "MANUAL", ("built", "named", "pinned"), 1),
        ("Repo", "scan_on_push", "true", (), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("unknown", "image_uri_digest"), ("unknown", "update_runtime_on")}


# ---- Terraform ----------------------------------------------------------------------------------------------

MODULE = f'''
variable "image" {{
  type = string
}}

resource "aws_ecr_repository" "app" {{
  name = "app"
}}

resource "aws_ecr_repository" "scanned" {{
  name = "scanned"
  image_scanning_configuration {{
    scan_on_push = true
  }}
}}

resource "aws_ecr_registry_scanning_configuration" "registry" {{
  scan_type = "BASIC"
  rule {{
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {{
      filter      = "*"
      filter_type = "WILDCARD"
    }}
  }}
}}

resource "aws_lambda_function" "tag" {{
  function_name = "tag"
  role          = "arn:aws:iam::123456789012:role/r"
  package_type  = "Image"
  image_uri     = "${{aws_ecr_repository.app.repository_url}}:v1"
}}

resource "aws_lambda_function" "digest" {{
  function_name = "digest"
  role          = "arn:aws:iam::123456789012:role/r"
  package_type  = "Image"
  image_uri     = "{REGISTRY}/app@{DIGEST}"
}}

resource "aws_lambda_function" "variable" {{
  function_name = "variable"
  role          = "arn:aws:iam::123456789012:role/r"
  package_type  = "Image"
  image_uri     = var.image
}}

resource "aws_lambda_runtime_management_config" "tag" {{
  function_name     = aws_lambda_function.tag.function_name
  update_runtime_on = "Manual"
}}

resource "aws_lambda_runtime_management_config" "digest" {{
  function_name = "digest"
}}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    assert _settings("terraform", module) == {
        ("aws_ecr_repository.app", "scan_on_push", "false", (), 1),
        ("aws_ecr_repository.scanned", "scan_on_push", "true", (), 1),
        ("aws_ecr_registry_scanning_configuration.registry", "scans_all_repositories", "true", (), 1),
        ("aws_lambda_function.tag", "image_uri_digest", "false", ("aws_lambda_function.tag",), 1),
        ("aws_lambda_function.digest", "image_uri_digest", "true", ("aws_lambda_function.digest",), 1),
        ("aws_lambda_runtime_management_config.tag", "update_runtime_on", "MANUAL",
         ("aws_lambda_function.tag",), 1),
        # named by its known function_name; Lambda's default mode
        ("aws_lambda_runtime_management_config.digest", "update_runtime_on", "AUTO",
         ("aws_lambda_function.digest",), 1),
    }
    assert _unknowns("terraform", module) == {("aws_lambda_function.variable", "image_uri_digest")}


# ---- the shared public-write decision ------------------------------------------------------------------

def test_public_write_decision():
    public = SourcePolicyStatement("QueuePolicy", "Queue", "Allow", ("sqs:*",), True, False)
    elsewhere = SourcePolicyStatement("Other", "", "Allow", ("sqs:SendMessage",), True, False)
    scoped = SourcePolicyStatement("TopicPolicy", "Topic", "Allow", ("sns:Publish",), True, True)
    read_only = SourcePolicyStatement("BucketPolicy", "Bucket", "Allow", ("s3:GetObject",), True, False)
    assert [is_public_write(s) for s in (public, elsewhere, scoped, read_only)] == [True, True, False, False]
    assert writable_targets([public, elsewhere, scoped, read_only]) == {"Queue": [public]}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), VIEWS, lambda view, r: r["setting"] in SETTINGS) == []
