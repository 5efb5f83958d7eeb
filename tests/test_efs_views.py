"""The EFS records (docs/model.md, "EFS mounted into functions"): the function_settings `efs_access_point`
link and the store_settings of the access points and file systems functions mount, for the shapes people
write in each format; nothing for what only deployment settles (an unknown instead); and the same records
from the Rego adapters (the real opa binary) on these documents and on every fixture of FG_12_01 / FG_12_02."""
from __future__ import annotations

import json
from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
VIEWS = ("function_settings", "store_settings")
RULES = ("FG_12_01", "FG_12_02")
SETTINGS = {"efs_access_point", "efs_posix_uid", "efs_root_directory", "efs_encrypted", "efs_tls_enforced",
            "efs_iam_required"}
EXTERNAL = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0a1b2c3d4e5f60718"
TLS_ONLY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}


def _settings(fmt: str, document: dict) -> set[tuple]:
    views = build(fmt, document)
    return {(s.resource, s.setting, s.value, s.functions, s.choices)
            for s in [*views.function_settings, *views.store_settings] if s.setting in SETTINGS}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"PointArn": {"Type": "String"}, "Stage": {"Type": "String"},
                      "SharedPoint": {"Type": "String", "Default": EXTERNAL}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Files": {"Type": "AWS::EFS::FileSystem", "Properties": {
               "Encrypted": {"Fn::If": ["Prod", True, False]}, "FileSystemPolicy": TLS_ONLY}},
           "Plain": {"Type": "AWS::EFS::FileSystem", "Properties": {}},
           "Point": {"Type": "AWS::EFS::AccessPoint", "Properties": {
               "FileSystemId": {"Ref": "Files"}, "PosixUser": {"Uid": "1000", "Gid": "1000"},
               "RootDirectory": {"Path": "/render"}}},
           "RootPoint": {"Type": "AWS::EFS::AccessPoint", "Properties": {
               "FileSystemId": {"Ref": "Plain"}, "PosixUser": {"Uid": {"Fn::If": ["Prod", "1000", "0"]}}}},
           # nothing mounts it: no records
           "Unused": {"Type": "AWS::EFS::AccessPoint", "Properties": {"FileSystemId": {"Ref": "Plain"}}},
           "Render": {"Type": "AWS::Lambda::Function", "Properties": {
               "FileSystemConfigs": [{"Arn": {"Fn::GetAtt": ["Point", "Arn"]}, "LocalMountPath": "/mnt/a"}]}},
           "Admin": {"Type": "AWS::Lambda::Function", "Properties": {
               "FileSystemConfigs": [{"Arn": {"Fn::Sub": "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:"
                                                      "${AWS::AccountId}:access-point/${RootPoint}"}}]}},
           # a parameter default: an access point of another stack, known by its ARN
           "Shared": {"Type": "AWS::Lambda::Function", "Properties": {
               "FileSystemConfigs": [{"Arn": {"Ref": "SharedPoint"}}]}},
           # a parameter without default: only deployment settles it
           "Later": {"Type": "AWS::Lambda::Function", "Properties": {
               "FileSystemConfigs": [{"Arn": {"Ref": "PointArn"}}]}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == {
        ("Render", "efs_access_point", "Point", ("Render",), 1),
        ("Admin", "efs_access_point", "RootPoint", ("Admin",), 1),
        ("Shared", "efs_access_point", EXTERNAL, ("Shared",), 1),
        ("Point", "efs_posix_uid", "1000", ("Render",), 1),
        ("Point", "efs_root_directory", "/render", ("Render",), 1),
        ("RootPoint", "efs_posix_uid", "1000", ("Admin",), 2), ("RootPoint", "efs_posix_uid", "0", ("Admin",), 2),
        ("RootPoint", "efs_root_directory", "absent", ("Admin",), 1),
        ("Files", "efs_encrypted", "true", ("Render",), 2), ("Files", "efs_encrypted", "false", ("Render",), 2),
        ("Files", "efs_tls_enforced", "true", ("Render",), 1),
        ("Files", "efs_iam_required", "true", ("Render",), 1),
        ("Plain", "efs_encrypted", "false", ("Admin",), 1),  # the API's default
        ("Plain", "efs_tls_enforced", "absent", ("Admin",), 1),
        ("Plain", "efs_iam_required", "absent", ("Admin",), 1),
    }
    assert _unknowns("cloudformation", CFN) == {("Later", "efs_access_point")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"FileSystemConfigs": [{"Arn": {"Fn::GetAtt": ["Point", "Arn"]},
                                                    "LocalMountPath": "/mnt/shared"}]}},
    "Resources": {
        "Files": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": True, "FileSystemPolicy": {
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "elasticfilesystem:Client*"}]}}},
        "Point": {"Type": "AWS::EFS::AccessPoint", "Properties": {"FileSystemId": {"Ref": "Files"}}},
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.h", "Runtime": "python3.13"}},
        "Worker": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "w.h", "Runtime": "python3.13"}},
    }}


def test_sam_records():
    both = ("Api", "Worker")
    assert _settings("sam", SAM_TEMPLATE) == {
        ("Api", "efs_access_point", "Point", ("Api",), 1),  # Globals.Function
        ("Worker", "efs_access_point", "Point", ("Worker",), 1),
        ("Point", "efs_posix_uid", "absent", both, 1),
        ("Point", "efs_root_directory", "absent", both, 1),
        ("Files", "efs_encrypted", "true", both, 1),
        ("Files", "efs_tls_enforced", "false", both, 1),
        ("Files", "efs_iam_required", "false", both, 1),  # an Allow of ClientMount to * without condition
    }


# ---- Serverless ----------------------------------------------------------------------------------------------

SERVICE = {
    "service": "tiles",
    "custom": {"shared": EXTERNAL},
    "provider": {"name": "aws", "runtime": "nodejs22.x"},
    "functions": {
        "render": {"handler": "r.h", "fileSystemConfig": {"arn": {"Fn::GetAtt": ["Point", "Arn"]},
                                                         "localMountPath": "/mnt/tiles"}},
        "importer": {"handler": "i.h", "fileSystemConfig": {"arn": "${self:custom.shared}", "localMountPath": "/mnt/x"}},
        "later": {"handler": "l.h", "fileSystemConfig": {"arn": "${ssm:/tiles/access-point}", "localMountPath": "/mnt/y"}},
        "plain": {"handler": "p.h"},
    },
    "resources": {"Resources": {
        "Files": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": "true"}},
        "Point": {"Type": "AWS::EFS::AccessPoint", "Properties": {
            "FileSystemId": {"Ref": "Files"}, "PosixUser": {"Uid": "1001", "Gid": "1001"},
            "RootDirectory": {"Path": "/"}}},
    }},
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        ("render", "efs_access_point", "Point", ("render",), 1),
        ("importer", "efs_access_point", EXTERNAL, ("importer",), 1),
        ("Point", "efs_posix_uid", "1001", ("render",), 1),
        ("Point", "efs_root_directory", "/", ("render",), 1),
        ("Files", "efs_encrypted", "true", ("render",), 1),
        ("Files", "efs_tls_enforced", "absent", ("render",), 1),
        ("Files", "efs_iam_required", "absent", ("render",), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("later", "efs_access_point")}


# ---- Terraform ----------------------------------------------------------------------------------------------

MODULE = f'''
variable "point_arn" {{
  type = string
}}

resource "aws_efs_file_system" "files" {{
  creation_token = "files"
  encrypted      = true
}}

resource "aws_efs_file_system" "plain" {{
  creation_token = "plain"
}}

resource "aws_efs_file_system_policy" "files" {{
  file_system_id = aws_efs_file_system.files.id
  policy         = <<-POLICY
    {json.dumps(TLS_ONLY)}
  POLICY
}}

resource "aws_efs_access_point" "render" {{
  file_system_id = aws_efs_file_system.files.id
  posix_user {{
    uid = 1000
    gid = 1000
  }}
  root_directory {{
    path = "/render"
  }}
}}

resource "aws_efs_access_point" "root" {{
  file_system_id = aws_efs_file_system.plain.id
  posix_user {{
    uid = 0
    gid = 0
  }}
}}

resource "aws_lambda_function" "render" {{
  function_name = "render"
  role          = "arn:aws:iam::123456789012:role/r"
  file_system_config {{
    arn              = aws_efs_access_point.render.arn
    local_mount_path = "/mnt/render"
  }}
}}

resource "aws_lambda_function" "admin" {{
  function_name = "admin"
  role          = "arn:aws:iam::123456789012:role/r"
  file_system_config {{
    arn              = aws_efs_access_point.root.arn
    local_mount_path = "/mnt/admin"
  }}
}}

resource "aws_lambda_function" "shared" {{
  function_name = "shared"
  role          = "arn:aws:iam::123456789012:role/r"
  file_system_config {{
    arn              = "{EXTERNAL}"
    local_mount_path = "/mnt/shared"
  }}
}}

resource "aws_lambda_function" "later" {{
  function_name = "later"
  role          = "arn:aws:iam::123456789012:role/r"
  file_system_config {{
    arn              = var.point_arn
    local_mount_path = "/mnt/later"
  }}
}}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    render, admin = ("aws_lambda_function.render",), ("aws_lambda_function.admin",)
    assert _settings("terraform", module) == {
        ("aws_lambda_function.render", "efs_access_point", "aws_efs_access_point.render", render, 1),
        ("aws_lambda_function.admin", "efs_access_point", "aws_efs_access_point.root", admin, 1),
        ("aws_lambda_function.shared", "efs_access_point", EXTERNAL, ("aws_lambda_function.shared",), 1),
        ("aws_efs_access_point.render", "efs_posix_uid", "1000", render, 1),
        ("aws_efs_access_point.render", "efs_root_directory", "/render", render, 1),
        ("aws_efs_access_point.root", "efs_posix_uid", "0", admin, 1),
        ("aws_efs_access_point.root", "efs_root_directory", "absent", admin, 1),
        ("aws_efs_file_system.files", "efs_encrypted", "true", render, 1),
        # the policy is on its own resource; a mounted file system without one is `absent` on itself
        ("aws_efs_file_system_policy.files", "efs_tls_enforced", "true", render, 1),
        ("aws_efs_file_system_policy.files", "efs_iam_required", "true", render, 1),
        ("aws_efs_file_system.plain", "efs_encrypted", "false", admin, 1),
        ("aws_efs_file_system.plain", "efs_tls_enforced", "absent", admin, 1),
        ("aws_efs_file_system.plain", "efs_iam_required", "absent", admin, 1),
    }
    assert _unknowns("terraform", module) == {("aws_lambda_function.later", "efs_access_point")}


# ---- both engines ------------------------------------------------------------------------------------------

def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), VIEWS, lambda view, r: r["setting"] in SETTINGS) == []
