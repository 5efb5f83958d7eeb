"""Discovery, format detection, parsing (fail closed) and what the files themselves settle."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from faasguard.inputs import cfn_yaml
from faasguard.inputs.detect import detect
from faasguard.inputs.load import load_paths
from faasguard.model.cloudformation import merge_globals
from faasguard.model.serverless import Service
from faasguard.model.values import UNKNOWN
from tests.conftest import ROOT, run

SAM = """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          STAGE: !Ref Stage
          NAME: !Sub "${AWS::StackName}-fn"
          PICK: !If [IsProd, !Ref Stage, !GetAtt Role.Arn]
          B64: !Base64 abc
          JOINED: !Join [",", [a, b]]
          MAPPED: !FindInMap [M, K, V]
          IMPORTED: !ImportValue shared-arn
          SELECTED: !Select [0, !GetAZs ""]
"""


def test_short_tags_become_long_form():
    data, _ = cfn_yaml.load(SAM)
    props = data["Resources"]["Fn"]["Properties"]
    assert props["Role"] == {"Fn::GetAtt": ["Role", "Arn"]}
    variables = props["Environment"]["Variables"]
    assert variables["STAGE"] == {"Ref": "Stage"}
    assert variables["NAME"] == {"Fn::Sub": "${AWS::StackName}-fn"}
    assert variables["PICK"] == {"Fn::If": ["IsProd", {"Ref": "Stage"}, {"Fn::GetAtt": ["Role", "Arn"]}]}
    assert variables["B64"] == {"Fn::Base64": "abc"}
    assert variables["JOINED"] == {"Fn::Join": [",", ["a", "b"]]}
    assert variables["MAPPED"] == {"Fn::FindInMap": ["M", "K", "V"]}
    assert variables["IMPORTED"] == {"Fn::ImportValue": "shared-arn"}
    assert variables["SELECTED"] == {"Fn::Select": [0, {"Fn::GetAZs": ""}]}


def test_yaml_loader_is_safe():
    hostile = "a: !!python/object/apply:os.system ['echo pwned']\n"
    try:
        cfn_yaml.load(hostile)
    except yaml.YAMLError:
        return
    raise AssertionError("a python/object tag was accepted")


@given(st.recursive(
    st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(min_size=1, max_size=6), children, max_size=3)),
    max_leaves=12,
))
def test_plain_yaml_loads_as_safe_load_does(value):
    text = yaml.safe_dump({"root": value})
    assert cfn_yaml.load(text)[0] == yaml.safe_load(text)


def _tree(node):
    """A composed node as plain data: kind, tag, value and both marks (the line numbers reports use)."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        value = [[_tree(key), _tree(item)] for key, item in node.value]
    elif isinstance(node, yaml.SequenceNode):
        value = [_tree(item) for item in node.value]
    else:
        value = node.value
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    return type(node).__name__, node.tag, marks, value


def _read_with(loader_class, text: str):
    try:
        value, node = cfn_yaml._load(loader_class, text, None)
        return value, _tree(node)
    except (yaml.YAMLError, cfn_yaml.LimitError) as exc:
        return "refused", type(exc).__name__


REPO_YAML = sorted(p for folder in ("examples", "tests/fixtures", "tests/hostile")
                   for p in (ROOT / folder).rglob("*") if p.suffix in (".yaml", ".yml"))


def test_libyaml_reads_every_template_as_the_python_parser_does():
    """The libyaml loader (the fast path) gives the same values, nodes and line marks as the pure-Python
    one on every YAML file of the repository, and a text it refuses is read again by the Python parser,
    so refusals read the same too."""
    assert yaml.__with_libyaml__ and cfn_yaml._LOADER is cfn_yaml.CfnFastLoader
    assert len(REPO_YAML) > 300
    for path in REPO_YAML:
        text = path.read_text(encoding="utf-8", errors="replace")
        fast = _read_with(cfn_yaml.CfnFastLoader, text)
        if fast[0] == "refused":
            continue  # load() reads a refused text again with CfnSafeLoader (next test)
        assert fast == _read_with(cfn_yaml.CfnSafeLoader, text), path


def test_a_text_libyaml_refuses_is_refused_as_the_python_parser_words_it():
    deep = "a: " + "[" * 500 + "]" * 500 + "\n"
    for text, reason in ((deep, "nested more than 100 levels deep"), ("a: [1, 2\n", "expected ',' or ']'")):
        try:
            cfn_yaml.load(text)
        except (yaml.YAMLError, cfn_yaml.LimitError) as exc:
            python_reason = str(exc) if isinstance(exc, cfn_yaml.LimitError) else cfn_yaml.error_reason(exc)
            assert reason in python_reason
        else:
            raise AssertionError(f"accepted {text[:20]!r}")


@given(st.recursive(
    st.one_of(st.text(max_size=8), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(min_size=1, max_size=6), children, max_size=3)),
    max_leaves=12,
), st.sampled_from([None, "plain", "'", '"', "|", ">"]), st.booleans())
def test_libyaml_and_python_loaders_agree_on_generated_yaml(value, style, flow):
    text = yaml.safe_dump({"root": value, "ref": {"x": value}}, default_style=style if style != "plain" else None,
                          default_flow_style=flow, allow_unicode=True)
    text = text.replace("ref:", "ref: !Ref", 1) if not flow else text
    assert _read_with(cfn_yaml.CfnFastLoader, text) == _read_with(cfn_yaml.CfnSafeLoader, text)


def test_detects_every_format():
    assert detect({"format_version": "1.2", "planned_values": {}}) == "terraform_plan"
    assert detect({"Resources": {}}) == "cloudformation"
    assert detect({"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}) == "sam"
    assert detect({"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"], "Resources": {}}) == "sam"
    assert detect({"service": "s", "provider": {"name": "aws"}}) == "serverless"
    assert detect({"resource": {}}) == "terraform"
    assert detect({"name": "package", "version": "1.0.0"}) is None


def test_discovery_skips_tool_folders_and_unrelated_files(tmp_path: Path):
    for skipped in (".terraform/modules/x", "node_modules/pkg", ".git/x", ".aws-sam/build"):
        folder = tmp_path / skipped
        folder.mkdir(parents=True)
        (folder / "template.yaml").write_text(SAM)
        (folder / "main.tf").write_text('resource "aws_lambda_function" "f" {}\n')
    (tmp_path / "package.json").write_text('{"name": "app"}')
    (tmp_path / "chart.yaml").write_text("replicas: {{ .Values.n }}\n")
    (tmp_path / "template.yaml").write_text(SAM)
    loaded = load_paths([str(tmp_path)])
    assert [(d.format, Path(d.path).name) for d in loaded.documents] == [("sam", "template.yaml")]
    assert loaded.errors == []


def test_broken_files_are_errors_and_the_rest_is_still_scanned(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(SAM)
    (tmp_path / "broken.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources: [unclosed\n")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text('resource "aws_lambda_function" "f" {\n')
    (tmp_path / "plan.json").write_text('{"terraform_version": "1.9.0", "planned_values": ')
    (tmp_path / "template.json").write_text('{"Resources": {"Fn": {"Type": "AWS::Lambda::Function",}}}')
    loaded = load_paths([str(tmp_path)])
    assert [Path(d.path).name for d in loaded.documents] == ["good.yaml"]
    assert sorted(Path(e.file).name for e in loaded.errors) == ["broken.yaml", "plan.json", "template.json", "tf"]
    assert all(e.message.startswith("cannot parse") for e in loaded.errors)


def test_named_files_that_are_not_templates_are_errors(tmp_path: Path):
    other = tmp_path / "package.json"
    other.write_text('{"name": "app"}')
    loaded = load_paths([str(other), str(tmp_path / "missing.yaml")])
    assert [e.message for e in loaded.errors] == [
        "not a CloudFormation, SAM, Serverless Framework or Terraform plan file",
        "no such file or directory",
    ]


def test_scan_exits_2_on_errors_and_still_reports_findings(tmp_path: Path):
    (tmp_path / "template.yaml").write_text(SAM.replace("python3.12", "python3.8"))
    (tmp_path / "broken.yaml").write_text("Resources:\n  X: [\n")
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--engine", "checkov", "--format", "json"])
    assert proc.returncode == 2, proc.stderr
    report = json.loads(proc.stdout)
    assert [e["file"].endswith("broken.yaml") for e in report["errors"]] == [True]
    assert ("FG_06_01", "Fn") in {(f["rule_id"], f["resource"]) for f in report["findings"]}


def test_resource_line_ranges(tmp_path: Path):
    (tmp_path / "template.yaml").write_text(SAM)
    document = load_paths([str(tmp_path / "template.yaml")]).documents[0]
    location = document.locations["Fn"]
    assert (location.start, location.end) == (5, 21)


def test_serverless_variables():
    service = Service({
        "service": "orders",
        "custom": {"runtime": "python3.12", "alias": "${self:custom.runtime}", "tracing": {"lambda": True}},
        "provider": {"name": "aws"},
    })
    assert service.resolve("${self:custom.alias}") == "python3.12"
    assert service.resolve("${self:custom.tracing}") == {"lambda": True}
    assert service.resolve("${opt:stage, 'dev'}") == "dev"
    assert service.resolve('${sls:stage, "prod"}') == "prod"
    assert service.resolve("${self:custom.missing, 'fallback'}") == "fallback"
    assert service.resolve("${env:DB_PASSWORD}") is UNKNOWN
    assert service.resolve("${ssm:/orders/db-password}") is UNKNOWN
    assert service.resolve("${self:service}-${opt:stage}") is UNKNOWN
    assert service.resolve("plain") == "plain"


def test_sam_globals_merge_like_sam():
    globals_ = {"Runtime": "python3.12", "Environment": {"Variables": {"A": "1", "B": "2"}}, "Layers": ["g"],
                "Tracing": {"Ref": "TracingMode"}}
    local = {"Environment": {"Variables": {"B": "local"}}, "Layers": ["l"], "Tracing": "Active"}
    assert merge_globals(globals_, local) == {
        "Runtime": "python3.12",
        "Environment": {"Variables": {"A": "1", "B": "local"}},
        "Layers": ["g", "l"],
        "Tracing": "Active",
    }
    assert merge_globals({"Variables": {"A": "1"}}, {"Fn::If": ["c", {}, {}]}) == {"Fn::If": ["c", {}, {}]}


def test_terraform_settles_variables_locals_and_jsonencode(tmp_path: Path):
    (tmp_path / "variables.tf").write_text('variable "runtime" {\n  default = "python3.9"\n}\nvariable "secret" {}\n')
    (tmp_path / "main.tf").write_text("""\
locals {
  name = "orders"
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = aws_s3_bucket.b.arn }] })
}
resource "aws_lambda_function" "f" {
  function_name = "${local.name}-api"
  runtime       = var.runtime
  environment {
    variables = { TOKEN = var.secret }
  }
}
""")
    document = load_paths([str(tmp_path)]).documents[0]
    function = document.data["resource"]["aws_lambda_function"]["f"][0]
    assert function["runtime"] == "python3.9"
    assert function["function_name"] == "orders-api"
    assert function["environment"][0]["variables"] == [{"TOKEN": "${var.secret}"}]
    policy = document.data["resource"]["aws_iam_role_policy"]["p"][0]
    assert json.loads(policy["policy"]) == {
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${aws_s3_bucket.b.arn}"}]
    }
    assert policy["role"] == "${aws_iam_role.r.id}"


def test_serverless_functions_from_includes_are_read(tmp_path: Path):
    (tmp_path / "serverless.yml").write_text(
        "service: inc\nprovider:\n  name: aws\n  runtime: python3.8\nfunctions: ${file(./functions.yml)}\n")
    (tmp_path / "functions.yml").write_text("hello:\n  handler: h.h\n  tracing: Active\n")
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--format", "json"])
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["errors"] == []
    # the included function is judged (its log group, alarms, code signing, concurrency, invocation path and
    # tags) beside the provider (its role, runtime and versions)
    both = ["checkov", "rego"]
    assert [(f["rule_id"], f["resource"], sorted(f["engines"])) for f in report["findings"]] == [
        ("FG_05_02", "hello", both), ("FG_05_06", "hello", both), ("FG_06_02", "hello", both),
        ("FG_08_01", "hello", both), ("FG_11_03", "hello", both), ("FG_11_06", "hello", both),
        ("FG_04_07", "provider", both), ("FG_06_01", "provider", both), ("FG_11_01", "provider", both),
        ("FG_11_05", "provider", both)]


def test_serverless_functions_faasguard_cannot_read_are_an_error_not_a_pass(tmp_path: Path):
    (tmp_path / "serverless.yml").write_text(
        "service: inc\nprovider:\n  name: aws\n  runtime: python3.8\nfunctions: ${file(./functions.js)}\n")
    (tmp_path / "functions.js").write_text("module.exports = {hello: {handler: 'h.h'}};\n")
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--format", "json"])
    assert proc.returncode == 2, proc.stderr
    report = json.loads(proc.stdout)
    assert [e["message"] for e in report["errors"]] == [
        "`functions` is not readable (an include faasguard cannot read, or not a map); those functions were not checked"
    ]


def test_a_crashing_engine_leaves_every_document_an_error(tmp_path: Path, monkeypatch):
    from faasguard.engines import checkov_engine
    from faasguard.scan import ScanOptions, scan

    (tmp_path / "template.yaml").write_text(SAM)

    def crash(documents, *options):
        raise RuntimeError("boom")

    monkeypatch.setattr(checkov_engine, "run", crash)
    result = scan([str(tmp_path)], ScanOptions(engines=("checkov",)))
    assert result.findings == []
    assert [e.message for e in result.errors] == ["checkov engine failed: boom"]


def test_a_template_checkov_drops_is_an_error(tmp_path: Path):
    """Checkov rejects a template with a `.` in a logical id; that must not read as a pass."""
    (tmp_path / "template.yaml").write_text(SAM.replace("Resources:\n", "Resources:\n  Odd.Name:\n    Type: AWS::SNS::Topic\n"))
    proc = run([sys.executable, "-m", "faasguard", "scan", str(tmp_path), "--engine", "checkov", "--format", "json"])
    assert proc.returncode == 2
    assert [e["file"].endswith("template.yaml") for e in json.loads(proc.stdout)["errors"]] == [True]


def test_plan_of_an_unknown_format_version_is_an_error(tmp_path: Path):
    plan = tmp_path / "plan.json"
    plan.write_text('{"format_version": "2.0", "terraform_version": "2.0.0", "planned_values": {}}')
    loaded = load_paths([str(plan)])
    assert loaded.documents == []
    assert [e.message for e in loaded.errors] == ["unsupported Terraform plan format_version 2.0 (1.x is understood)"]


def test_terraform_json_syntax_is_read_as_its_module(tmp_path: Path):
    """(tests/test_terraform_sources.py holds the cases of Terraform's JSON syntax)"""
    (tmp_path / "main.tf.json").write_text('{"resource": {"aws_lambda_function": {"f": {"runtime": "python3.8"}}}}')
    loaded = load_paths([str(tmp_path)])
    assert loaded.errors == []
    assert [(d.format, d.data["resource"]) for d in loaded.documents] == [
        ("terraform", {"aws_lambda_function": {"f": [{"runtime": "python3.8"}]}})]


def test_plan_resources_are_located_at_the_first_line_naming_them(tmp_path):
    """One pass over the plan text: each resource change's address at its first appearance, escaped
    addresses (for_each keys) included; an address the text never writes has no line."""
    from faasguard.inputs.load import _plan_locations

    keyed = 'aws_lambda_function.f["a\\"b"]'
    text = "\n".join([
        "{", '  "planned_values": {"root_module": {"resources": [', f'    {{"address": {json.dumps(keyed)}}},',
        '    {"address":"aws_iam_role.r"}', "  ]}},", '  "resource_changes": [',
        f'    {{"address": {json.dumps(keyed)}}},', '    {"address": "aws_iam_role.r"}', "  ]", "}"])
    data = json.loads(text)
    data["resource_changes"].append({"address": "aws_sqs_queue.q"})
    located = _plan_locations(text, data, "plan.json")
    assert {a: (l.start, l.end) for a, l in located.items()} == {
        keyed: (3, 3), "aws_iam_role.r": (4, 4), "aws_sqs_queue.q": (0, 0)}
