"""Terraform source read as Terraform reads it (docs/formats/terraform.md, "Which files are read"):
`.tf.json` files (Terraform's JSON syntax) merged with the module's other files, override files of
both syntaxes, and the root module's variables set by its variables files and `--var-file` in
`terraform plan`'s order. The cases run the real engines (Checkov and Rego, through `scan`, the CLI or
the checkov CLI) on tests/terraform_sources/ and assert exact outcomes."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from faasguard.inputs.document import InputError
from faasguard.inputs.load import load_paths
from faasguard.inputs.terraform import load_module
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, TODAY, run, tool

SOURCES = Path(__file__).parent / "terraform_sources"
JSON_MODULE, HCL_MODULE, TFVARS = SOURCES / "json_module", SOURCES / "hcl_module", SOURCES / "tfvars"
VAR_FILES = (str(TFVARS / "first.tfvars"), str(TFVARS / "second.tfvars.json"))
RULES = ("FG_04_01", "FG_05_01", "FG_06_01")  # verdicts that depend on the values the files settle

# json_module/ (and hcl_module/): api's runtime and tracing come from variable defaults, batch's tracing
# from a dynamic block over one, the admin policy from a local; override.tf.json gives worker a deprecated
# runtime (reported on worker's own block) and active tracing; the local module's runtime is the call's
MODULE_FINDINGS = {
    ("FG_04_01", "aws_iam_role_policy.admin"), ("FG_05_01", "aws_lambda_function.api"),
    ("FG_06_01", "aws_lambda_function.api"), ("FG_06_01", "aws_lambda_function.worker"),
    ("FG_05_01", "aws_lambda_function.batch"), ("FG_06_01", "module.legacy.aws_lambda_function.this")}
# tfvars/: deprecated_at_K is python3.8 at precedence level K (0 the default, 1 terraform.tfvars,
# 2 terraform.tfvars.json, 3 a.auto.tfvars.json, 4 b.auto.tfvars, 5 and 6 the --var-files), python3.13
# below it; current_at_K the reverse
WITHOUT_VAR_FILES = {f"aws_lambda_function.deprecated_at_{k}" for k in range(5)} | {
    "aws_lambda_function.current_at_5", "aws_lambda_function.current_at_6"}
WITH_VAR_FILES = {f"aws_lambda_function.deprecated_at_{k}" for k in range(7)}


def _scan(paths: list[Path], var_files: tuple[str, ...] = (), rules: tuple[str, ...] = RULES):
    return scan([str(p) for p in paths], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                                     today=dt.date.fromisoformat(TODAY), check=rules,
                                                     var_files=var_files))


def _findings(result) -> set[tuple[str, str]]:
    """The (rule, resource) findings, each found by both engines and placed on its block's first line."""
    assert [f for f in result.findings if f.engines != ["checkov", "rego"]] == []
    for finding in result.findings:
        first = Path(finding.file).read_text().splitlines()[finding.lines[0] - 1]
        assert f'"{finding.resource.rsplit(".", 1)[-1]}"' in first, (finding, first)
    return {(f.rule_id, f.resource) for f in result.findings}


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


OLD_FUNCTION = """
resource "aws_lambda_function" "old" {
  function_name = "old"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "app.handler"
  filename      = "app.zip"
  runtime       = var.runtime
}
"""


# ------------------------------------------------------------------------------ JSON syntax


def test_json_syntax_module_is_the_same_module_as_in_hcl():
    """The .tf.json module gives exactly the document and the findings of its .tf twin; each finding is on
    the lines of its block in the JSON file (worker's on its own block, not the override file's)."""
    json_loaded, hcl_loaded = load_paths([str(JSON_MODULE)]), load_paths([str(HCL_MODULE)])
    assert json_loaded.errors == hcl_loaded.errors == []
    assert [d.data for d in json_loaded.documents] == [d.data for d in hcl_loaded.documents]
    result = _scan([JSON_MODULE])
    assert result.errors == []
    assert _findings(result) == _findings(_scan([HCL_MODULE])) == MODULE_FINDINGS
    assert {(f.rule_id, f.resource): (Path(f.file).relative_to(JSON_MODULE).as_posix(), f.lines)
            for f in result.findings} == {
        ("FG_04_01", "aws_iam_role_policy.admin"): ("iam.tf.json", (13, 13)),
        ("FG_05_01", "aws_lambda_function.api"): ("main.tf.json", (14, 21)),
        ("FG_06_01", "aws_lambda_function.api"): ("main.tf.json", (14, 21)),
        ("FG_06_01", "aws_lambda_function.worker"): ("main.tf.json", (22, 30)),
        ("FG_05_01", "aws_lambda_function.batch"): ("main.tf.json", (31, 40)),
        ("FG_06_01", "module.legacy.aws_lambda_function.this"): ("modules/legacy/main.tf.json", (5, 12))}


def test_a_named_json_file_stands_for_its_module():
    named = load_paths([str(JSON_MODULE / "main.tf.json")])
    assert named.errors == []
    whole = load_paths([str(JSON_MODULE)])
    assert [(d.path, d.data) for d in named.documents] == [(d.path, d.data) for d in whole.documents]


def test_json_syntax_shapes_read_as_their_hcl(tmp_path):
    """Every block kind, comments (`//`), nested blocks as an object and as an array, several provider
    configurations, bare references (depends_on, provider, providers, iterator, ignore_changes, a type) and
    expressions give the document the same HCL gives."""
    hcl = _write(tmp_path / "hcl", {"main.tf": """
terraform {
  required_version = ">= 1.5"
}
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}
variable "names" {
  type    = list(string)
  default = ["a", "b"]
}
locals {
  prefix = "orders"
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
resource "aws_lambda_function" "f" {
  for_each      = toset(var.names)
  provider      = aws.east
  function_name = "${local.prefix}-${each.key}"
  runtime       = var.prod ? "python3.13" : "python3.8"
  tags          = { team = "orders" }
  environment {
    variables = { A = "b" }
  }
  vpc_config {
    subnet_ids = ["s-1"]
  }
  vpc_config {
    subnet_ids = ["s-2"]
  }
  dynamic "file_system_config" {
    for_each = var.efs
    iterator = fs
    content {
      arn = fs.value
    }
  }
  lifecycle {
    ignore_changes = [tags]
  }
  depends_on = [aws_iam_role.r]
}
output "arn" {
  value = aws_lambda_function.f["a"].arn
}
module "m" {
  source    = "./m"
  providers = { aws = aws.east }
  names     = var.names
}
"""})
    json_syntax = _write(tmp_path / "json", {"main.tf.json": json.dumps({
        "//": "a comment",
        "terraform": {"required_version": ">= 1.5"},
        "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "east", "region": "us-east-1"}]},
        "variable": {"names": {"type": "list(string)", "default": ["a", "b"]}},
        "locals": {"//": "a comment", "prefix": "orders"},
        "data": {"aws_iam_policy_document": {"assume": {"statement": {
            "actions": ["sts:AssumeRole"],
            "principals": [{"type": "Service", "identifiers": ["lambda.amazonaws.com"]}]}}}},
        "resource": {"aws_lambda_function": {"f": {
            "//": "a comment",
            "for_each": "${toset(var.names)}",
            "provider": "aws.east",
            "function_name": "${local.prefix}-${each.key}",
            "runtime": '${var.prod ? "python3.13" : "python3.8"}',
            "tags": {"team": "orders"},
            "environment": {"variables": {"A": "b"}},
            "vpc_config": [{"subnet_ids": ["s-1"]}, {"subnet_ids": ["s-2"]}],
            "dynamic": {"file_system_config": {"for_each": "${var.efs}", "iterator": "fs",
                                               "content": {"arn": "${fs.value}"}}},
            "lifecycle": {"ignore_changes": ["tags"]},
            "depends_on": ["aws_iam_role.r"]}}},
        "output": {"arn": {"value": '${aws_lambda_function.f["a"].arn}'}},
        "module": {"m": {"source": "./m", "providers": {"aws": "aws.east"}, "names": "${var.names}"}},
    }, indent=2)})
    assert load_module(json_syntax)[0].data == load_module(hcl)[0].data


def test_a_broken_json_file_is_an_error_naming_it_and_other_modules_are_scanned(tmp_path):
    """Fail closed: JSON that does not parse, an expression that does not parse, a block that is not an
    object; each module is an error naming its file, and the module beside them is still scanned."""
    _write(tmp_path, {
        "broken/main.tf.json": '{"resource": {\n  "aws_lambda_function": {\n',
        "expression/main.tf.json": '{"locals": {"a": "${var.x +}"}}',
        "shape/main.tf.json": '{"resource": {"aws_lambda_function": {"f": "python3.8"}}}',
        "good/main.tf": 'variable "runtime" {\n  default = "python3.8"\n}\n' + OLD_FUNCTION,
    })
    result = _scan([tmp_path], rules=("FG_06_01",))
    assert result.errors == [
        InputError(str(tmp_path / "broken"), "cannot parse JSON in main.tf.json: Expecting property name enclosed "
                                             "in double quotes: line 3 column 1 (char 42)"),
        InputError(str(tmp_path / "expression"), "main.tf.json: cannot parse the expression '${var.x +}': "
                                                 "Unexpected token Token('$END', '') at line 1, column 12."),
        InputError(str(tmp_path / "shape"),
                   "main.tf.json: resource aws_lambda_function f is not a block (a JSON object)"),
    ]
    assert _findings(result) == {("FG_06_01", "aws_lambda_function.old")}


# -------------------------------------------------------------------------- variables files


def test_a_named_variables_file_stands_for_its_module(tmp_path):
    """pre-commit hands over a changed terraform.tfvars alone: its module is scanned again; a variables
    file with no module beside it is not infrastructure as code (ignored with --skip-unknown)."""
    named = load_paths([str(TFVARS / "terraform.tfvars")], skip_unknown=True)
    whole = load_paths([str(TFVARS)])
    assert (named.errors, [d.data for d in named.documents]) == ([], [d.data for d in whole.documents])
    (tmp_path / "alone.tfvars").write_text('runtime = "python3.8"\n')
    alone = load_paths([str(tmp_path / "alone.tfvars")], skip_unknown=True)
    assert (alone.errors, alone.documents) == ([], [])


def test_variables_files_in_terraform_plan_order():
    """default < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) in name order <
    --var-file in order; `unset` stays unknown (undecided, no finding); `undeclared` (a value no variable
    takes) is left unused."""
    loaded = load_paths([str(TFVARS)], var_files=VAR_FILES)
    assert loaded.errors == []
    assert "undeclared" not in loaded.documents[0].data["variable"]
    for var_files, expected in [((), WITHOUT_VAR_FILES), (VAR_FILES, WITH_VAR_FILES)]:
        result = _scan([TFVARS], var_files, ("FG_06_01",))
        assert result.errors == []
        assert _findings(result) == {("FG_06_01", r) for r in expected}
        assert [(u.rule_id, Path(u.file).name, u.resource, u.attribute) for u in result.undecided] == [
            ("FG_06_01", "main.tf", "aws_lambda_function.unset", "runtime")]


def test_cli_var_file_gives_both_engines_the_same_values():
    proc = run([sys.executable, "-m", "faasguard", "scan", str(TFVARS), "--engine", "both", "--show-parity",
                "--var-file", VAR_FILES[0], "--var-file", VAR_FILES[1], "--check", "FG_06_01", "--today", TODAY,
                "--format", "json"])
    assert (proc.returncode, proc.stderr) == (1, "")
    report = json.loads(proc.stdout)
    assert report["errors"] == []
    assert {(f["resource"], tuple(f["engines"])) for f in report["findings"]} == {
        (r, ("checkov", "rego")) for r in WITH_VAR_FILES}
    missing = run([sys.executable, "-m", "faasguard", "scan", str(TFVARS), "--var-file", str(TFVARS / "none.tfvars")])
    assert (missing.returncode, missing.stderr.strip()) == (
        2, f"faasguard: --var-file {TFVARS / 'none.tfvars'}: no such file")


def test_variables_files_are_the_root_modules_only(tmp_path):
    """Terraform gives a called module's variables the call's arguments only: the variables files in its
    folder are not read (here they would make its runtime deprecated)."""
    _write(tmp_path, {
        "main.tf": 'module "child" {\n  source = "./child"\n}\n',
        "child/main.tf": 'variable "runtime" {\n  default = "python3.13"\n}\n' + OLD_FUNCTION,
        "child/terraform.tfvars": 'runtime = "python3.8"\n',
    })
    result = _scan([tmp_path], rules=("FG_06_01",))
    assert (result.errors, result.findings) == ([], [])


def test_a_broken_variables_file_is_an_error_naming_it_and_other_modules_are_scanned(tmp_path):
    """Fail closed: a variables file that does not parse, one that holds an expression (Terraform allows
    literal values only), a JSON one that is not an object, and a --var-file that does not parse."""
    _write(tmp_path, {
        "hcl/main.tf": 'variable "runtime" {}\n' + OLD_FUNCTION,
        "hcl/terraform.tfvars": "runtime = \n",
        "hcl/b.auto.tfvars": "runtime = var.other\n",
        "hcl/c.auto.tfvars.json": "[1]\n",
        "cli/main.tf": 'variable "runtime" {}\n' + OLD_FUNCTION,
        "cli.tfvars.json": '{"runtime": ',
        "good/main.tf": 'variable "runtime" {\n  default = "python3.8"\n}\n' + OLD_FUNCTION,
    })
    result = _scan([tmp_path / "hcl", tmp_path / "cli", tmp_path / "good"], (str(tmp_path / "cli.tfvars.json"),),
                   ("FG_06_01",))
    cli_error = "cannot parse JSON in cli.tfvars.json: Expecting value: line 1 column 13 (char 12)"
    assert result.errors == [
        InputError(str(tmp_path / "hcl"), "cannot parse HCL in terraform.tfvars: Unexpected token "
                                          "Token('_NEW_LINE_OR_COMMENT', '\\n\\n') at line 1, column 11.; "
                                          "b.auto.tfvars: runtime: not a literal value (a variables file allows "
                                          "no reference, function call or interpolation); "
                                          "c.auto.tfvars.json: not a JSON object of variable values; " + cli_error),
        InputError(str(tmp_path / "cli"), cli_error),
        # (the --var-file is read for every root module scanned)
        InputError(str(tmp_path / "good"), cli_error),
    ]


# ---------------------------------------------------------------------------- Checkov drop-in


def _checkov_failures(directory: Path, rules: tuple[str, ...], *options: str) -> dict[str, set[tuple[str, str]]]:
    """check type -> (check, resource) of faasguard's failed checks, from the real checkov CLI."""
    proc = run(["checkov", "-d", str(directory), "--external-checks-dir", str(ROOT / "checks"), "--check",
                ",".join(rules), "-o", "json", "--compact", "--quiet", *options])
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)
    return {report["check_type"]: {(r["check_id"], r["resource"]) for r in report["results"]["failed_checks"]}
            for report in (reports if isinstance(reports, list) else [reports])}


def test_checkov_cli_honours_var_file():
    """Checkov's `--var-file`s reach faasguard's checks (through its runner's filter); its reading of
    terraform.tfvars and *.auto.tfvars needs nothing from Checkov."""
    assert _checkov_failures(TFVARS, ("FG_06_01",)) == {"terraform": {("FG_06_01", r) for r in WITHOUT_VAR_FILES}}
    var_files = [option for path in VAR_FILES for option in ("--var-file", path)]
    assert _checkov_failures(TFVARS, ("FG_06_01",), *var_files) == {
        "terraform": {("FG_06_01", r) for r in WITH_VAR_FILES}}


def test_checkov_cli_reads_json_syntax_with_its_module():
    """Checkov's terraform runner reads the .tf.json files as part of their module (faasguard wraps its
    parser); its terraform_json runner, which reads each file alone, gets no verdict from the checks."""
    assert _checkov_failures(JSON_MODULE, RULES) == {"terraform": MODULE_FINDINGS}
