"""The real `checkov` CLI on generated files: the templates and services test_property_based builds
(unknowns and intrinsics in every position a rule reads) are written to disk and Checkov runs faasguard's
external checks on them. A file faasguard reads must give exactly the (rule, resource) violations of the
model, and no check may crash (a crashing check is a silent UNKNOWN in Checkov; faasguard's checks turn
it into a logged FAILED). A file faasguard refuses (a structure CloudFormation refuses, such as
`Properties` that is an intrinsic) must fail closed: Checkov reports no check of it as PASSED, and logs
why. Two batches per format keep it to a few Checkov runs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from checkov.cloudformation import parser as cfn_parser
from checkov.cloudformation.cfn_utils import validate_properties_in_resources_are_dict
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from faasguard.engines.checkov_engine import resource_id
from faasguard.evaluation import violations
from faasguard.inputs.load import load_paths
from tests.conftest import ROOT, run
from tests.strategies.cloudformation import cloudformation_templates
from tests.strategies.serverless import serverless_services

BATCH = 8
PLAIN_KEY = re.compile(r"[A-Za-z0-9_.:/-]+")
LONE_SURROGATE = re.compile(r"\\ud[89a-f][0-9a-f]{2}")
# no shrinking: each example is a Checkov run, and a failure is reported as found
CLI_SETTINGS = settings(max_examples=2, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                               HealthCheck.function_scoped_fixture])


def _plain_keys(value):
    """The value without mapping keys that are empty or not printable ASCII: Checkov's parsers drop or
    refuse some of those (a function whose body has a key "" is never checked), which is about parsing,
    not checks; tests/hostile and test_property_based cover such keys through the loader."""
    if isinstance(value, dict):
        return {k: _plain_keys(v) for k, v in value.items() if PLAIN_KEY.fullmatch(k)}
    if isinstance(value, list):
        return [_plain_keys(v) for v in value]
    return value


def _text(document: dict) -> str:
    """The document as JSON, with plain keys only and each lone surrogate escape (which Checkov's parser
    refuses) replaced by U+FFFD; the model reads the file as written."""
    return LONE_SURROGATE.sub(r"\\ufffd", json.dumps(_plain_keys(document)))


def _checkov(directory: Path, framework: str) -> tuple[list[dict], str]:
    proc = run(["checkov", "-d", str(directory), "--external-checks-dir", str(ROOT / "checks"),
                "--framework", framework, "--check", "FG_*", "-o", "json", "--compact", "--quiet"], cwd=directory)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout) if proc.stdout.strip() else []
    return (reports if isinstance(reports, list) else [reports]), proc.stderr


def _checkov_refuses(path: Path) -> bool:
    """Whether Checkov's CloudFormation runner skips a file as a parsing error: its parser gives nothing
    (among others for a `null` under Resources: "Null values do not exist in CFN templates"), or a
    resource's Properties is not a map (faasguard refuses those too, naming the resource)."""
    template, _ = cfn_parser.parse(str(path))
    return template is None or not validate_properties_in_resources_are_dict(template)


def _records(reports: list[dict], root: Path, outcome: str) -> set[tuple[str, str, str]]:
    """(file relative to root, rule, resource) of every record of an outcome ("passed", "failed")."""
    found = set()
    for report in reports:
        for record in report["results"].get(f"{outcome}_checks", []):
            file = str(Path(record["file_abs_path"]).relative_to(root))
            found.add((file, record["check_id"], resource_id(report["check_type"], record["resource"],
                                                             record.get("resource_address"))))
    return found


def _assert_checkov_agrees(root: Path, names: list[str], framework: str, skipped: set[str] = frozenset()) -> None:
    """`skipped`: the files the Checkov CLI refuses to parse (it counts them, runs no check on them)."""
    reports, log = _checkov(root, framework)
    assert sum(r["summary"].get("parsing_errors", 0) for r in reports) == len(skipped), [r["summary"] for r in reports]
    failed, passed = _records(reports, root, "failed"), _records(reports, root, "passed")
    assert not [r for r in failed | passed if r[0] in skipped]
    for name in sorted(set(names) - skipped):
        loaded = load_paths([str(root / name)])
        in_file = {(rule, resource) for file, rule, resource in failed if file == name}
        if not loaded.documents:  # refused: fail closed, with the reason logged for every check that ran
            assert not [r for r in passed if r[0] == name], (name, loaded.errors)
            assert not in_file or f"could not evaluate {root / name}" in log, name
        else:
            assert in_file == {(v.rule_id, v.resource) for d in loaded.documents for v in violations(d)}, name
    assert "could not evaluate" not in log or any(not load_paths([str(root / n)]).documents for n in names), log[-2000:]


@CLI_SETTINGS
@given(st.lists(cloudformation_templates(), min_size=BATCH, max_size=BATCH))
def test_checkov_cli_evaluates_generated_templates_as_the_model_does(tmp_path_factory, templates):
    root = tmp_path_factory.mktemp("templates")
    names = [f"template{index}.json" for index in range(len(templates))]
    for name, template in zip(names, templates):
        (root / name).write_text(_text(template))
    # the CLI skips a template holding a null (docs/formats/cloudformation.md); faasguard scan reads it
    _assert_checkov_agrees(root, names, "cloudformation", {n for n in names if _checkov_refuses(root / n)})


def _with_a_function(service: dict) -> dict:
    """The service with at least one function: Checkov's serverless runner reads nothing of a service
    without functions, not even its `resources` (faasguard scan reports those from the Rego engine
    alone, and says that no function was checked)."""
    functions = service.get("functions")
    if not (isinstance(functions, dict) and functions):
        service = {**service, "functions": {"main": {"handler": "handler.main"}}}
    return service


@CLI_SETTINGS
@given(st.lists(serverless_services().map(_with_a_function), min_size=BATCH, max_size=BATCH))
def test_checkov_cli_evaluates_generated_services_as_the_model_does(tmp_path_factory, services):
    root = tmp_path_factory.mktemp("services")
    names = [f"service{index}/serverless.yml" for index in range(len(services))]
    for name, service in zip(names, services):
        (root / name).parent.mkdir()
        # as YAML people write (Checkov's serverless parser misses the functions of a flow-style file)
        (root / name).write_text(yaml.safe_dump(json.loads(_text(service)), sort_keys=False, allow_unicode=True))
    _assert_checkov_agrees(root, names, "serverless")
