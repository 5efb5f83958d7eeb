"""Terraform (HCL modules and plans) reads the same in both engines: existence (count / for_each),
override files, dynamic blocks, container images, linked types in the catalog, data sources, JSON
documents with unknown parts, and conditionals (docs/formats/terraform.md). Each case scans a small
module (or plan) with Checkov and Rego for real and asserts the exact findings."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from faasguard import catalog
from faasguard.model.terraform import CONDITIONAL, LINKS
from faasguard.rules.base import ALTERNATIVES_DISAGREE
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, tool

ROLE = """\
resource "aws_iam_role" "lambda" {
  name               = "orders-lambda"
  assume_role_policy = jsonencode({
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
                                         today=dt.date(2026, 12, 1)))


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
                                 ("FG_07_01", "aws_lambda_function.api")}
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
        ("FG_07_01", "aws_lambda_function.iterator"),
        ("FG_05_01", "aws_lambda_function.none_generated"),  # no block generated: tracing is absent
        ("FG_04_01", "aws_iam_role_policy.generated"),
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
    readers = {"function_urls": {"FG_02_03"}, "policy_statements": {"FG_04_01"}, "managed_policies": {"FG_04_01"}}
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
    assert _findings(result) == {("FG_04_01", "aws_iam_role_policy.debug"),
                                 ("FG_04_01", "aws_iam_role_policy_attachments_exclusive.lambda")}


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
    assert _findings(result) == {("FG_04_01", "aws_iam_role_policy_attachment.admin"),
                                 ("FG_04_01", "aws_iam_role_policy_attachment.power")}


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


_ROLE_CHANGE = _change("aws_iam_role.lambda", {"name": "orders-lambda", "path": "/"}, {"arn": True, "id": True})
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
    assert _findings(result) == {("FG_04_01", "aws_iam_role_policy_attachment.admin"),
                                 ("FG_04_01", "aws_iam_role_policy_attachment.power")}


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
    assert _findings(result) == {("FG_04_01", "aws_iam_role_policy.encoded"),
                                 ("FG_04_01", "aws_iam_role_policy.heredoc")}


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
        ("FG_06_01", "aws_lambda_function.both_deprecated"),
        ("FG_05_01", "aws_lambda_function.settled_off"),
    }
    assert sorted((u.rule_id, u.resource) for u in result.undecided if u.reason == ALTERNATIVES_DISAGREE) == [
        ("FG_02_03", "aws_lambda_function_url.api"),
        ("FG_05_01", "aws_lambda_function.undecided"),
    ]
