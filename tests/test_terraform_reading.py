"""Terraform (HCL modules and plans) reads the same in both engines: existence (count / for_each),
override files, dynamic blocks, container images, linked types in the catalog, data sources, JSON
documents with unknown parts, and conditionals (docs/formats/terraform.md). Each case scans a small
module (or plan) with Checkov and Rego for real and asserts the exact findings."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from faasguard import catalog
from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.model import build
from faasguard.model.terraform import CONDITIONAL, LINKS, hcl_views, plan_views
from faasguard.rules import Context, evaluate
from faasguard.rules.base import ALTERNATIVES_DISAGREE
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import LATER_COVERAGE, ROOT, rego_each_document, tool

ROLE = """\
resource "aws_iam_role" "lambda" {
  name                 = "orders-lambda"
  permissions_boundary = "arn:aws:iam::123456789012:policy/lambda-boundary"
  assume_role_policy   = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
"""
OLD = '"python3.8"'  # a deprecated runtime


def _function(name: str, body: str = "", runtime: str = '"python3.13"') -> str:
    """A function using the role above, with active tracing unless `body` (HCL lines) sets it."""
    tracing = "" if "tracing_config" in body else '  tracing_config {\n    mode = "Active"\n  }\n'
    return f"""
resource "aws_lambda_function" "{name}" {{
  function_name = "{name}"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = {runtime}
{tracing}{body.strip(chr(10))}
}}
"""


def _dynamic(block: str, for_each: str, content: str, iterator: str = "") -> str:
    """A `dynamic` block whose content is one line (`$it` stands for the iterator)."""
    name = iterator or block
    iterator_line = f"\n    iterator = {iterator}" if iterator else ""
    return f"""
  dynamic "{block}" {{
    for_each = {for_each}{iterator_line}
    content {{
      {content.replace("$it", name)}
    }}
  }}
"""


def _scan(root: Path, files: dict[str, str]):
    for name, text in files.items():
        (root / name).write_text(text)
    return scan([str(root)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                         today=dt.date(2026, 12, 1), skip_check=LATER_COVERAGE))


def _findings(result) -> set[tuple[str, str]]:
    """The (rule, resource) findings, each found by both engines and placed on the lines of its block."""
    assert [f for f in result.findings if f.engines != ["checkov", "rego"]] == []
    for finding in result.findings:
        first = Path(finding.file).read_text().splitlines()[finding.lines[0] - 1] if finding.lines[0] > 0 else ""
        name = finding.resource.rsplit(".", 1)[-1]
        # `resource "<type>" "<name>" {`, or a plan's `"address": "<address>"`
        assert f'"{name}"' in first or f'"{finding.resource}"' in first, (finding, first)
    return {(f.rule_id, f.resource) for f in result.findings}


def _block_lines(path: Path, header: str) -> tuple[int, int]:
    """The first and last line of the top-level block that starts with `header`."""
    lines = path.read_text().splitlines()
    start = lines.index(header + " {")
    return start + 1, start + 1 + lines[start:].index("}")


# ---------------------------------------------------------------------------------- 1. existence


def test_count_or_for_each_of_zero_is_not_created(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + """
variable "enabled" {
  default = false
}
variable "regions" {
  default = {}
}
variable "queues" {
  default = []
}
variable "canary" {
  type = bool
}
locals {
  none = []
}
resource "aws_iam_role_policy_attachment" "admin" {
  count      = var.enabled ? 1 : 0
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
""" + "".join(_function(name, f"  {meta}", OLD) for name, meta in [
        ("literal", "count = 0"), ("conditional", "count = var.enabled ? 1 : 0"), ("empty_map", "for_each = {}"),
        ("empty_list", "for_each = []"), ("empty_set", "for_each = toset([])"),
        ("empty_local", "for_each = toset(local.none)"), ("map_default", "for_each = var.regions"),
        ("list_default", "for_each = var.queues"), ("canary", "count = var.canary ? 1 : 0"),
        ("per_role", "for_each = { a = aws_iam_role.lambda.name }"),
        ("per_arn", "for_each = toset([aws_iam_role.lambda.arn])")])})
    assert result.errors == []
    # the count of canary is unknown; the for_each of per_role and per_arn has entries, unknown ones
    assert _findings(result) == {("FG_06_01", "aws_lambda_function.canary"), ("FG_06_01", "aws_lambda_function.per_role"),
                                 ("FG_06_01", "aws_lambda_function.per_arn")}
    main = tmp_path / "main.tf"
    assert sorted(result.notices) == sorted(
        [f"{main}: aws_iam_role_policy_attachment.admin is not checked: count is 0"]
        + [f"{main}: aws_lambda_function.{name} is not checked: count is 0" for name in ("literal", "conditional")]
        + [f"{main}: aws_lambda_function.{name} is not checked: for_each is empty"
           for name in ("empty_map", "empty_list", "empty_set", "empty_local", "map_default", "list_default")])


# ---------------------------------------------------------------------------------- 2. overrides


def test_override_files_merge_into_the_original_blocks(tmp_path):
    result = _scan(tmp_path, {
        "main.tf": ROLE + """
locals {
  runtime = "python3.13"
}
variable "ttl" {
  default = "30"
}
variable "modes" {
  default = ["PassThrough"]
}
""" + _function("api", "  environment {\n    variables = { TTL = var.ttl }\n  }", "local.runtime")
        + _function("worker", _dynamic("tracing_config", "var.modes", "mode = $it.value")),
        "override.tf": """
resource "aws_lambda_function" "api" {
  tracing_config {
    mode = "PassThrough"
  }
  environment {
    variables = { DB_PASSWORD = "hunter2-prod" }
  }
}
resource "aws_lambda_function" "worker" {
  tracing_config {
    mode = "Active"
  }
}
""",
        "runtime_override.tf": 'locals {\n  runtime = "python3.8"\n}\n',
    })
    assert result.errors == []
    # api: tracing, runtime and environment from the override files; worker: the override's static
    # tracing_config replaces the original's dynamic one (which generates PassThrough)
    assert _findings(result) == {("FG_05_01", "aws_lambda_function.api"), ("FG_06_01", "aws_lambda_function.api"),
                                 ("FG_07_01", "aws_lambda_function.api"), ("FG_07_03", "aws_lambda_function.api")}
    main = tmp_path / "main.tf"
    original = _block_lines(main, 'resource "aws_lambda_function" "api"')
    assert {(f.file, f.lines) for f in result.findings} == {(str(main), original)}


def test_an_override_of_nothing_is_an_error(tmp_path):
    result = _scan(tmp_path, {
        "main.tf": ROLE + _function("api"),
        "extra_override.tf": 'resource "aws_lambda_function" "typo" {\n  runtime = "python3.8"\n}\n',
    })
    assert [e.message for e in result.errors] == ["extra_override.tf: resource aws_lambda_function.typo overrides "
                                                  "nothing (no other file of the module declares it)"]
    assert result.findings == []


# ----------------------------------------------------------------------------- 3. dynamic blocks


def test_dynamic_blocks_with_a_known_for_each_are_expanded(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + """
variable "tracing_modes" {
  default = ["PassThrough"]
}
variable "settings" {
  default = { DB_PASSWORD = "hunter2-prod" }
}
variable "mode_from_pipeline" {
  type = list(string)
}
locals {
  admin_statements = [{ actions = ["*"] }]
}
data "aws_iam_policy_document" "generated" {
  dynamic "statement" {
    for_each = local.admin_statements
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}
resource "aws_iam_role_policy" "generated" {
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.generated.json
}
""" + _function("from_variable", _dynamic("tracing_config", "var.tracing_modes", "mode = $it.value"))
        + _function("iterator", _dynamic("environment", "{ vars = var.settings }", "variables = $it.value", "env"))
        + _function("none_generated", _dynamic("tracing_config", "[]", 'mode = "Active"'))
        + _function("unknown", _dynamic("tracing_config", "var.mode_from_pipeline", "mode = $it.value"))})
    assert result.errors == []
    assert _findings(result) == {
        ("FG_05_01", "aws_lambda_function.from_variable"),  # PassThrough
        ("FG_07_01", "aws_lambda_function.iterator"), ("FG_07_03", "aws_lambda_function.iterator"),
        ("FG_05_01", "aws_lambda_function.none_generated"),  # no block generated: tracing is absent
        # the generated statement allows every action: on "*" it is data access and escalation too
        ("FG_04_01", "aws_iam_role_policy.generated"),
        ("FG_04_03", "aws_iam_role_policy.generated"),
        ("FG_04_06", "aws_iam_role_policy.generated"),
        ("FG_07_06", "aws_iam_role_policy.generated"), ("FG_09_03", "aws_iam_role_policy.generated"),  # "*" on "*"
        ("FG_04_05", "aws_iam_role.lambda"),  # the four functions share the role and its policy
    }  # aws_lambda_function.unknown: its tracing is unknown


# ------------------------------------------------------------------------------ 4. image runtime


def test_runtime_of_a_container_image_function_is_ignored(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + """
resource "aws_lambda_function" "image" {
  function_name = "image"
  role          = aws_iam_role.lambda.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"
  runtime       = "python3.8"
  tracing_config {
    mode = "Active"
  }
}
""" + _function("zip", runtime=OLD)})
    assert result.errors == []
    assert _findings(result) == {("FG_06_01", "aws_lambda_function.zip")}


# --------------------------------------------------------------------------- 5. types in catalog


def test_linked_types_are_in_the_catalog_of_the_rules_reading_them():
    """Checkov calls a check only for the types of its catalog entry: a type the model links for a
    view must be there (functions are what records list, not where these rules report)."""
    readers = {"function_urls": {"FG_02_03"},
               "policy_statements": {"FG_04_01", "FG_04_02", "FG_04_03", "FG_04_06", "FG_07_06", "FG_09_03"},
               "managed_policies": {"FG_04_01", "FG_04_04", "FG_09_03"}, "roles": {"FG_04_05", "FG_04_07"},
               "identity_pool_statements": {"FG_09_05"}}
    missing = {(rule, rtype) for source, _, target, views in LINKS for view in views for rule in readers[view]
               for rtype in (source, target) if rtype != "aws_lambda_function"
               and rtype not in catalog.rule(rule).resource_types["terraform"]}
    assert missing == set()


def _rego_value(query: str):
    proc = subprocess.run([tool("opa"), "eval", "-f", "json", "--ignore", "*_test.rego", "-d", str(ROOT / "rego"),
                           query], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]


def test_rego_links_the_same_types_as_the_python_model():
    links = _rego_value("data.faasguard.lib.terraform._link_specs")
    assert links == [[source, attribute, target] for source, attribute, target, _ in LINKS]


def test_rego_and_python_match_the_same_conditional_pattern():
    assert _rego_value("data.faasguard.adapters.terraform._conditional") == f"^{CONDITIONAL.pattern}$"


def test_exclusive_policy_resources(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + _function("api") + """
resource "aws_iam_role_policy" "debug" {
  name   = "debug"
  role   = "some-other-role"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_role_policies_exclusive" "lambda" {
  role_name    = aws_iam_role.lambda.name
  policy_names = [aws_iam_role_policy.debug.name]
}
resource "aws_iam_role_policy_attachments_exclusive" "lambda" {
  role_name   = aws_iam_role.lambda.name
  policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
"""})
    assert result.errors == []
    assert _findings(result) == {("FG_04_01", "aws_iam_role_policy.debug"), ("FG_04_03", "aws_iam_role_policy.debug"),
                                 ("FG_04_06", "aws_iam_role_policy.debug"),
                                 ("FG_07_06", "aws_iam_role_policy.debug"), ("FG_09_03", "aws_iam_role_policy.debug"),
                                 ("FG_09_03", "aws_iam_role_policy_attachments_exclusive.lambda"),
                                 ("FG_04_01", "aws_iam_role_policy_attachments_exclusive.lambda"),
                                 ("FG_04_04", "aws_iam_role_policy_attachments_exclusive.lambda")}


# ------------------------------------------------------------------------------ 6. data sources


def test_managed_policies_named_by_data_sources(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + _function("api") + """
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}
data "aws_iam_policy" "power" {
  arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}
data "aws_iam_policy" "read" {
  name = "ReadOnlyAccess"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.lambda.name
  policy_arn = data.aws_iam_policy.admin.arn
}
resource "aws_iam_role_policy_attachment" "power" {
  role       = aws_iam_role.lambda.name
  policy_arn = data.aws_iam_policy.power.arn
}
resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.lambda.name
  policy_arn = data.aws_iam_policy.read.arn
}
"""})
    assert result.errors == []
    assert _findings(result) == {(rule, f"aws_iam_role_policy_attachment.{name}")  # FG_09_03: admin invokes all
                                 for rule in ("FG_04_01", "FG_04_04", "FG_09_03") for name in ("admin", "power")}


PROVIDER = "registry.terraform.io/hashicorp/aws"


def _change(address: str, after: dict, unknown: dict, mode: str = "managed", actions=("create",)) -> dict:
    rtype, name = address.removeprefix("data.").split(".")
    return {"address": address, "mode": mode, "type": rtype, "name": name, "provider_name": PROVIDER,
            "change": {"actions": list(actions), "before": None, "after": after, "after_unknown": unknown,
                       "before_sensitive": False, "after_sensitive": {}}}


def _config(address: str, expressions: dict, mode: str = "managed") -> dict:
    rtype, name = address.removeprefix("data.").split(".")
    return {"address": address, "mode": mode, "type": rtype, "name": name, "provider_config_key": "aws",
            "expressions": expressions, "schema_version": 0}


def _refs(*names: str) -> dict:
    return {"references": [*names, *{".".join(n.split(".")[:-1]) for n in names}]}


def _plan(changes: list[dict], config: list[dict], prior: list[dict] | None = None) -> dict:
    """A plan in Terraform's JSON output format (planned_values mirrors the managed changes)."""
    planned = [{"address": c["address"], "mode": "managed", "type": c["type"], "name": c["name"],
                "provider_name": PROVIDER, "schema_version": 0, "values": c["change"]["after"],
                "sensitive_values": {}} for c in changes if c["mode"] == "managed"]
    plan = {"format_version": "1.2", "terraform_version": "1.11.4",
            "planned_values": {"root_module": {"resources": planned}}, "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": PROVIDER}},
                              "root_module": {"resources": config}}}
    if prior is not None:
        plan["prior_state"] = {"format_version": "1.0", "terraform_version": "1.11.4",
                               "values": {"root_module": {"resources": prior}}}
    return plan


_ROLE_CHANGE = _change("aws_iam_role.lambda", {
    "name": "orders-lambda", "path": "/", "permissions_boundary": "arn:aws:iam::123456789012:policy/lambda-boundary"},
    {"arn": True, "id": True})
_ROLE_CONFIG = _config("aws_iam_role.lambda", {"name": {"constant_value": "orders-lambda"}})


def _function_change(name: str, runtime: str, package_type: str = "Zip") -> dict:
    return _change(f"aws_lambda_function.{name}", {
        "function_name": name, "runtime": runtime, "package_type": package_type,
        "tracing_config": [{"mode": "Active"}], "environment": []}, {"arn": True, "role": True})


def _function_config(name: str) -> dict:
    return _config(f"aws_lambda_function.{name}", {"function_name": {"constant_value": name},
                                                   "role": _refs("aws_iam_role.lambda.arn")})


def test_plan_managed_policies_named_by_data_sources(tmp_path):
    """`data "aws_iam_policy"` read at apply time (a resource change with its name known) and while
    planning (prior_state) name the policies of attachments whose policy_arn is unknown."""
    names = ("admin", "power", "read")
    attachments = [_change(f"aws_iam_role_policy_attachment.{n}", {"role": "orders-lambda"},
                           {"policy_arn": True, "id": True}) for n in names]
    attachment_configs = [_config(f"aws_iam_role_policy_attachment.{n}", {
        "role": _refs("aws_iam_role.lambda.name"), "policy_arn": _refs(f"data.aws_iam_policy.{n}.arn")}) for n in names]
    read_at_apply = [_change(f"data.aws_iam_policy.{n}", {"name": policy, "path_prefix": None},
                             {"arn": True, "policy": True}, mode="data", actions=("read",))
                     for n, policy in (("admin", "AdministratorAccess"), ("read", "ReadOnlyAccess"))]
    data_configs = [
        _config("data.aws_iam_policy.admin", {"name": {"constant_value": "AdministratorAccess"}}, mode="data"),
        _config("data.aws_iam_policy.power", {"arn": {"constant_value": "arn:aws:iam::aws:policy/PowerUserAccess"}},
                mode="data"),
        _config("data.aws_iam_policy.read", {"name": {"constant_value": "ReadOnlyAccess"}}, mode="data")]
    read_while_planning = {"address": "data.aws_iam_policy.power", "mode": "data", "type": "aws_iam_policy",
                           "name": "power", "provider_name": PROVIDER, "schema_version": 0, "sensitive_values": {},
                           "values": {"arn": "arn:aws:iam::aws:policy/PowerUserAccess", "name": "PowerUserAccess"}}
    plan = _plan([_ROLE_CHANGE, _function_change("api", "python3.13"), *attachments, *read_at_apply],
                 [_ROLE_CONFIG, _function_config("api"), *attachment_configs, *data_configs],
                 prior=[read_while_planning])
    result = _scan(tmp_path, {"plan.json": json.dumps(plan, indent=2)})
    assert result.errors == []
    assert _findings(result) == {(rule, f"aws_iam_role_policy_attachment.{name}")  # FG_09_03: admin invokes all
                                 for rule in ("FG_04_01", "FG_04_04", "FG_09_03") for name in ("admin", "power")}


def test_plan_runtime_of_a_container_image_function_is_ignored(tmp_path):
    plan = _plan([_ROLE_CHANGE, _function_change("image", "python3.8", "Image"), _function_change("zip", "python3.8")],
                 [_ROLE_CONFIG, _function_config("image"), _function_config("zip")])
    result = _scan(tmp_path, {"plan.json": json.dumps(plan, indent=2)})
    assert result.errors == []
    assert _findings(result) == {("FG_06_01", "aws_lambda_function.zip")}


# --------------------------------------------------------------------------- 7. partial unknowns


def test_policy_documents_with_unknown_parts_keep_their_known_parts(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + _function("api") + """
variable "extra_actions" {
  type = list(string)
}
resource "aws_s3_bucket" "exports" {
  bucket_prefix = "exports"
}
resource "aws_iam_role_policy" "encoded" {
  role   = aws_iam_role.lambda.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = aws_s3_bucket.exports.arn }] })
}
resource "aws_iam_role_policy" "heredoc" {
  role   = aws_iam_role.lambda.id
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "${aws_s3_bucket.exports.arn}/*"}]}
EOF
}
resource "aws_iam_role_policy" "unknown_actions" {
  role   = aws_iam_role.lambda.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", NotAction = var.extra_actions, Action = "s3:GetObject",
                                       Resource = aws_s3_bucket.exports.arn }] })
}
"""})
    assert result.errors == []
    # every action, on a bucket: admin, and every escalation method; no data access on "*"
    assert _findings(result) == {(rule, f"aws_iam_role_policy.{name}")
                                 for rule in ("FG_04_01", "FG_04_06") for name in ("encoded", "heredoc")}


# ------------------------------------------------------------------------------- 8. alternatives


def test_conditionals_are_branches_or_alternatives(tmp_path):
    result = _scan(tmp_path, {"main.tf": ROLE + """
variable "prod" {
  type = bool
}
variable "environment" {
  default = "prod"
}
variable "tracing_enabled" {
  default = false
}
resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.lambda.name
  policy_arn = var.prod ? "arn:aws:iam::aws:policy/PowerUserAccess" : "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.undecided.function_name
  authorization_type = var.prod ? "AWS_IAM" : "NONE"
}
""" + _function("undecided", '  tracing_config {\n    mode = var.prod ? "Active" : "PassThrough"\n  }')
        + _function("both_deprecated", runtime='var.prod ? "python3.8" : "nodejs16.x"')
        + _function("settled_by_default",
                    '  tracing_config {\n    mode = var.environment == "prod" ? "Active" : "PassThrough"\n  }')
        + _function("settled_off",
                    '  tracing_config {\n    mode = var.tracing_enabled ? "Active" : "PassThrough"\n  }')})
    assert result.errors == []
    assert _findings(result) == {
        ("FG_04_01", "aws_iam_role_policy_attachment.ops"),  # admin in both branches
        ("FG_04_04", "aws_iam_role_policy_attachment.ops"),  # broad in both branches
        ("FG_09_03", "aws_iam_role_policy_attachment.ops"),  # invokes every function in both branches
        ("FG_04_05", "aws_iam_role.lambda"),  # four functions share the role it attaches to
        ("FG_06_01", "aws_lambda_function.both_deprecated"),
        ("FG_05_01", "aws_lambda_function.settled_off"),
    }
    assert sorted((u.rule_id, u.resource) for u in result.undecided if u.reason == ALTERNATIVES_DISAGREE) == [
        # the URL may be open, and its function's role is admin in both branches: maybe an attack path
        ("FG_00_01", "aws_lambda_function_url.api"),
        ("FG_02_03", "aws_lambda_function_url.api"),
        ("FG_05_01", "aws_lambda_function.undecided"),
    ]


# ------------------------------------------------------------------------- 9. function roles (SAS-4)

_IAM_VIEW_NAMES = ("roles", "policy_statements", "managed_policies")


def _canonical(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def _python_iam_views(views) -> dict[str, list[dict]]:
    """The IAM views as the Rego model writes them (lists for tuples; no choice fields on plain values)."""
    def record(r) -> dict:
        fields = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(r).items()}
        return {k: v for k, v in fields.items() if not (k == "choice" and v == "" or k == "choices" and v == 1)}
    return {name: sorted((record(r) for r in getattr(views, name)), key=_canonical) for name in _IAM_VIEW_NAMES}


def _rego_iam_views(document: dict, tmp_path: Path) -> dict[str, list[dict]]:
    (tmp_path / "input.json").write_text(json.dumps(document))
    proc = subprocess.run([tool("opa"), "eval", "-f", "json", "--ignore", "*_test.rego", "-d", str(ROOT / "rego"),
                           "-i", str(tmp_path / "input.json"),
                           f"{{name: data.faasguard.model[name] | some name in {json.dumps(list(_IAM_VIEW_NAMES))}}}"],
                          capture_output=True, text=True, check=True)
    found = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    return {name: sorted(found[name], key=_canonical) for name in _IAM_VIEW_NAMES}


def _module_views(tmp_path: Path, text: str):
    """(Python views, the same IAM views from the Rego model) of a one-file module."""
    module = tmp_path / "module"
    module.mkdir()
    (module / "main.tf").write_text(text)
    document = load_module(module)[0].data
    views = hcl_views(document)
    python = _python_iam_views(views)
    assert python == _rego_iam_views(document, tmp_path)
    return views, python


def _statement(resource: str, actions: list[str], resources: list[str], roles: list[str], functions: list[str],
               effect: str = "Allow", not_actions=(), not_resources=()) -> dict:
    return {"resource": resource, "effect": effect, "actions": actions, "not_actions": list(not_actions),
            "iam_resources": resources, "iam_not_resources": list(not_resources), "roles": roles,
            "functions": functions}


_SAS4_MODULE = """
variable "bucket_arn" {
  type = string
}
variable "bucket_name" {
  default = "orders-archive"
}
resource "aws_s3_bucket" "uploads" {
  bucket_prefix = "uploads"
}
resource "aws_iam_policy" "boundary" {
  name   = "lambda-boundary"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

# shared: trusted through a policy document, used by two functions, a permissions boundary by reference
data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "shared" {
  name                 = "orders-shared"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = aws_iam_policy.boundary.arn
  inline_policy {
    name = "archive"
    policy = jsonencode({
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = [var.bucket_arn, "arn:aws:s3:::${var.bucket_name}/*", "${aws_s3_bucket.uploads.arn}/*"]
      }]
    })
  }
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.shared.arn
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.shared.arn
}

# spare: a heredoc trusting Lambda, no function yet; a policy document with not_resources, an AWS managed policy
resource "aws_iam_role" "spare" {
  name                 = "orders-spare"
  permissions_boundary = null
  assume_role_policy   = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
  "Principal": {"Service": ["edgelambda.amazonaws.com", "lambda.amazonaws.com"]}}]}
EOT
}
data "aws_iam_policy_document" "spare" {
  statement {
    actions       = ["dynamodb:*"]
    not_resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/audit"]
  }
  statement {
    effect    = "Deny"
    actions   = ["dynamodb:DeleteTable"]
    resources = [var.bucket_arn]
  }
}
resource "aws_iam_role_policy" "spare" {
  role   = aws_iam_role.spare.id
  policy = data.aws_iam_policy_document.spare.json
}
resource "aws_iam_role_policy_attachment" "spare_s3" {
  role       = aws_iam_role.spare.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
}

# ecs: not a function role; the policy it shares with shared names only shared
resource "aws_iam_role" "ecs" {
  name = "orders-ecs"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  inline_policy {
    name   = "ecs"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ecs:*", Resource = "*" }] })
  }
}
resource "aws_iam_policy" "queues" {
  name = "queues"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:*:*:*" }]
  })
}
resource "aws_iam_policy_attachment" "queues" {
  name       = "queues"
  roles      = [aws_iam_role.shared.name, aws_iam_role.ecs.name]
  policy_arn = aws_iam_policy.queues.arn
}

# unsettled: only apply settles whether Lambda may assume it
resource "aws_iam_role" "unsettled" {
  name               = "orders-unsettled"
  assume_role_policy = file("${path.module}/trust.json")
}
"""


def test_function_roles_and_what_reaches_them(tmp_path):
    views, python = _module_views(tmp_path, _SAS4_MODULE)
    functions = ["aws_lambda_function.api", "aws_lambda_function.worker"]
    assert python["roles"] == sorted([
        {"resource": "aws_iam_role.shared", "functions": functions, "permissions_boundary": True},
        {"resource": "aws_iam_role.spare", "functions": [], "permissions_boundary": False},
    ], key=_canonical)
    assert python["policy_statements"] == sorted([
        # var.bucket_arn could be anything (recorded below); the other entries name specific buckets
        _statement("aws_iam_role.shared", ["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::orders-archive/*"],
                   ["aws_iam_role.shared"], functions),
        _statement("aws_iam_policy.queues", ["sqs:SendMessage"], ["arn:aws:sqs:*:*:*"], ["aws_iam_role.shared"],
                   functions),
        _statement("aws_iam_role_policy.spare", ["dynamodb:*"], [], ["aws_iam_role.spare"], [],
                   not_resources=["arn:aws:dynamodb:us-east-1:123456789012:table/audit"]),
        _statement("aws_iam_role_policy.spare", ["dynamodb:DeleteTable"], [], ["aws_iam_role.spare"], [],
                   effect="Deny"),
    ], key=_canonical)
    assert python["managed_policies"] == [
        {"resource": "aws_iam_role_policy_attachment.spare_s3", "policy": "arn:aws:iam::aws:policy/AmazonS3FullAccess",
         "roles": ["aws_iam_role.spare"], "functions": []}]
    # a Resource that is wholly a variable without default (an Allow statement's) and an unsettled trust
    assert sorted((u.resource, u.view, u.why) for u in views.unknowns) == [
        ("aws_iam_role.shared", "policy_statements",
         "variable bucket_arn has no default and no value from a variables file or a module call"),
        ("aws_iam_role.unsettled", "roles", '${file("${path.module}/trust.json")} is evaluated at apply'),
    ]


def _plan_views(tmp_path: Path, plan: dict):
    views = plan_views(plan)
    python = _python_iam_views(views)
    assert python == _rego_iam_views(plan, tmp_path)
    return views, python


_LAMBDA_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]})


def test_plan_function_roles_and_what_reaches_them(tmp_path):
    """Trust from a known JSON, a document read while planning (prior_state) and one read at apply
    time (its statement blocks); a boundary known after apply; Resource entries unknown at plan time."""
    roles = {
        "applied": ({"name": "applied"}, {"assume_role_policy": True, "permissions_boundary": True, "arn": True}),
        "planned": ({"name": "planned", "assume_role_policy": _LAMBDA_TRUST, "permissions_boundary": None}, {}),
        "state": ({"name": "state", "assume_role_policy": _LAMBDA_TRUST.replace("lambda", "ecs-tasks")}, {}),
        "read": ({"name": "read", "permissions_boundary": "arn:aws:iam::123456789012:policy/boundary"},
                 {"assume_role_policy": True}),
    }
    changes = [_change(f"aws_iam_role.{n}", after, unknown) for n, (after, unknown) in roles.items()]
    configs = [_config("aws_iam_role.applied", {"assume_role_policy": _refs("data.aws_iam_policy_document.trust.json"),
                                                "permissions_boundary": _refs("aws_iam_policy.boundary.arn")}),
               _config("aws_iam_role.read", {"assume_role_policy": _refs("data.aws_iam_policy_document.state.json")})]
    trust = _change("data.aws_iam_policy_document.trust", {"statement": [
        {"effect": "Allow", "actions": ["sts:AssumeRole"], "resources": None,
         "principals": [{"type": "Service", "identifiers": ["lambda.amazonaws.com"]}]}]},
        {"json": True, "id": True}, mode="data", actions=("read",))
    policy = _change("data.aws_iam_policy_document.work", {"statement": [
        {"effect": "Allow", "actions": ["s3:GetObject"], "resources": [None, "arn:aws:s3:::*"]}]},
        {"json": True, "statement": [{"resources": [True, False]}]}, mode="data", actions=("read",))
    role_policy = _change("aws_iam_role_policy.work", {"role": "applied"}, {"policy": True, "id": True})
    state_document = {"address": "data.aws_iam_policy_document.state", "mode": "data",
                      "type": "aws_iam_policy_document", "name": "state", "provider_name": PROVIDER,
                      "schema_version": 0, "sensitive_values": {}, "values": {"json": _LAMBDA_TRUST}}
    plan = _plan([*changes, trust, policy, role_policy, _function_change("api", "python3.13")],
                 [*configs, _config("aws_iam_role_policy.work", {
                     "role": _refs("aws_iam_role.applied.id"),
                     "policy": _refs("data.aws_iam_policy_document.work.json")}),
                  _config("aws_lambda_function.api", {"role": _refs("aws_iam_role.state.arn")})],
                 prior=[state_document])
    views, python = _plan_views(tmp_path, plan)
    assert python["roles"] == sorted([
        {"resource": "aws_iam_role.applied", "functions": [], "permissions_boundary": True},
        {"resource": "aws_iam_role.planned", "functions": [], "permissions_boundary": False},
        {"resource": "aws_iam_role.read", "functions": [], "permissions_boundary": True},
        {"resource": "aws_iam_role.state", "functions": ["aws_lambda_function.api"], "permissions_boundary": False},
    ], key=_canonical)
    assert python["policy_statements"] == [
        _statement("aws_iam_role_policy.work", ["s3:GetObject"], ["arn:aws:s3:::*"], ["aws_iam_role.applied"], [])]
    assert views.unknowns == []


def test_for_each_attachments_attach_every_value(tmp_path):
    """`policy_arn = each.value` over a settled for_each attaches each value (a set, a map's values,
    a variable default); an unsettled for_each leaves the policies unknown."""
    result = _scan(tmp_path, {"main.tf": ROLE + _function("api") + """
variable "extra_policies" {
  default = { ops = "arn:aws:iam::aws:policy/PowerUserAccess" }
}
variable "pipeline_policies" {
  type = set(string)
}
resource "aws_iam_role_policy_attachment" "listed" {
  for_each   = toset(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"])
  role       = aws_iam_role.lambda.name
  policy_arn = each.value
}
resource "aws_iam_role_policy_attachment" "from_variable" {
  for_each   = var.extra_policies
  role       = aws_iam_role.lambda.name
  policy_arn = each.value
}
resource "aws_iam_role_policy_attachment" "read_only" {
  for_each   = { read = "arn:aws:iam::aws:policy/ReadOnlyAccess" }
  role       = aws_iam_role.lambda.name
  policy_arn = each.value
}
resource "aws_iam_role_policy_attachment" "from_pipeline" {
  for_each   = var.pipeline_policies
  role       = aws_iam_role.lambda.name
  policy_arn = each.value
}
"""})
    assert result.errors == []
    assert _findings(result) == {(rule, f"aws_iam_role_policy_attachment.{name}")  # FG_09_03: admin invokes all
                                 for rule in ("FG_04_01", "FG_04_04", "FG_09_03")
                                 for name in ("listed", "from_variable")}


_SAS4_CASES = sorted(p for pattern in ("FG_04_*/terraform/*", "FG_04_*/terraform_plan/*.json")
                     for p in (ROOT / "tests" / "fixtures").glob(pattern))


@pytest.mark.parametrize("case", _SAS4_CASES, ids=lambda p: f"{p.parents[1].name}/{p.parent.name}/{p.name}")
def test_sas4_fixtures_have_the_same_iam_views_in_both_engines(case, tmp_path):
    """Beyond the verdicts: the records of roles, statements and managed policies are identical."""
    for document in load_paths([str(case)]).documents:
        views = plan_views(document.data) if document.format == "terraform_plan" else hcl_views(document.data)
        assert _python_iam_views(views) == _rego_iam_views(document.data, tmp_path), document.path


def test_tags_written_as_a_list_of_another_shape_are_read_by_their_first_entry(tmp_path):
    """The loader writes a tags map as a one-element list; a list of another shape (Terraform rejects it)
    is known all the same: the keys of its first entry when that is a map, else no keys."""
    functions = {"empty": "tags = []", "listed": 'tags = [{ owner = "payments" }, {}]',
                 "scalars": 'tags = ["owner", "team"]'}
    module = ROLE + "".join(_function(name, body) for name, body in functions.items())
    (tmp_path / "main.tf").write_text(module)
    result = scan([str(tmp_path)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                               today=dt.date(2026, 12, 1),
                                               skip_check=tuple(r for r in catalog.rules() if r != "FG_11_06")))
    assert result.errors == []
    assert _findings(result) == {("FG_11_06", "aws_lambda_function.empty"), ("FG_11_06", "aws_lambda_function.scalars")}


def test_a_number_as_a_parameter_type_is_the_text_terraform_makes_of_it(tmp_path):
    """`type = 5` is the text "5" to Terraform: not SecureString, in both engines."""
    (tmp_path / "main.tf").write_text('resource "aws_ssm_parameter" "db" {\n  name  = "/app/db-password"\n'
                                      '  type  = 5\n  value = "x"\n}\n')
    result = scan([str(tmp_path)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                               today=dt.date(2026, 12, 1),
                                               skip_check=tuple(r for r in catalog.rules() if r != "FG_07_04")))
    assert result.errors == []
    assert _findings(result) == {("FG_07_04", "aws_ssm_parameter.db")}


def test_layers_of_another_shape_list_no_layer(tmp_path):
    """`layers` that is neither a list nor a string (Terraform rejects it) lists no layer, in both engines
    (a number crashed the Python reader, and a map was read by its keys); a single string is one layer."""
    foreign = "arn:aws:lambda:eu-west-1:999999999999:layer:tools:3"
    functions = {"number": "layers = 5", "mapped": f'layers = {{ tools = "{foreign}" }}', "single": f'layers = ["{foreign}"]'}
    (tmp_path / "main.tf").write_text(ROLE + "".join(_function(name, body) for name, body in functions.items()))
    result = scan([str(tmp_path)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                               today=dt.date(2026, 12, 1),
                                               skip_check=tuple(r for r in catalog.rules() if r != "FG_06_03")))
    assert result.errors == []
    assert _findings(result) == {("FG_06_03", "aws_lambda_function.single")}


def test_a_provider_alias_that_is_not_text_is_read_as_the_default_provider():
    """An `alias` of another shape (Terraform rejects it) names no provider: its default_tags are the
    default provider's, in both engines (found by the property-based tests)."""
    module = {"provider": {"aws": [{"alias": {"x": 1}, "default_tags": [{"tags": {"owner": "payments"}}]}]},
              "resource": {"aws_lambda_function": {"f": [{"function_name": "f", "runtime": "python3.13",
                                                           "handler": "h", "role": "r"}]}}}
    assert _both_engines(module, "FG_11_06") == (set(), set())


def _both_engines(module: dict, rule_id: str) -> tuple[set, set]:
    """(Python's, Rego's) findings of one rule on a module in the loader's shape."""
    python = {(v.rule_id, v.resource) for v in evaluate(build("terraform", module), Context(dt.date(2026, 12, 1)))
              if v.rule_id == rule_id}
    [rego] = rego_each_document([module], f'[[f.id, f.resource] | some f in data.faasguard.main.findings; f.id == "{rule_id}"]')
    return python, {tuple(f) for f in rego}


def test_tags_of_a_choice_between_texts_are_settled_at_deployment(tmp_path):
    """`tags = var.prod ? "a" : "b"` (Terraform rejects it: a text is not a map) is a choice of texts, never
    a map: tags only deployment settles, no required key reads missing, in both engines (Rego read the
    choice object's own keys and reported FG_11_06; found by the property-based tests)."""
    (tmp_path / "main.tf").write_text(ROLE + 'variable "prod" {}\n' + _function("f", 'tags = var.prod ? "a" : "b"'))
    module = load_module(tmp_path)[0].data
    assert _both_engines(module, "FG_11_06") == (set(), set())


def test_the_first_image_scanning_block_decides():
    """Two `image_scanning_configuration` blocks (Terraform allows one): the first decides, and a first
    block that leaves `scan_on_push` unset reads false, in both engines (Rego skipped to the second
    block's flag; found by the property-based tests)."""
    module = {"resource": {"aws_ecr_repository": {"r": [{"image_scanning_configuration": [
        {}, {"scan_on_push": True}]}]}}}
    assert _both_engines(module, "FG_06_04") == ({("FG_06_04", "aws_ecr_repository.r")},) * 2


@pytest.mark.parametrize("models", [[147], ['${var.prod ? "Orders" : "Empty"}']], ids=["number", "choice"])
def test_request_models_written_as_a_list_of_another_entry_name_no_model(models):
    """`request_models = [147]` or a list of a choice of texts (Terraform rejects both): a list is read by
    its first entry, no keys unless that is a map, so the body names no model and FG_01_01 reports it, in
    both engines (Rego read the list as unknown; found by the property-based tests)."""
    module = {"resource": {
        "aws_api_gateway_request_validator": {"v": [{"validate_request_body": True, "validate_request_parameters": True}]},
        "aws_api_gateway_method": {"m": [{"http_method": "POST", "authorization": "AWS_IAM", "request_models": models,
                                          "request_validator_id": "${aws_api_gateway_request_validator.v.id}"}]}}}
    assert _both_engines(module, "FG_01_01") == ({("FG_01_01", "aws_api_gateway_method.m")},) * 2


_SIGNED = {"aws_lambda_function": {"f": [{"function_name": "f", "runtime": "python3.13", "filename": "app.zip",
                                          "code_signing_config_arn": "${aws_lambda_code_signing_config.csc.arn}"}]}}


@pytest.mark.parametrize("policies, reported", [
    ([{"untrusted_artifact_on_deployment": "Enforce"}, {"untrusted_artifact_on_deployment": "Warn"}], False),
    ([{}, {"untrusted_artifact_on_deployment": "Enforce"}], True),
    ({"untrusted_artifact_on_deployment": "Enforce"}, False), ([{"untrusted_artifact_on_deployment": True}], True)],
    ids=["two blocks", "empty first block", "one map", "a boolean"])
def test_the_first_code_signing_policies_block_decides(policies, reported):
    """`policies` written twice (Terraform allows one block) is read by its first block, and a block written
    as a map (JSON syntax) is that block, and `true` is the text "true" (not Enforce), in both engines (two
    blocks of different policies made the Rego function conflict, an error for the whole document; Python
    read a map as unset, Warn; Rego gave a boolean no record; found by the property-based tests)."""
    module = {"resource": {**_SIGNED, "aws_lambda_code_signing_config": {"csc": [{"policies": policies}]}}}
    expected = {("FG_06_02", "aws_lambda_code_signing_config.csc")} if reported else set()
    assert _both_engines(module, "FG_06_02") == (expected, expected)
