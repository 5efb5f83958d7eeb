"""The before/after fix examples of every rule (src/faasguard/catalog/examples.yaml, shown in docs/rules/):
each rule has one in every format it covers; each `before` breaks its rule; each `after` does not, not even
as an undecided value, and breaks no rule its `before` did not; CloudFormation and SAM ones are valid
templates for cfn-lint; and both engines report the same on every example."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from faasguard import catalog, generate
from faasguard.evaluation import Evaluation, evaluate_document, violations
from faasguard.inputs.load import load_paths
from tests.conftest import TODAY, run, tool
from tests.test_cfn_lint import CFN_LINT, CONFIG

SIDES = ("before", "after")
RULE_IDS = sorted(catalog.rules())
CASES = [(rule_id, fmt) for rule_id in RULE_IDS for fmt in catalog.covered_formats(catalog.rule(rule_id))]
TEMPLATE_CASES = [(rule_id, fmt, side) for rule_id, fmt in CASES if fmt in ("cloudformation", "sam")
                  for side in SIDES]


def _ids(cases: list[tuple]) -> list[str]:
    return ["/".join(case) for case in cases]


def _example(rule_id: str, fmt: str) -> catalog.Example:
    example = catalog.rule(rule_id).examples.get(fmt)
    assert example is not None, f"{rule_id} has no {fmt} example in examples.yaml"
    return example


def _path(root: Path, rule_id: str, fmt: str, side: str) -> Path:
    return root / f"{rule_id}_{fmt}_{side}" / catalog.EXAMPLE_FILES[fmt]


@pytest.fixture(scope="module")
def examples_root(tmp_path_factory) -> Path:
    """Every example written in a project folder of its own, under the name it has in a project (main.tf,
    template.yaml, serverless.yml), with the files beside it (`before_files` / `after_files`)."""
    root = tmp_path_factory.mktemp("examples")
    for rule_id, rule in catalog.rules().items():
        for fmt, example in rule.examples.items():
            for side in SIDES:
                folder = _path(root, rule_id, fmt, side).parent
                for relative, text in example.project(fmt, side).items():
                    (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                    (folder / relative).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def evaluated(examples_root):
    """(rule id, format, side) -> the Python model's Evaluation of that example, loaded as a scan loads it."""
    cache: dict[tuple[str, str, str], Evaluation] = {}

    def evaluate(rule_id: str, fmt: str, side: str) -> Evaluation:
        _example(rule_id, fmt)
        if (rule_id, fmt, side) not in cache:
            loaded = load_paths([str(_path(examples_root, rule_id, fmt, side).parent)])
            assert loaded.errors == [] and loaded.not_checked == [], (loaded.errors, loaded.not_checked)
            assert [d.format for d in loaded.documents] == [fmt], "the file is not read as a single " + fmt
            cache[(rule_id, fmt, side)] = evaluate_document(loaded.documents[0])
        return cache[(rule_id, fmt, side)]

    return evaluate


def _broken(evaluation: Evaluation) -> set[str]:
    return {v.rule_id for v in evaluation.violations}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_an_example_in_exactly_the_formats_it_covers(rule_id):
    rule = catalog.rule(rule_id)
    assert sorted(rule.examples) == sorted(catalog.covered_formats(rule))


def test_examples_name_only_catalog_rules():
    assert sorted(set(catalog.examples()) - set(catalog.rules())) == []


@pytest.mark.parametrize("rule_id, fmt", CASES, ids=_ids(CASES))
def test_before_breaks_the_rule(rule_id, fmt, evaluated):
    assert rule_id in _broken(evaluated(rule_id, fmt, "before"))


@pytest.mark.parametrize("rule_id, fmt", CASES, ids=_ids(CASES))
def test_after_fixes_it_for_certain(rule_id, fmt, evaluated):
    after = evaluated(rule_id, fmt, "after")
    assert rule_id not in _broken(after)
    # the fix settles the rule: a value only deployment settles would leave it undecided, not fixed
    assert [u for u in after.undecided if u.rule_id == rule_id] == []


@pytest.mark.parametrize("rule_id, fmt", CASES, ids=_ids(CASES))
def test_after_breaks_no_rule_the_before_did_not(rule_id, fmt, evaluated):
    assert sorted(_broken(evaluated(rule_id, fmt, "after")) - _broken(evaluated(rule_id, fmt, "before"))) == []


def test_both_engines_agree_on_every_example(examples_root):
    """The docs show what both engines report: the Rego bundle (through the opa binary) finds exactly
    what the Python model, and so Checkov, finds."""
    from faasguard.engines import rego
    from faasguard.engines.rego.opa_cli import OpaCliBackend

    loaded = load_paths([str(examples_root)])
    assert loaded.errors == [] and len(loaded.documents) == len(list(examples_root.iterdir()))
    # the files beside the examples (manifests of code folders) are read as part of them, not as documents
    python = {(v.rule_id, d.location(v.resource).file, v.resource)
              for d in loaded.documents for v in violations(d)}
    result = rego.run(loaded.documents, OpaCliBackend(tool("opa")), {"today": TODAY})
    assert result.errors == []
    assert sorted({(f.rule_id, f.file, f.resource) for f in result.findings} ^ python) == []


@pytest.fixture(scope="module")
def lint_matches(examples_root):
    """One cfn-lint run over every CloudFormation and SAM example (it starts slowly): (rule id, format,
    side) -> what cfn-lint found in that file."""
    files = {case: path for case in TEMPLATE_CASES if (path := _path(examples_root, *case)).is_file()}
    proc = run([CFN_LINT, "--format", "json", "--config-file", CONFIG, "--", *map(str, files.values())])
    # a bit mask of the levels found (2 error, 4 warning, 8 info); 1 is a crash
    assert proc.returncode in range(0, 16, 2), proc.stderr[-2000:]
    matches = json.loads(proc.stdout)
    assert {m["Filename"] for m in matches} <= {str(path) for path in files.values()}  # each match is placed
    return {case: [m for m in matches if m["Filename"] == str(path)] for case, path in files.items()}


# W3002: a local code path "may only work with 'package' cli command"; an example that ships its code folder
# (files beside the template) is such a template, written for `aws cloudformation package`
PACKAGED_TEMPLATE_WARNINGS = {"W3002"}


@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=_ids(TEMPLATE_CASES))
def test_templates_pass_cfn_lint(case, lint_matches):
    rule_id, fmt, side = case
    example = _example(rule_id, fmt)
    allowed = PACKAGED_TEMPLATE_WARNINGS if getattr(example, f"{side}_files") else set()
    found = [(m["Rule"]["Id"], m["Message"]) for m in lint_matches[case]
             if m["Level"] == "Error" or (m["Level"] == "Warning" and m["Rule"]["Id"] not in allowed)]
    assert found == []


@pytest.mark.parametrize("rule_id, fmt", CASES, ids=_ids(CASES))
def test_rule_docs_show_the_example(rule_id, fmt):
    example = _example(rule_id, fmt)
    doc = generate.rule_doc(catalog.rule(rule_id))
    for side in SIDES:
        for path, text in example.project(fmt, side).items():
            assert f"{side.capitalize()} (`{path}`):" in doc and text.rstrip("\n") in doc


@pytest.mark.parametrize("rule_id, fmt", CASES, ids=_ids(CASES))
def test_files_beside_an_example_do_not_replace_it(rule_id, fmt):
    example = _example(rule_id, fmt)
    assert catalog.EXAMPLE_FILES[fmt] not in {**example.before_files, **example.after_files}


def test_examples_schema_refuses_what_the_docs_cannot_show():
    good = {"FG_05_01": {"terraform": {"before": "resource {}\n", "after": "resource {}\n"}}}
    catalog.validate(good, "examples.schema.json")
    with_files = {"FG_06_06": {"sam": {"before": "Resources: {}\n", "after": "Resources: {}\n",
                                       "before_files": {"src/requirements.txt": "flask\n"},
                                       "after_files": {"src/requirements.txt": "flask==3.1.0\n", ".npmrc": "x\n"}}}}
    catalog.validate(with_files, "examples.schema.json")
    for bad in ({"FG_05_01": {"terraform_plan": good["FG_05_01"]["terraform"]}},  # plans are generated
                {"FG_05_01": {"terraform": {"before": "resource {}\n"}}},  # no after
                {"CKV_AWS_1": good["FG_05_01"]},
                *({"FG_06_06": {"sam": {**with_files["FG_06_06"]["sam"], "after_files": {path: "x\n"}}}}
                  for path in ("../requirements.txt", "/etc/passwd", "src/../../x", "./src/x", "src//x")),
                {"FG_06_06": {"sam": {**with_files["FG_06_06"]["sam"], "before_files": {}}}}):  # empty: leave out
        with pytest.raises(jsonschema.ValidationError):
            catalog.validate(bad, "examples.schema.json")


def test_covered_formats_follow_what_the_rule_reads():
    def rule(resource_types: dict, serverless_keys: tuple = ()) -> catalog.Rule:
        return catalog.Rule("FG_99_01", "title", ("SAS-1",), "LOW", "IAM", resource_types,
                            {"terraform": (), "cloudformation": (), "serverless": serverless_keys}, "", {}, ())

    assert catalog.covered_formats(rule({"terraform": ("aws_lambda_function",)})) == ("terraform",)
    assert catalog.covered_formats(rule({"cloudformation": ("AWS::Lambda::Permission",)}, ("resources/Resources",))) \
        == ("cloudformation", "sam", "serverless")
    assert catalog.covered_formats(rule({"serverless": ("function",)})) == ("serverless",)

