"""The code-source records (docs/model.md, "Code sources"): function_settings `code_signing_config`,
`untrusted_artifact_on_deployment`, `layer`, `layer_principal` and `layer_organization_id` for the shapes people
write in each format; nothing for what only deployment settles (an unknown instead); and the same records from the
Rego adapters (the real opa binary) on these documents and on every fixture of FG_06_02 and FG_06_03."""
from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.model.cloudformation_code_sources import layer_value
from faasguard.model.values import UNKNOWN
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_06_02", "FG_06_03")
SETTINGS = {"code_signing_config", "untrusted_artifact_on_deployment", "layer", "layer_principal",
            "layer_organization_id"}
POWERTOOLS = "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79"


def _settings(fmt: str, document: dict) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.functions, s.choices)
            for s in build(fmt, document).function_settings if s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns
            if u.view == "function_settings" and u.attribute in SETTINGS}


@pytest.mark.parametrize(("text", "value"), [
    (POWERTOOLS, POWERTOOLS),
    ("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:tools:3", "own_account"),
    ("arn:aws:lambda:${aws:region}:${aws:accountId}:layer:tools:3", "own_account"),
    ("arn:aws:lambda:us-east-1:${data.aws_caller_identity.current.account_id}:layer:tools:3", "own_account"),
    # a region only deployment settles is `*`; an account only deployment settles is unknown
    ("arn:aws:lambda:${aws:region}:017000801446:layer:x:1", "arn:aws:lambda:*:017000801446:layer:x:1"),
    ("arn:aws:lambda:us-east-1:${Account}:layer:x:1", UNKNOWN),
    ("${ssm:/layers/shared}", UNKNOWN),
])
def test_layer_value(text, value):
    assert layer_value(text) == value


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"LayerArn": {"Type": "String"}, "Policy": {"Type": "String", "Default": "Enforce"},
                      "Stage": {"Type": "String"}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Config": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {
               "AllowedPublishers": {"SigningProfileVersionArns": ["arn"]},
               "CodeSigningPolicies": {"UntrustedArtifactOnDeployment": {"Ref": "Policy"}}}},
           "WarnConfig": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {
               "AllowedPublishers": {"SigningProfileVersionArns": ["arn"]},
               "CodeSigningPolicies": {"UntrustedArtifactOnDeployment": {"Fn::If": ["Prod", "Enforce", "Warn"]}}}},
           "Layer": {"Type": "AWS::Lambda::LayerVersion", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}}},
           "Signed": {"Type": "AWS::Lambda::Function", "Properties": {
               "CodeSigningConfigArn": {"Fn::GetAtt": ["Config", "CodeSigningConfigArn"]},
               "Layers": [{"Ref": "Layer"}, "Layer.LayerVersionArn", {"Ref": "LayerArn"},
                          {"Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:layer:x:1"},
                          # conftest's plain string of a !Sub
                          "arn:aws:lambda:eu-west-1:${AWS::AccountId}:layer:y:2",
                          POWERTOOLS]}},
           # conftest's plain string of a !Ref; AWS::NoValue is unset
           "Plain": {"Type": "AWS::Lambda::Function", "Properties": {"CodeSigningConfigArn": "WarnConfig"}},
           "Unsigned": {"Type": "AWS::Lambda::Function", "Properties": {
               "CodeSigningConfigArn": {"Ref": "AWS::NoValue"}}},
           "Chosen": {"Type": "AWS::Lambda::Function", "Properties": {
               "CodeSigningConfigArn": {"Fn::If": ["Prod", {"Ref": "Config"}, {"Ref": "AWS::NoValue"}]}}},
           "Report": {"Type": "AWS::Lambda::Function", "Properties": {"PackageType": "Image"}},
           "Public": {"Type": "AWS::Lambda::LayerVersionPermission", "Properties": {
               "Action": "lambda:GetLayerVersion", "LayerVersionArn": {"Ref": "Layer"}, "Principal": "*"}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Signed", "code_signing_config", "Config", ("Signed",), 1),
        ("Plain", "code_signing_config", "WarnConfig", ("Plain",), 1),
        ("Unsigned", "code_signing_config", "absent", ("Unsigned",), 1),
        # a parameter default; an Fn::If the template does not settle gives both alternatives
        ("Config", "untrusted_artifact_on_deployment", "Enforce", ("Signed",), 1),
        ("WarnConfig", "untrusted_artifact_on_deployment", "Enforce", ("Plain",), 2),
        ("WarnConfig", "untrusted_artifact_on_deployment", "Warn", ("Plain",), 2),
        ("Signed", "layer", "document", ("Signed",), 1),
        ("Signed", "layer", "own_account", ("Signed",), 1),
        ("Signed", "layer", POWERTOOLS, ("Signed",), 1),
        ("Public", "layer_principal", "*", (), 1),
        ("Public", "layer_organization_id", "absent", (), 1),
    }
    # a parameter without default as a layer; an unsettled choice between a config and none
    assert _unknowns("cloudformation", CFN) == {("Signed", "layer"), ("Chosen", "code_signing_config")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Runtime": "python3.12", "Layers": [POWERTOOLS]}},
    "Resources": {
        "Common": {"Type": "AWS::Serverless::LayerVersion", "Properties": {"ContentUri": "layers/"}},
        "Own": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.h", "CodeUri": "src/",
                                                                    "Layers": [{"Ref": "Common"}]}},
        "Bare": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["Layers"],
                 "Properties": {"Handler": "b.h", "CodeUri": "src/"}},
    }}


def test_sam_layers_concatenate_globals():
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Own", "code_signing_config", "absent", ("Own",), 1),
        ("Bare", "code_signing_config", "absent", ("Bare",), 1),
        ("Own", "layer", POWERTOOLS, ("Own",), 1),
        ("Own", "layer", "document", ("Own",), 1),
    }


# ---- Serverless ----------------------------------------------------------------------------------------

SERVICE = {
    "service": "media",
    "custom": {"insights": "arn:aws:lambda:eu-west-1:580247275435:layer:LambdaInsightsExtension:53"},
    "provider": {"name": "aws", "layers": ["${self:custom.insights}", "${ssm:/shared/layer}"]},
    "layers": {"image_tools": {"path": "layers/image"}},
    "functions": {
        "resize": {"handler": "r.h", "layers": [{"Ref": "ImageUnderscoretoolsLambdaLayer"}]},
        "crop-image": {"handler": "c.h"},
        "render": {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/render@sha256:abc"},
    },
    "resources": {
        "extensions": {"CropDashimageLambdaFunction": {"Properties": {
            "CodeSigningConfigArn": "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-1"}}},
        "Resources": {
            "ResizeLambdaFunction": {"Properties": {"CodeSigningConfigArn": {"Ref": "Config"}}},
            "Config": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {
                "AllowedPublishers": {"SigningProfileVersionArns": ["arn"]}}},
        }},
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        # resources.Resources overrides the generated function; a literal ARN is a config elsewhere
        ("resize", "code_signing_config", "Config", ("resize",), 1),
        ("crop-image", "code_signing_config", "external", ("crop-image",), 1),
        ("Config", "untrusted_artifact_on_deployment", "Warn", ("resize",), 1),
        # the service's own layer by the Framework's logical id; the provider's list reaches crop-image only
        ("resize", "layer", "document", ("resize",), 1),
        ("provider", "layer", SERVICE["custom"]["insights"], ("crop-image",), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("provider", "layer")}


# ---- Terraform -----------------------------------------------------------------------------------------

MODULE = '''
variable "layer_arn" {
  type = string
}

resource "aws_lambda_code_signing_config" "enforced" {
  allowed_publishers {
    signing_profile_version_arns = ["arn:aws:signer:us-east-1:123456789012:/signing-profiles/p/v"]
  }
  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

resource "aws_lambda_layer_version" "tools" {
  layer_name = "tools"
  filename   = "tools.zip"
}

resource "aws_lambda_layer_version_permission" "org" {
  layer_name      = aws_lambda_layer_version.tools.layer_arn
  version_number  = aws_lambda_layer_version.tools.version
  statement_id    = "org"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = "o-a1b2c3d4e5"
}

resource "aws_lambda_function" "signed" {
  function_name           = "signed"
  role                    = "arn:aws:iam::123456789012:role/r"
  filename                = "f.zip"
  code_signing_config_arn = aws_lambda_code_signing_config.enforced.arn
  layers = [
    aws_lambda_layer_version.tools.arn,
    "arn:aws:lambda:us-east-1:${data.aws_caller_identity.current.account_id}:layer:shared:2",
    var.layer_arn,
  ]
}

resource "aws_lambda_function" "unsigned" {
  function_name = "unsigned"
  role          = "arn:aws:iam::123456789012:role/r"
  filename      = "f.zip"
  layers        = ["arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79"]
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    signed, unsigned = "aws_lambda_function.signed", "aws_lambda_function.unsigned"
    assert _settings("terraform", module) == {
        (signed, "code_signing_config", "aws_lambda_code_signing_config.enforced", (signed,), 1),
        (unsigned, "code_signing_config", "absent", (unsigned,), 1),
        ("aws_lambda_code_signing_config.enforced", "untrusted_artifact_on_deployment", "Enforce", (signed,), 1),
        (signed, "layer", "document", (signed,), 1),
        (signed, "layer", "own_account", (signed,), 1),
        (unsigned, "layer", POWERTOOLS, (unsigned,), 1),
        ("aws_lambda_layer_version_permission.org", "layer_principal", "*", (), 1),
        ("aws_lambda_layer_version_permission.org", "layer_organization_id", "o-a1b2c3d4e5", (), 1),
    }
    assert _unknowns("terraform", module) == {(signed, "layer")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these records."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("function_settings",), lambda view, r: r["setting"] in SETTINGS) == []
