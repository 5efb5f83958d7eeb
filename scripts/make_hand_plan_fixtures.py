#!/usr/bin/env python3
"""Write the Terraform plan fixtures that scripts/make_plan_fixtures.py cannot plan: FG_06_06's.

Its Terraform cases pack their code with `data "archive_file"` (hashicorp/archive), and that provider is
not in the local provider mirror the real planning uses (only hashicorp/aws is). So this script writes,
for each case tests/fixtures/FG_06_06/terraform/<case>/, the `terraform show -json` document Terraform
1.11.4 writes for it when planned in the folder the plan file sits in: the archive data source read while
planning (`prior_state`, `source_dir` "./src" ...), the functions and roles to create (`resource_changes`,
`planned_values`, with what is known only after apply in `after_unknown`), and the `configuration` with
the references from `filename` to the archive. The values follow the cases' main.tf: change them here
when a case changes. The code folders the plans name are copied beside them from the cases, so the plan
fixtures read the same manifests as the Terraform ones.

With the archive provider in the mirror (TF_PLUGIN_MIRROR), make_plan_fixtures.py could plan these cases
for real: drop FG_06_06 from its HAND_WRITTEN list and this script.

usage: scripts/make_hand_plan_fixtures.py
"""
from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fixtures" / "FG_06_06" / "terraform"
OUT = ROOT / "tests" / "fixtures" / "FG_06_06" / "terraform_plan"
# case -> the code folders (relative to the case) its archive packs and that exist: copied beside the plan
CODE_FOLDERS = {"fail_unpinned": ("src",), "pass_locked": ("functions",), "pass_missing_folder": ()}

AWS = "registry.terraform.io/hashicorp/aws"
ARCHIVE = "registry.terraform.io/hashicorp/archive"
TERRAFORM_VERSION = "1.11.4"
ASSUME_ROLE = ('{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":'
               '{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}')


def _managed(rtype: str, name: str, after: dict, unknown: dict, sensitive: dict) -> dict:
    """A resource_changes entry creating a managed resource."""
    return {"address": f"{rtype}.{name}", "mode": "managed", "type": rtype, "name": name, "provider_name": AWS,
            "change": {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
                       "before_sensitive": False, "after_sensitive": sensitive}}


def role(name: str, role_name: str) -> tuple[dict, dict]:
    """(change, configuration) of an aws_iam_role with a jsonencode()d assume-role policy."""
    after = {"assume_role_policy": ASSUME_ROLE, "description": None, "force_detach_policies": False,
             "max_session_duration": 3600, "name": role_name, "path": "/", "permissions_boundary": None, "tags": None}
    unknown = {key: True for key in ("arn", "create_date", "id", "inline_policy", "managed_policy_arns",
                                     "name_prefix", "tags_all", "unique_id")}
    sensitive = {"inline_policy": [], "managed_policy_arns": [], "tags_all": {}}
    config = {"address": f"aws_iam_role.{name}", "mode": "managed", "type": "aws_iam_role", "name": name,
              "provider_config_key": "aws", "schema_version": 0,
              "expressions": {"name": {"constant_value": role_name}, "assume_role_policy": {}}}
    return _managed("aws_iam_role", name, after, unknown, sensitive), config


def archive(name: str, source_dir: str, output_path: str) -> tuple[dict, dict, dict]:
    """(prior_state entry, configuration, values) of a `data "archive_file"` zipping a folder: the data
    source is read while planning, with `${path.module}` evaluated to "." (digests are stand-ins)."""
    digest = hashlib.sha256(name.encode()).digest()
    values = {"exclude_symlink_directories": None, "excludes": None, "id": hashlib.sha1(name.encode()).hexdigest(),
              "output_base64sha256": base64.b64encode(digest).decode(),
              "output_base64sha512": base64.b64encode(hashlib.sha512(name.encode()).digest()).decode(),
              "output_file_mode": None, "output_md5": hashlib.md5(name.encode()).hexdigest(),
              "output_path": output_path, "output_sha": hashlib.sha1(name.encode()).hexdigest(),
              "output_sha256": digest.hex(), "output_sha512": hashlib.sha512(name.encode()).hexdigest(),
              "output_size": 1843, "source": [], "source_content": None, "source_content_filename": None,
              "source_dir": source_dir, "source_file": None, "type": "zip"}
    state = {"address": f"data.archive_file.{name}", "mode": "data", "type": "archive_file", "name": name,
             "provider_name": ARCHIVE, "schema_version": 0, "sensitive_values": {"source": []}, "values": values}
    config = {"address": f"data.archive_file.{name}", "mode": "data", "type": "archive_file", "name": name,
              "provider_config_key": "archive", "schema_version": 0,
              "expressions": {"type": {"constant_value": "zip"}, "source_dir": {"references": ["path.module"]},
                              "output_path": {"references": ["path.module"]}}}
    return state, config, values


def function(name: str, function_name: str, role_name: str, runtime: str, handler: str, filename: str,
             source_hash: str | None, archive_name: str | None = None, handler_refs: list[str] | None = None,
             memory: int = 128) -> tuple[dict, dict]:
    """(change, configuration) of an aws_lambda_function; with `archive_name`, its `filename` and
    `source_code_hash` reference that archive_file (the reference FG_06_06 follows to the code folder)."""
    after = {"code_signing_config_arn": None, "dead_letter_config": [], "description": None, "environment": [],
             "file_system_config": [], "filename": filename, "function_name": function_name, "handler": handler,
             "image_config": [], "image_uri": None, "kms_key_arn": None, "layers": None, "memory_size": memory,
             "package_type": "Zip", "publish": False, "replace_security_groups_on_destroy": None,
             "replacement_security_group_ids": None, "reserved_concurrent_executions": -1, "runtime": runtime,
             "s3_bucket": None, "s3_key": None, "s3_object_version": None, "skip_destroy": False, "snap_start": [],
             "tags": None, "timeout": 3, "timeouts": None, "vpc_config": []}
    unknown = {"architectures": True, "arn": True, "code_sha256": True, "dead_letter_config": [], "environment": [],
               "ephemeral_storage": True, "file_system_config": [], "id": True, "image_config": [], "invoke_arn": True,
               "last_modified": True, "logging_config": True, "qualified_arn": True, "qualified_invoke_arn": True,
               "role": True, "signing_job_arn": True, "signing_profile_version_arn": True, "snap_start": [],
               "source_code_size": True, "tags_all": True, "tracing_config": True, "version": True, "vpc_config": []}
    if source_hash is None:
        unknown["source_code_hash"] = True
    else:
        after["source_code_hash"] = source_hash
    expressions = {"function_name": {"constant_value": function_name}, "runtime": {"constant_value": runtime},
                   "role": {"references": [f"aws_iam_role.{role_name}.arn", f"aws_iam_role.{role_name}"]}}
    expressions["handler"] = {"references": handler_refs} if handler_refs else {"constant_value": handler}
    if archive_name:
        ref = f"data.archive_file.{archive_name}"
        expressions["filename"] = {"references": [f"{ref}.output_path", ref]}
        expressions["source_code_hash"] = {"references": [f"{ref}.output_base64sha256", ref]}
    else:
        expressions["filename"] = {"constant_value": filename}
    if memory != 128:
        expressions["memory_size"] = {"constant_value": memory}
    config = {"address": f"aws_lambda_function.{name}", "mode": "managed", "type": "aws_lambda_function", "name": name,
              "provider_config_key": "aws", "schema_version": 0, "expressions": expressions}
    sensitive = {"architectures": [], "dead_letter_config": [], "environment": [], "ephemeral_storage": [],
                 "file_system_config": [], "image_config": [], "logging_config": [], "snap_start": [], "tags_all": {},
                 "tracing_config": [], "vpc_config": []}
    return _managed("aws_lambda_function", name, after, unknown, sensitive), config


def plan(changes: list[dict], configs: list[dict], states: list[dict], variables: dict | None = None) -> dict:
    """The `terraform show -json` document of a plan creating `changes`, having read the data sources
    `states`, from a root module of `configs` (and `variables` with their defaults)."""
    planned = [{"address": c["address"], "mode": c["mode"], "type": c["type"], "name": c["name"],
                "provider_name": c["provider_name"], "schema_version": 0,
                "sensitive_values": c["change"]["after_sensitive"], "values": c["change"]["after"]} for c in changes]
    root: dict = {"resources": configs}
    if variables:
        root["variables"] = variables
    document = {
        "format_version": "1.2", "terraform_version": TERRAFORM_VERSION, "timestamp": "2026-11-30T02:20:00Z",
        "applyable": True, "complete": True, "errored": False,
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "prior_state": {"format_version": "1.0", "terraform_version": TERRAFORM_VERSION,
                        "values": {"root_module": {"resources": states}}},
        "configuration": {"provider_config": {
            "archive": {"full_name": ARCHIVE, "name": "archive"},
            "aws": {"full_name": AWS, "name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
            "root_module": root},
        "relevant_attributes": [{"resource": c["address"], "attribute": ["arn"]} for c in changes
                                if c["type"] == "aws_iam_role"],
    }
    if variables:
        document["variables"] = {key: {"value": v["default"]} for key, v in variables.items()}
    return document


def fail_unpinned() -> dict:
    role_change, role_config = role("webhook", "stripe-webhook")
    state, archive_config, values = archive("webhook", "./src", "./build/webhook.zip")
    webhook, webhook_config = function("webhook", "stripe-webhook", "webhook", "python3.12", "webhook.handler",
                                       values["output_path"], values["output_base64sha256"], archive_name="webhook")
    reconcile, reconcile_config = function("reconcile", "stripe-reconcile", "webhook", "python3.12",
                                           "reconcile.handler", "dist/reconcile.zip", None)
    return plan([role_change, reconcile, webhook], [role_config, archive_config, reconcile_config, webhook_config],
                [state])


def pass_locked() -> dict:
    role_change, role_config = role("images", "image-pipeline")
    state, archive_config, values = archive("resize", "./functions/resize", "./build/resize.zip")
    resize, resize_config = function("resize", "image-resize", "images", "nodejs22.x", "index.handler",
                                     values["output_path"], values["output_base64sha256"], archive_name="resize",
                                     handler_refs=['var.functions["resize"]', "var.functions"], memory=1024)
    return plan([role_change, resize], [role_config, archive_config, resize_config], [state],
                variables={"functions": {"default": {"resize": "index.handler"}}})


def pass_missing_folder() -> dict:
    role_change, role_config = role("notifier", "slack-notifier")
    state, archive_config, values = archive("notifier", "./dist/notifier", "./build/notifier.zip")
    notifier, notifier_config = function("notifier", "slack-notifier", "notifier", "nodejs22.x", "index.handler",
                                         values["output_path"], values["output_base64sha256"],
                                         archive_name="notifier")
    return plan([role_change, notifier], [role_config, archive_config, notifier_config], [state])


PLANS = {"fail_unpinned": fail_unpinned, "pass_locked": pass_locked, "pass_missing_folder": pass_missing_folder}


def main() -> int:
    assert sorted(PLANS) == sorted(p.name for p in CASES.iterdir() if p.is_dir()), "a case without a plan here"
    for case, make in PLANS.items():
        out = OUT / f"{case}.json"
        print(f"write {out.relative_to(ROOT)} (by hand: the archive provider is not in the mirror)", file=sys.stderr)
        out.write_text(json.dumps(make(), indent=2, sort_keys=True) + "\n")
        for folder in CODE_FOLDERS[case]:
            shutil.rmtree(OUT / folder, ignore_errors=True)
            shutil.copytree(CASES / case / folder, OUT / folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
