"""A serverless.yml read as the Serverless Framework reads it, the same in both engines: `${file(...)}`
includes, empty function entries, provider and function tracing (docs/formats/serverless.md).
Each test writes a small service and scans it with the Checkov and the Rego engine for real."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from faasguard.results import ScanResult
from faasguard.scan import RegoOptions, ScanOptions, scan
from tests.conftest import ROOT, run, tool

BOTH = ["checkov", "rego"]
EMPTY_FUNCTION = "its entry under `functions` is empty, and the Serverless Framework deploys no function for it"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _scan(path: Path) -> ScanResult:
    return scan([str(path)], ScanOptions(engines=("checkov", "rego"), rego=RegoOptions("opa", tool("opa")),
                                         today=dt.date(2026, 12, 1)))


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
    assert _found(result) == {("FG_06_01", "provider"), ("FG_07_01", "provider"), ("FG_05_01", "invoice")}


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
    assert _found(result) == {("FG_06_01", "provider"), ("FG_05_01", "provider"), ("FG_07_01", "invoice")}


def test_functions_from_a_whole_map_include(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: inc\nprovider:\n  name: aws\n  runtime: python3.13\n"
                          "functions: ${file(./functions.yml)}\n",
        "functions.yml": "hello:\n  handler: h.hello\n  url: true\n"
                         "world:\n  handler: h.world\n  tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {("FG_05_01", "hello"), ("FG_02_03", "hello")}


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
    assert _found(result) == {("FG_06_01", "checkout"), ("FG_05_01", "refund")}
    # both engines point at the line of the function's key in serverless.yml
    assert {f.resource: f.lines for f in result.findings} == {"checkout": (10, 10), "refund": (11, 11)}


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
    assert _found(result) == {("FG_06_01", "delete"), ("FG_02_03", "signup")}


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
    assert _found(result) == {("FG_07_01", "api")}


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
    assert _found(result) == {("FG_05_01", "provider")}


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
    assert _found(result) == {("FG_06_01", "provider")}


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
    assert _found(result) == {("FG_05_01", "api")}  # the rest of the service is still checked


def test_an_include_through_a_link_out_of_the_tree_is_an_error(tmp_path):
    service = _write(tmp_path / "svc", {"serverless.yml": SERVICE_WITH.format(include="${file(./shared.yml)}")})
    (tmp_path / "shared.yml").write_text("a: 1\n")
    os.symlink(tmp_path / "shared.yml", service / "shared.yml")
    result = _scan(service)
    assert _messages(result) == [
        f"cannot include ${{file(./shared.yml)}} in serverless.yml: ./shared.yml is a link to {tmp_path / 'shared.yml'}, "
        "outside the directory of serverless.yml"]
    assert _found(result) == {("FG_05_01", "api")}


def test_an_include_cycle_is_an_error_and_checkov_still_runs(tmp_path):
    _write(tmp_path, {
        "serverless.yml": SERVICE_WITH.format(include="${file(./a.yml)}"),
        "a.yml": "b: ${file(./b.yml)}\n",
        "b.yml": "a: ${file(./a.yml)}\n",
    })
    result = _scan(tmp_path)
    assert _messages(result) == [
        "cannot include ${file(./a.yml)} in b.yml: includes form a cycle: a.yml -> b.yml -> a.yml"]
    assert _found(result) == {("FG_05_01", "api")}


def test_nested_includes_are_bounded(tmp_path):
    chain = {f"n{i}.yml": f"next: ${{file(./n{i + 1}.yml)}}\n" for i in range(12)}
    _write(tmp_path, {"serverless.yml": SERVICE_WITH.format(include="${file(./n0.yml)}"), **chain})
    result = _scan(tmp_path)
    assert _messages(result) == ["cannot include ${file(./n10.yml)} in n9.yml: more than 10 nested includes"]
    assert _found(result) == {("FG_05_01", "api")}


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
    assert _found(result) == {("FG_06_01", "provider")}


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
    assert _found(_scan(tmp_path)) == {("FG_06_01", "provider")}
    include = tmp_path / "provider.yml"
    include.write_text("name: aws\nruntime: python3.13\n")
    os.utime(include, ns=(include.stat().st_atime_ns, include.stat().st_mtime_ns + 10**9))
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == set()


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
                "--framework", "serverless", "-o", "json", "--compact", "--quiet"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    failed = {(r["check_id"], r["resource"], tuple(r["file_line_range"])) for r in report["results"]["failed_checks"]}
    assert failed == {("FG_05_01", "single", (7, 7)), ("FG_06_01", "listed", (8, 8))}


# ---- case 2: a function entry with an empty body ------------------------------------------------

def test_an_empty_function_entry_is_not_deployed(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.8\n"
                          "functions:\n  placeholder:\n  api:\n    handler: api.handler\n    tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {("FG_06_01", "provider")}
    assert result.notices == [f"{tmp_path / 'serverless.yml'}: placeholder is not checked: {EMPTY_FUNCTION}"]
    # the provider finding names only the function that exists
    assert "placeholder" not in result.findings[0].message


# ---- case 3: tracing as the Framework deploys it ------------------------------------------------

def test_a_bare_boolean_provider_tracing_sets_nothing_for_lambda(tmp_path):
    _write(tmp_path, {
        "serverless.yml": "service: api\nprovider:\n  name: aws\n  runtime: python3.13\n  tracing: true\n"
                          "functions:\n  api:\n    handler: api.handler\n"
                          "  traced:\n    handler: t.handler\n    tracing: true\n",
    })
    result = _scan(tmp_path)
    assert result.errors == []
    assert _found(result) == {("FG_05_01", "api")}


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
    assert _found(result) == expected | {("FG_05_01", "passthrough")}
