"""A serverless.yml read as the Serverless Framework reads it, the same in both engines: `${file(...)}`
includes, empty function entries, provider and function tracing, `functions` as a list, and the function
roles with the policies that reach them (docs/formats/serverless.md). Most tests write a small service
and scan it with the Checkov and the Rego engine for real; the role tests read the views of both."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

import pytest

from faasguard.results import ScanResult
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import LATER_COVERAGE, ROOT, run, tool

BOTH = ["checkov", "rego"]
EMPTY_FUNCTION = "its entry under `functions` is empty, and the Serverless Framework deploys no function for it"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _scan(path: Path) -> ScanResult:
    return scan([str(path)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                         today=dt.date(2026, 12, 1), skip_check=LATER_COVERAGE))


# The shared role the Framework generates has no permissions boundary unless the service sets one:
# FG_04_07 (INFO) reports it on `provider` in every service below that uses that role.
NO_BOUNDARY = ("FG_04_07", "provider")


def _found(result: ScanResult) -> set[tuple[str, str]]:
    """(rule, resource) of every finding, each found by both engines."""
    assert [f for f in result.findings if f.engines != BOTH] == []
    return {(f.rule_id, f.resource) for f in result.findings}


def _messages(result: ScanResult) -> list[str]:
    return [e.message for e in result.errors]


# ---- case 1: ${file(...)} includes, for any key -------------------------------------------------

def test_provider_from_an_include_is_read(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: billing\nprovider: ${file(./provider.yml)}\n"
                          "functions:\n  invoice:\n    handler: invoice.handler\n",
        "provider.yml": "name: aws\nruntime: python3.8\nstage: prod\n"
                        "environment:\n  DB_PASSWORD: s3cr3t-passw0rd\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "provider"), ("FG_07_01", "provider"), ("FG_05_01", "invoice"),
                              ("FG_07_03", "invoice")}  # the provider's environment, no KMS key


def test_custom_from_a_json_include_settles_self_values(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: billing\ncustom: ${file(vars.json)}\n"
                          "provider:\n  name: aws\n  runtime: ${self:custom.runtime}\n"
                          "  tracing:\n    lambda: ${self:custom.tracing}\n"
                          "functions:\n  invoice:\n    handler: invoice.handler\n"
                          "    environment:\n      API_KEY: ${self:custom.apiKey}\n",
        "vars.json": json.dumps({"runtime": "nodejs16.x", "tracing": "PassThrough", "apiKey": "k-9f8e7d6c5b4a"}),
    })
    result = _scan(tmp_path)
    assert result.errors == []
    # the key is a literal of `custom` (FG_07_07) in a function environment without a KMS key (FG_07_03)
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "provider"), ("FG_05_01", "provider"), ("FG_07_01", "invoice"),
                              ("FG_07_07", "invoice"), ("FG_07_03", "invoice")}


def test_functions_from_a_whole_map_include(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: inc\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "functions: ${file(./functions.yml)}\n",
        "functions.yml": "hello:\n  handler: h.hello\n  url: true\n"
                         "world:\n  handler: h.world\n  tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "hello"), ("FG_02_03", "hello")}


def test_single_function_includes_with_and_without_address(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: shop\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "  tracing:\n    lambda: true\n"
                          "functions:\n"
                          "  cart:\n    handler: cart.handler\n"
                          "  checkout: ${file(./functions/checkout.yml)}\n"
                          "  refund: ${file(./config.yml):functions.refund}\n",
        "functions/checkout.yml": "handler: checkout.handler\nruntime: nodejs14.x\n",
        "config.yml": "functions:\n  refund:\n    handler: refund.handler\n    tracing: PassThrough\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "checkout"), ("FG_05_01", "refund")}
    # both engines point at the line of the function's key in serverless.yml
    assert {f.resource: f.lines for f in result.findings if f.resource != "provider"} == \
        {"checkout": (10, 10), "refund": (11, 11)}


def test_a_list_of_function_includes_is_merged(tmp_path):
    """As the Framework merges it (Checkov alone fails on a list whose first item is a JSON include)."""
    _write(tmp_path, {
        "serverless.yml": "service: shop\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "functions:\n  - ${file(./functions/users.json)}\n  - ${file(./functions/orders.yml)}\n",
        "functions/orders.yml": "create:\n  handler: o.create\n  tracing: Active\n"
                                "delete:\n  handler: o.delete\n  runtime: go1.x\n  tracing: Active\n",
        "functions/users.json": json.dumps({"signup": {"handler": "u.signup", "tracing": "Active", "url": True}}),
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "delete"), ("FG_02_03", "signup")}


def test_environment_block_from_a_json_include_with_address(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "  tracing:\n    lambda: true\n"
                          "functions:\n  api:\n    handler: api.handler\n"
                          "    environment: ${file(./env.json):prod}\n",
        "env.json": json.dumps({"prod": {"STRIPE_KEY": "sk_live_0123456789abcdefghij"}, "dev": {"LOG": "debug"}}),
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_07_01", "api"), ("FG_07_03", "api")}


def test_resources_include_is_resolved_in_the_document_both_engines_read(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "functions:\n  api:\n    handler: api.handler\n    tracing: true\n"
                          "resources: ${file(./resources.yml)}\n",
        "resources.yml": "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    [document] = [d for d in result.documents if d.format == "serverless"]
    assert document.data["resources"] == {"Resources": {"Table": {"Type": "AWS::DynamoDB::Table"}}}
    assert document.files == (str(tmp_path / "serverless.yml"), str(tmp_path / "resources.yml"))


def test_nested_includes_are_relative_to_the_service_directory(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider: ${file(./config/provider.yml)}\n"
                          "functions:\n  api:\n    handler: api.handler\n",
        "config/provider.yml": "name: aws\nruntime: python3.13\ntracing: ${file(./config/tracing.yml)}\n",
        "config/tracing.yml": "lambda: PassThrough\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "provider")}


def test_include_fallbacks_and_includes_faasguard_does_not_read(tmp_path):
    """A missing file with a fallback takes the fallback; a `.js` include or a path built from another
    variable is unknown, not an error (and never a finding)."""
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n"
                          "  runtime: ${file(./missing.yml):runtime, 'nodejs16.x'}\n"
                          "  tracing: ${file(./stages/${opt:stage, 'dev'}.yml):tracing}\n"
                          "  environment: ${file(./env.js):variables}\n"
                          "functions:\n  api:\n    handler: api.handler\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "provider")}


def test_functions_sharing_one_included_map_are_each_labelled_for_checkov():
    """Checkov caches an included file: two functions including it share one map."""
    from faasguard.checkov_checks import FUNCTION_LABEL, _label_functions

    shared = {"handler": "h.h"}
    template = {"functions": {"a": shared, "b": shared, "__startline__": 3}}
    _label_functions(template, "serverless.yml")
    assert [template["functions"][k][FUNCTION_LABEL] for k in ("a", "b")] == ["a", "b"]


SERVICE_WITH = ("service: api\nprovider:\n  name: aws\n  runtime: python3.13\n"
                "custom:\n  settings: {include}\n"
                "functions:\n  api:\n    handler: api.handler\n")


@pytest.mark.parametrize("include, files, reason", [
    ("${file(../outside.yml)}", {}, "../outside.yml is outside the directory of serverless.yml"),
    ("${file(./missing.yml)}", {}, "missing.yml does not exist"),
    ("${file(./bad.yml)}", {"bad.yml": "a: [unclosed\n"}, "cannot parse bad.yml: while parsing a flow sequence"),
    ("${file(./vars.json):prod}", {"vars.json": '{"dev": 1}'}, "prod is not set in the file"),
], ids=["outside", "missing", "does-not-parse", "address-not-set"])
def test_an_include_that_cannot_be_read_is_an_error_naming_both_files(tmp_path, include, files, reason):
    service = _write(tmp_path / "svc", {"serverless.yml": SERVICE_WITH.format(include=include), **files})
    (tmp_path / "outside.yml").write_text("a: 1\n")
    result = _scan(service)
    assert _messages(result) == [f"cannot include {include} in serverless.yml: {reason}"]
    assert [e.file for e in result.errors] == [str(service / "serverless.yml")]
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "api")}  # the rest of the service is still checked


def test_an_include_through_a_link_out_of_the_tree_is_an_error(tmp_path):
    service = _write(tmp_path / "svc", {"serverless.yml": SERVICE_WITH.format(include="${file(./shared.yml)}")})
    (tmp_path / "shared.yml").write_text("a: 1\n")
    os.symlink(tmp_path / "shared.yml", service / "shared.yml")
    result = _scan(service)
    assert _messages(result) == [
        f"cannot include ${{file(./shared.yml)}} in serverless.yml: ./shared.yml is a link to {tmp_path / 'shared.yml'}, "
        "outside the directory of serverless.yml"]
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "api")}


def test_an_include_cycle_is_an_error_and_checkov_still_runs(tmp_path):
    _write(tmp_path, {
        "serverless.yml": SERVICE_WITH.format(include="${file(./a.yml)}"),
        "a.yml": "b: ${file(./b.yml)}\n",
        "b.yml": "a: ${file(./a.yml)}\n",
    })
    result = _scan(tmp_path)
    assert _messages(result) == [
        "cannot include ${file(./a.yml)} in b.yml: includes form a cycle: a.yml -> b.yml -> a.yml"]
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "api")}


def test_nested_includes_are_bounded(tmp_path):
    chain = {f"n{i}.yml": f"next: ${{file(./n{i + 1}.yml)}}\n" for i in range(12)}
    _write(tmp_path, {"serverless.yml": SERVICE_WITH.format(include="${file(./n0.yml)}"), **chain})
    result = _scan(tmp_path)
    assert _messages(result) == ["cannot include ${file(./n10.yml)} in n9.yml: more than 10 nested includes"]
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "api")}


def test_functions_behind_an_include_faasguard_cannot_read_are_an_error(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: nodejs16.x\n"
                          "functions:\n  api:\n    handler: api.handler\n    tracing: true\n"
                          "  jobs: ${file(./jobs.js):functions}\n  gone: ${file(./gone.yml)}\n",
    })
    result = _scan(tmp_path)
    assert _messages(result) == [
        "cannot include ${file(./gone.yml)} in serverless.yml: gone.yml does not exist; "
        "functions jobs, gone are not readable (an include faasguard cannot read, or not a map); "
        "those functions were not checked"]
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "provider")}


def test_a_provider_faasguard_cannot_read_is_an_error_not_an_unrecognised_file(tmp_path):
    _write(tmp_path, {"serverless.yml": "service: api\nprovider: ${file(./provider.yml)}\n"
                                        "functions:\n  api:\n    handler: api.handler\n"})
    result = _scan(tmp_path)
    assert _messages(result) == [
        "cannot include ${file(./provider.yml)} in serverless.yml: provider.yml does not exist; "
        "`provider` is not an object faasguard can read; this file was not checked"]
    assert result.findings == []


def test_editing_an_include_changes_the_next_scan(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider: ${file(./provider.yml)}\n"
                          "functions:\n  api:\n    handler: api.handler\n    tracing: true\n",
        "provider.yml": "name: aws\nruntime: python3.8\n",
    })
    assert _found(_scan(tmp_path)) == {NO_BOUNDARY, ("FG_06_01", "provider")}
    include = tmp_path / "provider.yml"
    include.write_text("name: aws\nruntime: python3.13\n")
    os.utime(include, ns=(include.stat().st_atime_ns, include.stat().st_mtime_ns + 10**9))
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY}


def test_plain_checkov_calls_the_checks_for_included_functions(tmp_path):
    """Under the checkov CLI too: the checks label functions Checkov reads without lines."""
    project = _write(tmp_path / "svc", {
        "serverless.yml": "service: inc\nprovider: ${file(./provider.yml)}\n"
                          "functions:\n  inline:\n    handler: h.inline\n    tracing: true\n"
                          "  single: ${file(./single.yml)}\n  listed: ${file(./config.yml):listed}\n",
        "provider.yml": "name: aws\nruntime: python3.13\n",
        "single.yml": "handler: h.single\n",
        "config.yml": "listed:\n  handler: h.listed\n  runtime: nodejs12.x\n  tracing: Active\n",
    })
    proc = run(["checkov", "-d", str(project), "--external-checks-dir", str(ROOT / "checks"),
                "--framework", "serverless", "--skip-check", ",".join(LATER_COVERAGE), "-o", "json", "--compact",
                "--quiet"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    failed = {(r["check_id"], r["resource"], tuple(r["file_line_range"])) for r in report["results"]["failed_checks"]}
    assert failed == {("FG_05_01", "single", (7, 7)), ("FG_06_01", "listed", (8, 8)), ("FG_04_07", "provider", (1, 7))}


# ---- case 2: a function entry with an empty body ------------------------------------------------

def test_an_empty_function_entry_is_not_deployed(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.8\n"
                          "functions:\n  placeholder:\n  api:\n    handler: api.handler\n    tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_06_01", "provider")}
    assert result.notices == [f"{tmp_path / 'serverless.yml'}: placeholder is not checked: {EMPTY_FUNCTION}"]
    # the provider finding names only the function that exists
    assert all("placeholder" not in f.message for f in result.findings)


# ---- case 3: tracing as the Framework deploys it ------------------------------------------------

def test_a_bare_boolean_provider_tracing_sets_nothing_for_lambda(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.13\n  tracing: true\n"
                          "functions:\n  api:\n    handler: api.handler\n"
                          "  traced:\n    handler: t.handler\n    tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_05_01", "api")}


@pytest.mark.parametrize("provider_lambda, expected", [
    ("true", set()),
    ("Active", set()),
    ("PassThrough", {("FG_05_01", "provider")}),
    ("false", {("FG_05_01", "provider")}),
    (None, {("FG_05_01", "inherits"), ("FG_05_01", "disabled")}),
])
def test_function_and_provider_tracing_forms(tmp_path, provider_lambda, expected):
    """The Framework deploys `functions.<f>.tracing || provider.tracing.lambda`: a function's `true`,
    `Active` or `PassThrough` wins; its `false` inherits the provider's value."""
    tracing = f"  tracing:\n    apiGateway: true\n    lambda: {provider_lambda}\n" if provider_lambda else ""
    _write(tmp_path, {
        "serverless.yml": f"service: api\nprovider:\n  name: aws\n  runtime: python3.13\n{tracing}"
                          "functions:\n  inherits:\n    handler: a.handler\n"
                          "  disabled:\n    handler: d.handler\n    tracing: false\n"
                          "  on:\n    handler: o.handler\n    tracing: true\n"
                          "  active:\n    handler: x.handler\n    tracing: Active\n"
                          "  passthrough:\n    handler: p.handler\n    tracing: PassThrough\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == expected | {NO_BOUNDARY, ("FG_05_01", "passthrough")}


# ---- case 4: `functions` written as a list --------------------------------------------------------

def test_a_list_of_function_maps_with_a_variable_item_is_merged(tmp_path):
    """The Framework resolves variables before it merges the list (Service.mergeArrays), so an item may
    be a `${self:}` value; both engines read the merged functions."""
    _write(tmp_path, {
        "serverless.yml": "service: shop\ncustom:\n  reports:\n    report:\n      handler: r.report\n"
                          "      runtime: nodejs12.x\n      tracing: Active\n"
                          "provider:\n  name: aws\n  runtime: python3.13\n"
                          "functions:\n  - hello:\n      handler: h.hello\n      url: true\n"
                          "  - ${self:custom.reports}\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {NO_BOUNDARY, ("FG_02_03", "hello"), ("FG_05_01", "hello"), ("FG_06_01", "report")}
    assert {f.resource: f.lines for f in result.findings if f.resource == "hello"} == {"hello": (12, 14)}


def test_plain_checkov_checks_listed_functions_and_included_resources(tmp_path):
    """Under the checkov CLI: a `functions` list with a variable item, and a `resources` list of an
    include and a map (Checkov checks only a `resources` map; faasguard merges the list for it)."""
    project = _write(tmp_path / "svc", {
        "serverless.yml": "service: shop\ncustom:\n  more:\n    old:\n      handler: o.h\n      runtime: nodejs12.x\n"
                          "      tracing: Active\n"
                          "provider:\n  name: aws\n  runtime: python3.13\n  tracing:\n    lambda: true\n"
                          "functions:\n  - worker:\n      handler: w.h\n      role: WorkerRole\n"
                          "  - ${self:custom.more}\n"
                          "resources:\n  - ${file(./roles.yml)}\n  - Resources:\n      Queue:\n"
                          "        Type: AWS::SQS::Queue\n",
        "roles.yml": "Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n"
                     "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
                     "            Principal:\n              Service: lambda.amazonaws.com\n"
                     "            Action: sts:AssumeRole\n"
                     "      Policies:\n        - PolicyName: all\n          PolicyDocument:\n"
                     "            Statement:\n              - Effect: Allow\n                Action: '*'\n"
                     "                Resource: '*'\n",
    })
    proc = run(["checkov", "-d", str(project), "--external-checks-dir", str(ROOT / "checks"), "--framework",
                "serverless", "--check", "FG_04_01,FG_06_01", "-o", "json", "--compact", "--quiet"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    failed = {(r["check_id"], r["resource"]) for r in report["results"]["failed_checks"]}
    assert failed == {("FG_06_01", "old"), ("FG_04_01", "AWS::IAM::Role.WorkerRole")}


# ---- case 5: function roles, and the policies that reach them (SAS-4 views) ------------------------

_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
_GENERATED_BASE = {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                   "Resource": "arn:aws:s3:::${self:custom.bucket}/*"}
_TABLES = {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "${self:custom.tableArn}"}
_XRAY = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AWSXRayDaemonWriteAccess"]]}
# every way a function gets its role: the shared generated role (api, jobs), a plugin role inheriting the
# provider's statements (worker), a v4 per-function role (batch), a role of resources.Resources (audit),
# an ARN (edge: not in the files); a role trusting Lambda that no function uses (SpareRole)
ROLES_SERVICE = {
    "service": "orders",
    "custom": {"bucket": "orders-${sls:stage}", "tableArn": "arn:aws:dynamodb:*:*:table/*"},
    "provider": {"name": "aws", "iam": {"role": {
        "statements": [_GENERATED_BASE, _TABLES],
        "managedPolicies": [_XRAY],
    }}},
    "functions": {
        "api": {"handler": "api.handler"},
        "jobs": {"handler": "jobs.handler"},
        "worker": {"handler": "worker.handler", "iamRoleStatementsInherit": True, "iamRoleStatements": [
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]},
        "batch": {"handler": "batch.handler", "iam": {"role": {
            "statements": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}],
            "permissionsBoundary": "arn:aws:iam::123456789012:policy/boundary"}}},
        "audit": {"handler": "audit.handler", "role": "AuditRole"},
        "edge": {"handler": "edge.handler", "role": "arn:aws:iam::123456789012:role/edge"},
    },
    "resources": {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "AuditRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": _TRUST,
            "ManagedPolicyArns": ["arn:aws:iam::aws:policy/SecurityAudit"],
            "Policies": [{"PolicyName": "logs", "PolicyDocument": {"Statement": [{
                "Effect": "Allow", "Action": "logs:*",
                "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"}}]}}]}},
        "SpareRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": _TRUST,
            "PermissionsBoundary": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/boundary"}}},
        "SparePolicy": {"Type": "AWS::IAM::Policy", "Properties": {
            "PolicyName": "spare", "Roles": [{"Ref": "SpareRole"}],
            "PolicyDocument": {"Statement": [
                {"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::x"}]}}},
        "BuildRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
            {"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
    }},
}


def _views(data: dict):
    from faasguard.model import build

    return build("serverless", data)


def test_each_function_role_and_the_policies_that_reach_it():
    from faasguard.model.views import ManagedPolicy, PolicyStatement, Role

    views = _views(ROLES_SERVICE)
    assert views.roles == [
        Role("provider", ("api", "jobs"), False),
        Role("worker", ("worker",), False),
        Role("batch", ("batch",), True),
        Role("AuditRole", ("audit",), False),
        Role("SpareRole", (), True),
    ]
    reached = ("api", "batch", "jobs", "worker")
    assert views.policy_statements == [
        # the provider's statements reach the shared role, the v4 role and the inheriting plugin role;
        # `arn:aws:s3:::${self:custom.bucket}/*` names one bucket: not an entry the rules can judge
        PolicyStatement("provider", "Allow", ("s3:GetObject", "s3:PutObject"), (), reached, (), (),
                        ("batch", "provider", "worker")),
        PolicyStatement("provider", "Allow", ("dynamodb:*",), (), reached, ("arn:aws:dynamodb:*:*:table/*",), (),
                        ("batch", "provider", "worker")),
        PolicyStatement("worker", "Allow", ("sqs:SendMessage",), (), ("worker",), (), (), ("worker",)),
        PolicyStatement("batch", "Allow", ("iam:PassRole",), (), ("batch",), ("*",), (), ("batch",)),
        PolicyStatement("AuditRole", "Allow", ("logs:*",), (), ("audit",), ("arn:aws:logs:*:*:*",), (), ("AuditRole",)),
        PolicyStatement("SparePolicy", "Allow", (), ("iam:*",), (), (), ("arn:aws:s3:::x",), ("SpareRole",)),
    ]
    # the plugin gives its roles no managed policy of the provider's; a v4 role takes them
    assert views.managed_policies == [
        ManagedPolicy("provider", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess", ("api", "batch", "jobs"),
                      roles=("batch", "provider")),
        ManagedPolicy("AuditRole", "arn:aws:iam::aws:policy/SecurityAudit", ("audit",), roles=("AuditRole",)),
    ]
    assert views.unknowns == []


def _service(provider: dict, functions: dict, **extra) -> dict:
    return {"service": "s", "provider": {"name": "aws", **provider}, "functions": functions, **extra}


def _statement(resource) -> dict:
    return {"Effect": "Allow", "Action": "s3:GetObject", "Resource": resource}


@pytest.mark.parametrize("resource, known, unknown", [
    ("*", ("*",), False),
    (["arn:aws:s3:::logs/*", "*"], ("*", "arn:aws:s3:::logs/*"), False),
    ("${self:custom.any}", ("*",), False),  # a variable that resolves
    ("arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/*", ("arn:aws:dynamodb:*:*:table/*",), False),
    ("arn:aws:s3:::${self:custom.missing}/*", (), False),  # the reference names the bucket
    ({"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}, ("arn:aws:s3:::*",), False),
    ({"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Bucket"}, "/*"]]}, (), False),
    ({"Fn::GetAtt": ["Bucket", "Arn"]}, (), False),
    ("${ssm:/orders/bucket-arn}", (), True),  # could be `*`: only deployment settles it
    ({"Fn::ImportValue": "shared-bucket-arn"}, (), True),
    ("{{resolve:ssm:/orders/bucket-arn}}", (), True),
], ids=["star", "list", "self", "region-account", "named-bucket", "sub-partition", "join-ref", "getatt", "ssm",
        "import", "dynamic"])
def test_resource_entries_the_files_settle(resource, known, unknown):
    views = _views(_service({"iamRoleStatements": [_statement(resource)]}, {"f": {"handler": "h"}},
                            custom={"any": "*"}))
    [statement] = views.policy_statements
    assert statement.iam_resources == known
    assert [u.view for u in views.unknowns] == (["policy_statements"] if unknown else [])


@pytest.mark.parametrize("provider, function, custom, bounded", [
    ({}, {}, {}, False),
    ({"iam": {"role": {"permissionsBoundary": "arn:aws:iam::1:policy/b"}}}, {}, {}, True),
    ({"iam": {"role": {"permissionBoundary": "${ssm:/boundary}"}}}, {}, {}, True),  # the alias; a reference counts
    ({"rolePermissionsBoundary": "arn:aws:iam::1:policy/b"}, {}, {}, True),
    ({"iam": {"role": {"permissionsBoundary": None}}}, {}, {}, False),
    ({"iam": {"role": {"permissionsBoundary": ""}}}, {}, {}, False),
    ({}, {}, {"serverless-iam-roles-per-function": {"iamGlobalPermissionsBoundary": "arn:aws:iam::1:policy/b"}}, True),
], ids=["none", "iam.role", "alias-ssm", "legacy", "null", "empty", "plugin-global"])
def test_the_shared_role_boundary(provider, function, custom, bounded):
    views = _views(_service(provider, {"f": {"handler": "h", **function}}, custom=custom))
    assert [(r.resource, r.permissions_boundary) for r in views.roles] == [("provider", bounded)]


@pytest.mark.parametrize("function, bounded", [
    ({"iamRoleStatements": [], "iamPermissionsBoundary": "arn:aws:iam::1:policy/b"}, True),
    ({"iamRoleStatements": []}, False),
    ({"iam": {"role": {"permissionsBoundary": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/b"}}}}, True),
    ({"iam": {"role": {"permissionsBoundary": {"Ref": "AWS::NoValue"}}}}, False),
], ids=["plugin", "plugin-none", "v4-intrinsic", "no-value"])
def test_a_per_function_role_boundary(function, bounded):
    views = _views(_service({}, {"f": {"handler": "h", **function}}))
    assert [(r.resource, r.permissions_boundary) for r in views.roles] == [("f", bounded)]


def test_a_per_function_role_copies_the_provider_boundary():
    """The plugin clones the provider's role, boundary included; a v4 role is configured like it."""
    views = _views(_service({"iam": {"role": {"permissionsBoundary": "arn:aws:iam::1:policy/b"}}},
                            {"plugin": {"iamRoleStatements": []}, "v4": {"iam": {"role": {"statements": []}}}}))
    assert [(r.resource, r.permissions_boundary) for r in views.roles] == [("plugin", True), ("v4", True)]


def test_per_function_mode_gives_each_function_its_own_role_with_the_provider_settings():
    statements = [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
    views = _views(_service({"iam": {"role": {"mode": "perFunction", "statements": statements,
                                              "managedPolicies": ["AmazonS3FullAccess"]}}},
                            {"a": {"handler": "a"}, "b": {"handler": "b"}, "c": {"handler": "c", "role": "arn:x"}}))
    assert [(r.resource, r.functions) for r in views.roles] == [("a", ("a",)), ("b", ("b",))]
    assert [(s.resource, s.roles) for s in views.policy_statements] == [("provider", ("a", "b"))]
    assert [(m.resource, m.roles) for m in views.managed_policies] == [("provider", ("a", "b"))]


@pytest.mark.parametrize("inherit, default, reached", [
    (None, None, ("provider",)),
    (True, None, ("own", "provider")),
    (None, True, ("own", "provider")),
    (False, True, ("provider",)),
], ids=["no", "inherit", "default-inherit", "refused"])
def test_plugin_roles_take_the_provider_statements_when_they_inherit(inherit, default, reached):
    own = {"iamRoleStatements": [], **({} if inherit is None else {"iamRoleStatementsInherit": inherit})}
    custom = {} if default is None else {"serverless-iam-roles-per-function": {"defaultInherit": default}}
    views = _views(_service({"iamRoleStatements": [_statement("*")]}, {"shared": {"handler": "s"}, "own": own},
                            custom=custom))
    assert [s.roles for s in views.policy_statements] == [reached]


def test_a_function_role_wins_over_its_own_iam_settings():
    """The Framework deploys the function with its `role` (the plugin refuses both)."""
    views = _views(_service({}, {"f": {"handler": "h", "role": "arn:aws:iam::1:role/r",
                                       "iamRoleStatements": [_statement("*")]}}))
    assert (views.roles, views.policy_statements) == ([], [])


@pytest.mark.parametrize("provider", [
    {"role": "SharedRole"},
    {"iam": {"role": {"Fn::GetAtt": ["SharedRole", "Arn"]}}},
    {"iam": {"role": "SharedRole.Arn"}},  # conftest's YAML drops the !GetAtt tag
], ids=["legacy-name", "getatt", "conftest-getatt"])
def test_a_shared_role_of_resources(provider):
    resources = {"Resources": {"SharedRole": {"Type": "AWS::IAM::Role", "Properties": {
        "AssumeRolePolicyDocument": json.dumps(_TRUST),
        "Policies": [{"PolicyName": "p", "PolicyDocument": json.dumps({"Statement": _statement("*")})}]}}}}
    views = _views(_service({**provider, "iamRoleStatements": [_statement("arn:aws:s3:::unused/*")]},
                            {"a": {"handler": "a"}, "b": {"handler": "b"}}, resources=resources))
    assert [(r.resource, r.functions) for r in views.roles] == [("SharedRole", ("a", "b"))]
    assert [(s.resource, s.iam_resources) for s in views.policy_statements] == [("SharedRole", ("*",))]


# the same views in both engines, on the documents above and on shapes of their own
PARITY_DOCUMENTS = [
    ROLES_SERVICE,
    _service({"iam": {"role": {"mode": "perFunction", "statements": [_statement("*")],
                               "permissionsBoundary": "${ssm:/b}"}}}, {"a": {}, "b": {"iamRoleStatements": []}}),
    _service({"iamRoleStatements": "${self:custom.statements}", "iamManagedPolicies": ["${self:custom.policy}"]},
             [{"a": {"handler": "a"}}, "${self:custom.more}"],
             custom={"statements": [_statement(["${self:custom.arn}", "arn:aws:sqs:${aws:region}:*:*"])],
                     "policy": "AWSLambda_FullAccess", "arn": "arn:aws:s3:::*", "more": {"b": {"handler": "b"}}}),
    _service({"role": "SharedRole"}, {"a": {}, "b": {"iamRoleStatements": [_statement({"Fn::ImportValue": "x"})],
                                                     "iamPermissionsBoundary": ""}},
             resources=[{"Resources": {"SharedRole": {"Type": "AWS::IAM::Role", "Properties": {
                 "AssumeRolePolicyDocument": _TRUST, "ManagedPolicyArns": [{"Ref": "Managed"}]}}}},
                 {"Resources": {"Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
                     "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["iam:*"], "Resource": "*"}]}}}}}]),
]


@pytest.mark.parametrize("index", range(len(PARITY_DOCUMENTS)))
def test_both_engines_read_the_same_roles_and_policies(index):
    document = PARITY_DOCUMENTS[index]
    views = _views(document)
    python = {
        "roles": [dataclasses.asdict(r) for r in views.roles],
        "policy_statements": [dataclasses.asdict(s) for s in views.policy_statements],
        "managed_policies": [{k: v for k, v in dataclasses.asdict(m).items() if k not in ("choice", "choices")}
                             for m in views.managed_policies],
    }
    query = "{" + ", ".join(f'"{view}": data.faasguard.model.{view}' for view in python) + "}"
    proc = run([tool("opa"), "eval", "-f", "json", "-d", str(ROOT / "rego"), "-I", query], input=json.dumps(document))
    assert proc.returncode == 0, proc.stderr
    rego = json.loads(proc.stdout)["result"][0]["expressions"][0]["value"]
    assert python["roles"]  # every document has function roles

    def canonical(records):
        return sorted(json.dumps(r, sort_keys=True, default=list) for r in records)

    assert {view: canonical(records) for view, records in python.items()} == \
        {view: canonical(records) for view, records in rego.items()}


def test_a_role_of_included_resources_is_found_by_both_engines(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "  tracing:\n    lambda: true\n"
                          "functions:\n  api:\n    handler: api.handler\n    role: ApiRole\n"
                          "resources:\n  - ${file(./resources/roles.yml)}\n",
        "resources/roles.yml": "Resources:\n  ApiRole:\n    Type: AWS::IAM::Role\n    Properties:\n"
                               "      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n"
                               "            Principal:\n              Service: [lambda.amazonaws.com]\n"
                               "            Action: sts:AssumeRole\n"
                               "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AdministratorAccess\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert ("FG_04_01", "ApiRole") in _found(result)


# ---- readings the property-based parity test found (tests/test_property_based.py) --------------------

def _reading_service(functions: dict, **top) -> dict:
    return {"service": "svc", "provider": {"name": "aws", "runtime": "python3.13"}, "functions": functions, **top}


# (document, rule, the exact resources both engines report for that rule)
READING_CASES = [
    # a top-level `layers:` that is not a map of layers (unresolved, a list) declares no layer: no crash
    (_reading_service({"a": {"handler": "h.h", "layers": [{"Ref": "XLambdaLayer"}]}}, layers="${ssm:/layers}"), "FG_06_03", []),
    (_reading_service({"a": {"handler": "h.h", "layers": [{"Ref": "XLambdaLayer"}]}}, layers=["x"]), "FG_06_03", []),
    # function tags given as an intrinsic only deployment settles: the required tag may be there
    (_reading_service({"a": {"handler": "h.h", "tags": {"Ref": "Tags"}}}), "FG_11_06", []),
    # a runtimeManagement variable naming a `{mode}` map is read like the map
    (_reading_service({"a": {"handler": "h.h", "runtimeManagement": "${self:custom.updates}"}},
              custom={"updates": {"mode": "manual"}}), "FG_06_05", ["a"]),
    # an alarm whose Namespace is a literal that is not AWS/Lambda (a map) watches no Lambda metric
    (_reading_service({"a": {"handler": "h.h"}}, resources={"Resources": {"Alarm": {
        "Type": "AWS::CloudWatch::Alarm", "Properties": {"Namespace": {"x": 1}, "MetricName": "Errors",
                                                          "Dimensions": [{"Name": "FunctionName",
                                                                          "Value": {"Ref": "ALambdaFunction"}}]}}}}),
     "FG_05_06", ["a"]),
    # a deployment whose StageName an unknown condition leaves open may create a stage: judged (no limits)
    (_reading_service({"a": {"handler": "h.h"}}, resources={"Resources": {"Deployment": {
        "Type": "AWS::ApiGateway::Deployment", "Properties": {"StageName": {"Fn::If": ["IsProd", "prod", "dev"]}}}}}),
     "FG_08_04", ["Deployment"]),
]


def test_both_engines_report_the_same_on_the_readings_property_tests_found():
    from faasguard.engines.rego.opa_cli import OpaCliBackend
    from faasguard.model import build
    from faasguard.rules import Context, evaluate
    from tests.conftest import TODAY

    documents = [document for document, _, _ in READING_CASES]
    rego = OpaCliBackend(tool("opa")).evaluate(documents, {"today": TODAY})
    for (document, rule, expected), outcome in zip(READING_CASES, rego):
        python = evaluate(build("serverless", document), Context(dt.date.fromisoformat(TODAY)))
        assert sorted(v.resource for v in python if v.rule_id == rule) == expected, document
        assert sorted(f["resource"] for f in outcome if f["id"] == rule) == expected, document
