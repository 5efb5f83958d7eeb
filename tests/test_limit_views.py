"""The limit records (docs/model.md, "Function limits"): function_settings `reserved_concurrency`,
`timeout_seconds`, `memory_mb`, `ephemeral_storage_mb`, `recursive_loop`, `subnet_count` and `tag`, for the shapes
people write in each format, with each format's defaults where nothing is written; nothing for what only deployment
settles (an unknown instead); and the same records from the Rego adapters (the real opa binary) on these documents
and on every fixture of the rules that read them."""
from __future__ import annotations

from pathlib import Path

from faasguard.inputs.terraform import load_module
from faasguard.model import build
from tests.view_parity import disagreements, fixture_documents

SAM = "AWS::Serverless-2016-10-31"
RULES = ("FG_08_01", "FG_08_02", "FG_08_03", "FG_08_05", "FG_08_07")
SETTINGS = {"reserved_concurrency", "timeout_seconds", "memory_mb", "ephemeral_storage_mb", "recursive_loop",
            "subnet_count", "tag"}
SUBNETS = "subnet-0a3c5e7f9b1d2c4e6,subnet-0b4d6f8a0c2e3d5f7"


def _settings(fmt: str, document: dict, resource: str | None = None) -> set[tuple]:
    return {(s.resource, s.setting, s.value, s.functions, s.choices) for s in build(fmt, document).function_settings
            if s.setting in SETTINGS and (resource is None or s.resource == resource)}


def _unknowns(fmt: str, document: dict) -> set[tuple]:
    return {(u.resource, u.attribute) for u in build(fmt, document).unknowns if u.attribute in SETTINGS}


def _defaults(resource: str, timeout: str = "3", memory: str = "128", functions: tuple = ()) -> set[tuple]:
    functions = functions or (resource,)
    return {(resource, "reserved_concurrency", "absent", functions, 1),
            (resource, "timeout_seconds", timeout, functions, 1), (resource, "memory_mb", memory, functions, 1),
            (resource, "ephemeral_storage_mb", "512", functions, 1)}


# ---- CloudFormation and SAM --------------------------------------------------------------------------

CFN = {"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": SUBNETS},
                      "Given": {"Type": "List<AWS::EC2::Subnet::Id>"}, "Stage": {"Type": "String"},
                      "Size": {"Type": "Number", "Default": 2048}},
       "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
       "Resources": {
           "Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.13"}},
           "Sized": {"Type": "AWS::Lambda::Function", "Properties": {
               "ReservedConcurrentExecutions": 0, "Timeout": {"Fn::If": ["Prod", 30, 900]}, "MemorySize": "3008",
               "EphemeralStorage": {"Size": {"Ref": "Size"}}, "RecursiveLoop": "Allow",
               "VpcConfig": {"SubnetIds": {"Ref": "Subnets"}, "SecurityGroupIds": ["sg-1"]},
               "Tags": [{"Key": "size-justification", "Value": "model"}]}},
           # a parameter without default: only deployment settles it
           "Given": {"Type": "AWS::Lambda::Function", "Properties": {
               "Timeout": {"Ref": "Given"}, "VpcConfig": {"SubnetIds": {"Ref": "Given"}, "SecurityGroupIds": ["sg-1"]},
               "RecursiveLoop": {"Fn::If": ["Prod", "Terminate", {"Ref": "AWS::NoValue"}]}}},
       }}


def test_cloudformation_records():
    assert _settings("cloudformation", CFN) == _defaults("Plain") | {
        ("Sized", "reserved_concurrency", "0", ("Sized",), 1),  # a disabled function: FG_08_01 leaves it alone
        ("Sized", "timeout_seconds", "30", ("Sized",), 2), ("Sized", "timeout_seconds", "900", ("Sized",), 2),
        ("Sized", "memory_mb", "3008", ("Sized",), 1),
        ("Sized", "ephemeral_storage_mb", "2048", ("Sized",), 1),  # a parameter's default
        ("Sized", "recursive_loop", "Allow", ("Sized",), 1),
        ("Sized", "subnet_count", "2", ("Sized",), 1),  # the items of a list parameter's default
        ("Sized", "tag", "size-justification", ("Sized",), 1),
        ("Given", "reserved_concurrency", "absent", ("Given",), 1), ("Given", "memory_mb", "128", ("Given",), 1),
        ("Given", "ephemeral_storage_mb", "512", ("Given",), 1),
        ("Given", "recursive_loop", "Terminate", ("Given",), 1),  # either branch is Terminate
    }
    assert _unknowns("cloudformation", CFN) == {("Given", "timeout_seconds"), ("Given", "subnet_count")}


SAM_TEMPLATE = {
    "Transform": SAM,
    "Globals": {"Function": {"Timeout": 60, "MemorySize": 3008, "RecursiveLoop": "Allow", "Tags": {"team": "ml"},
                             "VpcConfig": {"SubnetIds": ["subnet-a"], "SecurityGroupIds": ["sg-1"]}}},
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "api.handler"}},
        # own values win; lists (SubnetIds) are concatenated with Globals', maps (Tags) merged
        "Worker": {"Type": "AWS::Serverless::Function", "Properties": {
            "Timeout": 300, "ReservedConcurrentExecutions": 5, "RecursiveLoop": "Terminate",
            "VpcConfig": {"SubnetIds": ["subnet-b"]}, "Tags": {"size-justification": "batch"}}},
    }}


def test_sam_records():
    globals_ = ("Api", "timeout_seconds", "60", ("Api",), 1)
    assert _settings("sam", SAM_TEMPLATE, "Api") == {
        globals_, ("Api", "reserved_concurrency", "absent", ("Api",), 1), ("Api", "memory_mb", "3008", ("Api",), 1),
        ("Api", "ephemeral_storage_mb", "512", ("Api",), 1), ("Api", "recursive_loop", "Allow", ("Api",), 1),
        ("Api", "subnet_count", "1", ("Api",), 1), ("Api", "tag", "team", ("Api",), 1),
    }
    assert _settings("sam", SAM_TEMPLATE, "Worker") == {
        ("Worker", "timeout_seconds", "300", ("Worker",), 1), ("Worker", "reserved_concurrency", "5", ("Worker",), 1),
        ("Worker", "memory_mb", "3008", ("Worker",), 1), ("Worker", "ephemeral_storage_mb", "512", ("Worker",), 1),
        ("Worker", "recursive_loop", "Terminate", ("Worker",), 1), ("Worker", "subnet_count", "2", ("Worker",), 1),
        ("Worker", "tag", "team", ("Worker",), 1), ("Worker", "tag", "size-justification", ("Worker",), 1),
    }


# ---- Serverless ----------------------------------------------------------------------------------------------

SERVICE = {
    "service": "media",
    "custom": {"subnets": ["subnet-a", "subnet-b"]},
    "provider": {"name": "aws", "timeout": 20, "tags": {"team": "media"},
                 "vpc": {"securityGroupIds": ["sg-1"], "subnetIds": ["subnet-a"]}},
    "functions": {
        "thumbnail": {"handler": "t.h"},
        "transcode": {"handler": "c.h", "timeout": 900, "memorySize": 10240, "ephemeralStorageSize": 4096,
                      "reservedConcurrency": 2, "recursiveLoop": "Allow", "tags": {"size-justification": "4K"},
                      "vpc": {"subnetIds": "${self:custom.subnets}"}},
        "unknown": {"handler": "u.h", "timeout": "${ssm:/media/timeout}",
                    "vpc": {"subnetIds": "${ssm:/media/subnets}"}},
    },
}


def test_serverless_records():
    assert _settings("serverless", SERVICE) == {
        # the provider's timeout for the functions without their own; the Framework's 1024 MB on each
        ("provider", "timeout_seconds", "20", ("thumbnail",), 1),
        ("thumbnail", "memory_mb", "1024", ("thumbnail",), 1), ("unknown", "memory_mb", "1024", ("unknown",), 1),
        ("thumbnail", "reserved_concurrency", "absent", ("thumbnail",), 1),
        ("unknown", "reserved_concurrency", "absent", ("unknown",), 1),
        ("thumbnail", "ephemeral_storage_mb", "512", ("thumbnail",), 1),
        ("unknown", "ephemeral_storage_mb", "512", ("unknown",), 1),
        ("transcode", "timeout_seconds", "900", ("transcode",), 1),
        ("transcode", "memory_mb", "10240", ("transcode",), 1),
        ("transcode", "ephemeral_storage_mb", "4096", ("transcode",), 1),
        ("transcode", "reserved_concurrency", "2", ("transcode",), 1),
        ("transcode", "recursive_loop", "Allow", ("transcode",), 1),
        ("transcode", "subnet_count", "2", ("transcode",), 1),  # its own, through ${self:}; the provider's groups
        ("provider", "subnet_count", "1", ("thumbnail",), 1),
        ("transcode", "tag", "size-justification", ("transcode",), 1),
        ("provider", "tag", "team", ("thumbnail", "transcode", "unknown"), 1),
    }
    assert _unknowns("serverless", SERVICE) == {("unknown", "timeout_seconds"), ("unknown", "subnet_count")}


def test_serverless_defaults_without_a_provider_value():
    service = {"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"handler": "f.h"}}}
    assert _settings("serverless", service) == _defaults("f", timeout="6", memory="1024")


# ---- Terraform ----------------------------------------------------------------------------------------------

MODULE = '''
variable "subnets" {
  type = list(string)
}

variable "prod" {
  type = bool
}

resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}

resource "aws_lambda_function" "plain" {
  function_name = "plain"
  role          = "arn:aws:iam::123456789012:role/r"
}

resource "aws_lambda_function" "sized" {
  function_name                  = "sized"
  role                           = "arn:aws:iam::123456789012:role/r"
  reserved_concurrent_executions = -1
  timeout                        = var.prod ? 30 : 900
  memory_size                    = 3008
  tags = {
    "size-justification" = "model"
  }

  ephemeral_storage {
    size = 2048
  }

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = ["sg-1"]
  }
}

resource "aws_lambda_function" "given" {
  function_name = "given"
  role          = "arn:aws:iam::123456789012:role/r"
  timeout       = 10

  vpc_config {
    subnet_ids         = var.subnets
    security_group_ids = ["sg-1"]
  }
}

resource "aws_lambda_function_recursion_config" "sized" {
  function_name  = aws_lambda_function.sized.function_name
  recursive_loop = "Allow"
}

resource "aws_lambda_function_recursion_config" "given" {
  function_name = "given"
  recursive_loop = "Terminate"
}
'''


def _module(tmp_path: Path, text: str) -> dict:
    (tmp_path / "main.tf").write_text(text)
    return load_module(tmp_path)[0].data


def test_terraform_records(tmp_path):
    module = _module(tmp_path, MODULE)
    sized = ("aws_lambda_function.sized",)
    given = ("aws_lambda_function.given",)
    assert _settings("terraform", module) == _defaults("aws_lambda_function.plain") | {
        # -1, the provider's default, reserves nothing
        ("aws_lambda_function.sized", "reserved_concurrency", "absent", sized, 1),
        ("aws_lambda_function.sized", "timeout_seconds", "30", sized, 2),
        ("aws_lambda_function.sized", "timeout_seconds", "900", sized, 2),
        ("aws_lambda_function.sized", "memory_mb", "3008", sized, 1),
        ("aws_lambda_function.sized", "ephemeral_storage_mb", "2048", sized, 1),
        ("aws_lambda_function.sized", "subnet_count", "1", sized, 1),  # one reference is one subnet
        ("aws_lambda_function.sized", "tag", "size-justification", sized, 1),
        ("aws_lambda_function_recursion_config.sized", "recursive_loop", "Allow", sized, 1),
        ("aws_lambda_function.given", "reserved_concurrency", "absent", given, 1),
        ("aws_lambda_function.given", "timeout_seconds", "10", given, 1),
        ("aws_lambda_function.given", "memory_mb", "128", given, 1),
        ("aws_lambda_function.given", "ephemeral_storage_mb", "512", given, 1),
        # named by its known function_name
        ("aws_lambda_function_recursion_config.given", "recursive_loop", "Terminate", given, 1),
    }
    assert _unknowns("terraform", module) == {("aws_lambda_function.given", "subnet_count")}


# ---- both engines ------------------------------------------------------------------------------------------


def _documents(tmp: Path) -> list[tuple[str, str, dict]]:
    """(name, format, document) of this file's documents and of every fixture of the rules reading these views."""
    found = [("CFN", "cloudformation", CFN), ("SAM", "sam", SAM_TEMPLATE), ("SERVICE", "serverless", SERVICE)]
    (tmp / "module").mkdir()
    found.append(("MODULE", "terraform", _module(tmp / "module", MODULE)))
    return found + fixture_documents(RULES)


def test_both_engines_build_the_same_records(tmp_path):
    assert disagreements(_documents(tmp_path), ("function_settings",), lambda view, r: r["setting"] in SETTINGS) == []
