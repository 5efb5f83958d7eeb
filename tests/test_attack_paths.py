"""Attack paths (FG_00_01, docs/attack-paths.md): the model's entry points and grant classes, the
`permissions` and `graph` commands on a SAM, a Serverless and a Terraform app (tests/attack_paths, their
output checked exactly), and the paths in the reports of a real scan (both engines)."""
from __future__ import annotations

import json

import pytest

from faasguard import cli
from faasguard.model import build
from faasguard.model.attack_paths import (ADMIN, DATA_UNSCOPED, ESCALATION, PUBLIC, SCOPED, SERVICE_WIDE,
                                          UNCLASSIFIED, attack_paths, entry_points, grants)
from faasguard.report import json_report, markdown_report, sarif_report, text_report
from faasguard.rules import Context, evaluate
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, tool
from tests.fixture_cases import all_cases
from tests.test_reports import _validate

APPS = ROOT / "tests" / "attack_paths"


def _sam(resources: dict) -> dict:
    return {"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
            "Resources": resources}


def _function(policies: list, events: dict | None = None, **properties) -> dict:
    body = {"Runtime": "python3.12", "Handler": "app.handler", "CodeUri": "src/", "Policies": policies, **properties}
    if events:
        body["Events"] = events
    return {"Type": "AWS::Serverless::Function", "Properties": body}


def _statement(effect: str, action, resource="*") -> dict:
    return {"Statement": [{"Effect": effect, "Action": action, "Resource": resource}]}


_OPEN_URL = {"FunctionUrlConfig": {"AuthType": "NONE"}}


def _paths(document: dict) -> set[tuple[str, str]]:
    """(function, its most dangerous grant on a path) per function with a path."""
    first = {}
    for path in attack_paths(build("sam", document)):  # most dangerous first
        first.setdefault(path.function, path.grant.level)
    return set(first.items())


def _levels(document: dict, function: str) -> set[str]:
    return {g.level for g in grants(build("sam", document)) if g.function == function}


# --- the model ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("policy, level", [
    (_statement("Allow", "*"), ADMIN),
    ({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}, ADMIN),
    ("AdministratorAccess", ADMIN),
    (_statement("Allow", "iam:PutRolePolicy"), ESCALATION),
    (_statement("Allow", ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
                "arn:aws:iam::123456789012:role/x"), ESCALATION),
    (_statement("Allow", "S3:*"), SERVICE_WIDE),
    ("AmazonS3FullAccess", SERVICE_WIDE),
    (_statement("Allow", ["dynamodb:GetItem", "dynamodb:PutItem"]), DATA_UNSCOPED),
    (_statement("Allow", "dynamodb:*", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"), SCOPED),
    ({"DynamoDBCrudPolicy": {"TableName": "orders"}}, SCOPED),
    ("arn:aws:iam::123456789012:policy/custom", UNCLASSIFIED),
])
def test_grant_classes(policy, level):
    document = _sam({"Fn": _function([policy], **_OPEN_URL)})
    assert level in _levels(document, "Fn")
    assert _paths(document) == ({("Fn", level)} if level in (ADMIN, ESCALATION, SERVICE_WIDE) else set())


def test_pass_role_on_a_named_role_alone_is_scoped():
    """An escalation method needs all its actions: iam:PassRole on one role without lambda:CreateFunction
    is no path."""
    document = _sam({"Fn": _function([_statement("Allow", "iam:PassRole", "arn:aws:iam::123456789012:role/x")],
                                     **_OPEN_URL)})
    assert _levels(document, "Fn") == {SCOPED}
    assert _paths(document) == set()


@pytest.mark.parametrize("deny, path", [
    ("dynamodb:*", False),  # covers the whole grant
    ("*", False),
    ("DynamoDB:Put*", True),  # covers a part: the rest of the service stays granted
])
def test_a_deny_on_every_resource_removes_what_it_covers(deny, path):
    document = _sam({"Fn": _function([_statement("Allow", "dynamodb:*"), _statement("Deny", deny)], **_OPEN_URL)})
    assert _paths(document) == ({("Fn", SERVICE_WIDE)} if path else set())


def test_a_deny_on_one_resource_removes_nothing():
    deny = _statement("Deny", "*", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
    document = _sam({"Fn": _function([_statement("Allow", "*"), deny], **_OPEN_URL)})
    assert _paths(document) == {("Fn", ADMIN)}


def test_an_admin_grant_stays_when_a_deny_covers_one_service():
    document = _sam({"Fn": _function([_statement("Allow", "*"), _statement("Deny", "iam:*")], **_OPEN_URL)})
    assert _paths(document) == {("Fn", ADMIN)}


@pytest.mark.parametrize("events, public", [
    ({"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get"}}}, True),
    ({"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get", "Auth": {"ApiKeyRequired": True}}}}, True),
    ({"Get": {"Type": "HttpApi", "Properties": {"Path": "/a", "Method": "get"}}}, True),
    ({"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "options"}}}, False),
    ({"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get",
                                            "Auth": {"Authorizer": "AWS_IAM"}}}}, False),
    ({"Queue": {"Type": "SQS", "Properties": {"Queue": "arn:aws:sqs:eu-west-1:123456789012:q"}}}, False),
])
def test_api_events_as_entry_points(events, public):
    document = _sam({"Fn": _function([_statement("Allow", "*")], events)})
    assert [e.public for e in entry_points(build("sam", document))] == [public]
    assert _paths(document) == ({("Fn", ADMIN)} if public else set())


def _permission(**properties) -> dict:
    return {"Type": "AWS::Lambda::Permission",
            "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, **properties}}


@pytest.mark.parametrize("permission, public", [
    (_permission(Principal="*"), True),
    (_permission(Principal="*", SourceAccount="123456789012"), False),
    (_permission(Principal="s3.amazonaws.com"), False),
    (_permission(Principal="*", Action="lambda:InvokeFunctionUrl", FunctionUrlAuthType="NONE"), True),
    (_permission(Principal="*", Action="lambda:InvokeFunctionUrl", FunctionUrlAuthType="AWS_IAM"), False),
])
def test_lambda_permissions_as_entry_points(permission, public):
    document = _sam({"Fn": _function([_statement("Allow", "*")]), "Invoke": permission})
    assert [(e.kind, e.public) for e in entry_points(build("sam", document))] == [("permission", public)]


def test_a_publicly_writable_trigger_source_is_an_entry_point():
    bucket_policy = {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Uploads"}, "PolicyDocument": {
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
                       "Resource": {"Fn::Sub": "${Uploads.Arn}/*"}}]}}}
    events = {"Upload": {"Type": "S3", "Properties": {"Bucket": {"Ref": "Uploads"}, "Events": "s3:ObjectCreated:*"}}}
    document = _sam({"Fn": _function(["AmazonDynamoDBFullAccess"], events),
                     "Uploads": {"Type": "AWS::S3::Bucket"}, "UploadsPolicy": bucket_policy})
    assert [(e.name, e.access) for e in entry_points(build("sam", document))] == [("s3 source Uploads", PUBLIC)]
    assert _paths(document) == {("Fn", SERVICE_WIDE)}


def test_alternatives_decide_only_when_they_agree():
    """An auth type NONE in one alternative of Fn::If is no path, and FG_00_01 notes it undecided."""
    url = {"FunctionUrlConfig": {"AuthType": {"Fn::If": ["Open", "NONE", "AWS_IAM"]}}}
    document = _sam({"Fn": _function([_statement("Allow", "*")], **url)})
    document["Conditions"] = {"Open": {"Fn::Equals": [{"Ref": "Stage"}, "dev"]}}
    document["Parameters"] = {"Stage": {"Type": "String"}}
    context = Context()
    assert [v for v in evaluate(build("sam", document), context, ["FG_00_01"])] == []
    assert {(u.rule_id, u.resource) for u in context.undecided} == {("FG_00_01", "Fn")}


@pytest.mark.parametrize("policy, noted", [(_statement("Allow", "*"), True),
                                           ({"DynamoDBReadPolicy": {"TableName": "orders"}}, False)])
def test_an_unsettled_entry_point_is_undecided_only_where_it_could_make_a_path(policy, noted):
    """A function URL whose auth type only deployment settles: FG_00_01 says so for an admin function, not
    for a scoped one (whose URL no value of the parameter makes a path)."""
    url = {"FunctionUrlConfig": {"AuthType": {"Ref": "AuthType"}}}
    document = _sam({"Fn": _function([policy], **url)})
    document["Parameters"] = {"AuthType": {"Type": "String"}}
    context = Context()
    assert evaluate(build("sam", document), context, ["FG_00_01"]) == []
    assert [(u.rule_id, u.resource, u.attribute) for u in context.undecided] == \
        ([("FG_00_01", "Fn", "auth_type")] if noted else [])


def test_the_rule_names_the_chain():
    document = _sam({"Fn": _function(["AdministratorAccess"], **_OPEN_URL)})
    [violation] = evaluate(build("sam", document), Context(), ["FG_00_01"])
    assert (violation.resource, violation.functions) == ("Fn", ("Fn",))
    assert violation.message == (
        "anyone can invoke Fn, whose role grants admin permissions: function URL (public) → function Fn → role Fn → "
        "AdministratorAccess (every action) (admin, AWS managed policy in Fn); close the entry point "
        "(authentication, a source condition) or scope the role to what the function uses")
    assert [step["step"] for step in violation.paths[0].steps()] == ["entry point", "function", "role", "grant"]


# --- permissions and graph, exactly -----------------------------------------------------------------------

def _cli(capsys, monkeypatch, *argv: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    code = cli.main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize("app", ["sam", "serverless", "terraform"])
def test_permissions_json(app, capsys, monkeypatch):
    code, out = _cli(capsys, monkeypatch, "permissions", f"tests/attack_paths/{app}", "--format", "json")
    assert code == 0
    assert json.loads(out) == json.loads((APPS / app / "permissions.json").read_text())


def test_permissions_text(capsys, monkeypatch):
    code, out = _cli(capsys, monkeypatch, "permissions", "tests/attack_paths/sam")
    assert (code, out) == (0, (APPS / "sam" / "permissions.txt").read_text())


def test_permissions_markdown(capsys, monkeypatch):
    code, out = _cli(capsys, monkeypatch, "permissions", "tests/attack_paths/terraform", "--format", "markdown")
    assert code == 0
    assert out.splitlines()[:9] == [
        "## faasguard permissions: 2 function(s), 1 publicly invocable, 1 with an attack path", "",
        "### aws\\_lambda\\_function.api", "", "tests/attack\\_paths/terraform/main.tf, role aws\\_iam\\_role.api", "",
        "**Attack paths**", "",
        "- function URL (public) → function aws\\_lambda\\_function.api → role aws\\_iam\\_role.api → "
        "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess (dynamodb:\\*, dax:\\* on every resource) (service-wide, AWS "
        "managed policy in aws\\_iam\\_role\\_policy\\_attachment.api\\_dynamodb)"]


@pytest.mark.parametrize("fmt, golden", [("mermaid", "graph.mmd"), ("dot", "graph.dot")])
def test_graph(fmt, golden, capsys, monkeypatch):
    code, out = _cli(capsys, monkeypatch, "graph", "tests/attack_paths/terraform", "--format", fmt)
    assert (code, out) == (0, (APPS / "terraform" / golden).read_text())


def test_permissions_fail_closed_on_a_broken_file(tmp_path, capsys, monkeypatch):
    (tmp_path / "good.yaml").write_text((APPS / "sam" / "template.yaml").read_text())
    (tmp_path / "broken.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["permissions", str(tmp_path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [e["file"] for e in report["errors"]] == ["broken.yaml"]
    assert [f["function"] for f in report["functions"]] == ["WebhookFunction", "OrdersFunction", "ImportFunction"]


# --- the reports of a scan (both engines) -----------------------------------------------------------------

@pytest.fixture(scope="module")
def sam_scan():
    return scan([str(APPS / "sam")], ScanOptions(check=("FG_00_01",)))


def test_scan_finds_the_path_with_both_engines(sam_scan):
    assert sam_scan.errors == []
    assert [(f.rule_id, f.resource, sorted(f.engines)) for f in sam_scan.findings] == [
        ("FG_00_01", "WebhookFunction", ["checkov", "rego"])]


def test_json_report_carries_the_path(sam_scan):
    [finding] = json.loads(json_report.render(sam_scan))["findings"]
    assert [[(s["step"], s["resource"]) for s in path] for path in finding["paths"]] == [[
        ("entry point", "WebhookFunction"), ("function", "WebhookFunction"), ("role", "WebhookFunction"),
        ("grant", "WebhookFunction")]]
    assert all(step["lines"][0] > 0 for step in finding["paths"][0])


def test_sarif_puts_the_chain_in_code_flows(sam_scan):
    log = json.loads(sarif_report.render(sam_scan))
    _validate(log)
    [result] = log["runs"][0]["results"]
    [flow] = result["codeFlows"]
    steps = flow["threadFlows"][0]["locations"]
    assert [s["location"]["message"]["text"].split(":")[0] for s in steps] == ["entry point", "function", "role",
                                                                               "grant"]
    assert flow["message"]["text"].startswith("function URL (public) → function WebhookFunction → ")


def test_text_and_markdown_show_the_chain(sam_scan):
    chain = ("function URL (public) → function WebhookFunction → role WebhookFunction → AdministratorAccess (every "
             "action) (admin, AWS managed policy in WebhookFunction)")
    assert f"path: {chain}" in text_report.render(sam_scan)
    markdown = markdown_report.render(sam_scan)
    assert "#### Attack paths" in markdown
    assert f"  - {markdown_report.escape(chain)}" in markdown


def test_the_merged_report_finds_exactly_the_expected_paths():
    """`faasguard scan` over every FG_00_01 fixture: the merged report holds exactly the expected
    functions, each found by both engines."""
    cases = [c for c in all_cases() if c.rule_id == "FG_00_01"]
    result = scan([str(c.path) for c in cases], ScanOptions(check=("FG_00_01",),
                                                            rego=RegoOptions("opa", tool("opa"))))
    assert result.errors == []
    found = {(str(c), f.resource, tuple(sorted(f.engines))) for f in result.findings for c in cases if c.holds(f.file)}
    assert found == {(str(c), resource, ("checkov", "rego")) for c in cases for resource in c.expected}
