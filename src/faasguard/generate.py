"""Generate every artifact derived from the catalog: Rego data, rule docs, the coverage table, the
README's rules table and the Checkov check files (one per rule).

`python scripts/generate.py` writes them; `--check` fails when any is stale (run by the test suite).
"""
from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import yaml

from faasguard import catalog, settings

FORMAT_TITLES = {
    "terraform": "Terraform HCL",
    "terraform_plan": "Terraform plan JSON",
    "cloudformation": "CloudFormation",
    "sam": "AWS SAM",
    "serverless": "Serverless Framework",
}


def as_json(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True) + "\n"


EMBEDDED_HEADER = """\
# METADATA
# title: Embedded catalog, runtime data and setting defaults
# description: |
#   A copy of data.faasguard.catalog, data.faasguard.runtimes and data.faasguard.defaults as Rego, for
#   conftest, whose `-p` loads only .rego files. GENERATED from rego/faasguard/{catalog,runtimes,defaults}/
#   data.json (the generated data documents); do not edit. A test in
#   embedded_test.rego fails when this copy and the data documents differ.
package faasguard.lib.embedded
"""


def rego_value(value: object, indent: int = 0) -> str:
    """A JSON value as Rego, laid out the way `opa fmt` writes it (so the fmt gate holds)."""
    pad = "\t" * (indent + 1)
    if isinstance(value, dict) and value:
        items = [f"{pad}{json.dumps(k)}: {rego_value(v, indent + 1)}," for k, v in sorted(value.items())]
        return "{\n" + "\n".join(items) + "\n" + "\t" * indent + "}"
    if isinstance(value, list) and value:
        items = [f"{pad}{rego_value(v, indent + 1)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + "\t" * indent + "]"
    return json.dumps(value)


def embedded_rego(catalog_data: dict, runtimes_data: dict, defaults: dict) -> str:
    """The data documents as Rego, for conftest (its `-p` loads only .rego files)."""
    return (EMBEDDED_HEADER + "\ncatalog := " + rego_value(catalog_data) + "\n\nruntimes := "
            + rego_value(runtimes_data) + "\n\ndefaults := " + rego_value(defaults) + "\n")



# the language of an example's files, for their fenced code blocks: by the file's name, then its extension
_FENCE_BY_NAME = {"go.mod": "go", "Gemfile": "ruby", "poetry.lock": "toml", "uv.lock": "toml", "pdm.lock": "toml"}
_FENCE_BY_SUFFIX = {".tf": "hcl", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml",
                    ".xml": "xml", ".py": "python", ".js": "javascript", ".ts": "typescript", ".go": "go"}


def _fence(path: str) -> str:
    name = PurePosixPath(path).name
    return _FENCE_BY_NAME.get(name) or _FENCE_BY_SUFFIX.get(PurePosixPath(name).suffix, "text")


def _example_lines(fmt: str, example: catalog.Example | None) -> list[str]:
    """The before/after project of a rule's example in one format, each file (the example's file first,
    then the files beside it) as a fenced code block under its path (none without an example)."""
    if example is None:
        return []
    lines = []
    for side in ("before", "after"):
        for path, text in example.project(fmt, side).items():
            lines += [f"{side.capitalize()} (`{path}`):", "", f"```{_fence(path)}", text.rstrip("\n"), "```", ""]
    return lines


def _covers(rule: catalog.Rule, fmt: str) -> bool:
    """Whether the rule's Checkov checks run on a format (a plan is read like Terraform)."""
    return ("terraform" if fmt == "terraform_plan" else fmt) in catalog.covered_formats(rule)


def rule_doc(rule: catalog.Rule) -> str:
    lines = [
        f"# {rule.id}: {rule.title}",
        "",
        f"- Severity: **{rule.severity}**",
        f"- CSA risks: {', '.join(rule.sas)} (primary: {rule.sas[0]})",
        f"- Formats: {', '.join(FORMAT_TITLES[f] for f in catalog.FORMATS if _covers(rule, f))}",
        "",
        "## Why it matters",
        "",
        rule.why,
        "",
        "## How to fix it",
        "",
    ]
    for fmt, text in rule.fix.items():
        lines += [f"### {FORMAT_TITLES[fmt]}", "", text, ""] + _example_lines(fmt, rule.examples.get(fmt))
    lines += ["## What is checked", "", "See [the rule semantics](../semantics.md#"
              f"{rule.id.lower()}) for the exact attributes read in every format.", ""]
    if rule.limits:
        lines += ["## What it does not check", "", *[f"- {limit}" for limit in rule.limits], ""]
    lines += ["## References", ""]
    lines += [f"- {url}" for url in rule.references]
    lines += ["", "_Generated from `src/faasguard/catalog/rules.yaml` and `examples.yaml` by "
              "`scripts/generate.py`._", ""]
    return "\n".join(lines)


def _fixture_outcomes(root: Path, rule_id: str) -> dict[str, set[str]]:
    """format -> the outcomes ("pass", "fail") its fixtures cover (tests/fixtures/<RULE>/expected.yaml)."""
    expected = root / "tests" / "fixtures" / rule_id / "expected.yaml"
    keys = yaml.safe_load(expected.read_text(encoding="utf-8")) or {} if expected.is_file() else {}
    outcomes: dict[str, set[str]] = {}
    for key in keys:
        fmt, _, name = key.partition("/")
        outcomes.setdefault(fmt, set()).add(name.split("_", 1)[0])
    return outcomes


def coverage_cell(root: Path, rule: catalog.Rule, fmt: str) -> str:
    """`yes`, or what is missing for the rule to count as covered in that format."""
    missing = []
    if not _covers(rule, fmt):
        missing.append("no Checkov check")
    if not (root / "rego/faasguard/rules" / rule.id.lower() / f"{rule.id.lower()}.rego").is_file():
        missing.append("no Rego rule")
    if _fixture_outcomes(root, rule.id).get(fmt, set()) != {"pass", "fail"}:
        missing.append("no pass and fail fixtures")
    return "yes" if not missing else "no: " + ", ".join(missing)


def coverage_doc(root: Path) -> str:
    header = "| rule | title | severity | CSA | " + " | ".join(FORMAT_TITLES[f] for f in catalog.FORMATS) + " |"
    sep = "|" + " --- |" * (4 + len(catalog.FORMATS))
    rules = sorted(catalog.rules().values(), key=lambda r: r.id)
    rows = [
        f"| [{r.id}](rules/{r.id}.md) | {r.title} | {r.severity} | {', '.join(r.sas)} | "
        + " | ".join(coverage_cell(root, r, f) for f in catalog.FORMATS) + " |"
        for r in rules
    ]
    risks = sorted({r.sas[0] for r in catalog.rules().values()}, key=lambda s: int(s.split("-")[1]))
    intro = (f"{len(catalog.rules())} rules cover {len(risks)} of the 12 CSA risks as their primary risk "
             f"({', '.join(risks)}). A cell says **yes** when the catalog maps the rule to the format's "
             "resource types (so its Checkov check runs there), its Rego rule exists, and the format has pass "
             "and fail fixtures, on which the test suite runs both engines and asserts the exact findings.")
    limits = [f"- **[{r.id}](rules/{r.id}.md)**: {limit}" for r in rules for limit in r.limits]
    left_out = ["## What the rules do not check", "",
                "Parts of a control a rule leaves out, and why (a format that cannot express it, a setting that "
                "only deployment or another document settles):", "", *limits, ""] if limits else []
    return "\n".join(["# Coverage", "", intro, "", header, sep, *rows, "", *left_out,
                      "_Computed from the catalog, the Rego rules and the fixtures by `scripts/generate.py`._", ""])


def _covered(root: Path, rule: catalog.Rule, fmt: str, engine: str) -> bool:
    """Whether one engine covers the rule in a format: its Checkov check runs there (or its Rego rule
    exists), and the format has pass and fail fixtures."""
    runs = _covers(rule, fmt) if engine == "checkov" else \
        (root / "rego/faasguard/rules" / rule.id.lower() / f"{rule.id.lower()}.rego").is_file()
    return runs and _fixture_outcomes(root, rule.id).get(fmt, set()) == {"pass", "fail"}


def index_doc(root: Path) -> str:
    """docs/index.md: the catalog by CSA risk (primary risk first), with how many of each risk's rules
    each engine covers per format, and each rule under its primary risk."""
    rules = sorted(catalog.rules().values(), key=lambda r: r.id)
    by_risk = {risk: [r for r in rules if r.sas[0] == risk] for risk in catalog.RISKS}
    header = "| risk | rules | " + " | ".join(FORMAT_TITLES[f] for f in catalog.FORMATS) + " |"
    sep = "|" + " --- |" * (2 + len(catalog.FORMATS))

    def counts(group: list[catalog.Rule]) -> str:
        return " | ".join(" / ".join(str(sum(_covered(root, r, f, engine) for r in group))
                                     for engine in ("checkov", "rego")) for f in catalog.FORMATS)

    rows = [f"| [{risk}](#{risk.lower()}) {title} | {len(by_risk[risk])} | {counts(by_risk[risk])} |"
            for risk, title in catalog.RISKS.items()]
    rows.append(f"| **all** | {len(rules)} | {counts(rules)} |")
    lines = ["# Rules by CSA risk", "",
             f"faasguard's {len(rules)} rules, by the CSA risk each addresses first (a rule's page lists every "
             "risk it bears on). A cell counts the risk's rules that Checkov / the Rego bundle runs on that format, "
             "with pass and fail fixtures on which the test suite asserts the exact findings; "
             "[coverage.md](coverage.md) has the table per rule and what each rule leaves out.", "",
             header, sep, *rows, ""]
    for risk, title in catalog.RISKS.items():
        lines += [f"## {risk}", "", f"**{title}**", ""]
        lines += [f"- [{r.id}](rules/{r.id}.md) ({r.severity}): {r.title}" for r in by_risk[risk]]
        also = [r for r in rules if risk in r.sas[1:]]
        if also:
            lines += ["", "Also bearing on it: " + ", ".join(f"[{r.id}](rules/{r.id}.md)" for r in also) + "."]
        lines.append("")
    lines += ["_Computed from the catalog, the Rego rules and the fixtures by `scripts/generate.py`._", ""]
    return "\n".join(lines)


CHECK_FILE = '''"""Checkov checks for {id} (see docs/rules/{id}.md); the rule itself lives in faasguard.rules.
Generated from the catalog by scripts/generate.py."""
from faasguard.checkov_checks import register

checks = register("{id}")
'''


def check_file(rule: catalog.Rule) -> str:
    return CHECK_FILE.format(id=rule.id)


RULES_START, RULES_END = "<!-- rules:start (generated by scripts/generate.py) -->", "<!-- rules:end -->"


def readme(text: str) -> str:
    """README.md with its rules table regenerated between the markers."""
    rows = ["| id | severity | risk | title |", "| --- | --- | --- | --- |"]
    rows += [f"| [{r.id}](docs/rules/{r.id}.md) | {r.severity} | {r.sas[0]} | {r.title} |" for r in catalog.rules().values()]
    start, end = text.index(RULES_START), text.index(RULES_END)
    return text[:start] + RULES_START + "\n" + "\n".join(rows) + "\n" + text[end:]


SEMANTICS_START, SEMANTICS_END = "<!-- rule semantics:start (generated from the catalog by scripts/generate.py) -->", \
    "<!-- rule semantics:end -->"


def semantics(text: str) -> str:
    """docs/semantics.md with each rule's section (its catalog `semantics`) regenerated between the markers."""
    sections = []
    for r in sorted(catalog.rules().values(), key=lambda r: r.id):
        sections += [f"## {r.id} — {r.title} ({r.severity}, {', '.join(r.sas)})", "", r.semantics.strip(), ""]
    start, end = text.index(SEMANTICS_START), text.index(SEMANTICS_END)
    return text[:start] + SEMANTICS_START + "\n\n" + "\n".join(sections) + text[end:]


def artifacts(root: Path) -> dict[Path, str]:
    """Every generated file under `root` (the repository) with its expected content."""
    catalog_data = {r.id: r.as_data() for r in catalog.rules().values()}
    files = {
        root / "rego/faasguard/catalog/data.json": as_json(catalog_data),
        root / "rego/faasguard/runtimes/data.json": as_json(catalog.runtimes()),
        root / "rego/faasguard/defaults/data.json": as_json(settings.defaults()),
        root / "rego/faasguard/lib/embedded/embedded.rego": embedded_rego(catalog_data, catalog.runtimes(),
                                                                          settings.defaults()),
        root / "docs/coverage.md": coverage_doc(root),
        root / "docs/index.md": index_doc(root),
        root / "README.md": readme((root / "README.md").read_text(encoding="utf-8")),
        root / "docs/semantics.md": semantics((root / "docs/semantics.md").read_text(encoding="utf-8")),
    }
    files.update({root / f"docs/rules/{r.id}.md": rule_doc(r) for r in catalog.rules().values()})
    files.update({root / f"checks/{r.id.lower()}.py": check_file(r) for r in catalog.rules().values()})
    return files


def stale_files(expected: dict[Path, str]) -> list[Path]:
    """The files whose content differs from what is expected (or that are missing)."""
    return [p for p, text in expected.items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def write_files(expected: dict[Path, str]) -> list[Path]:
    """Write the stale ones of the expected files; the paths written."""
    changed = stale_files(expected)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected[path], encoding="utf-8")
    return changed


def stale(root: Path) -> list[Path]:
    return stale_files(artifacts(root))


def write(root: Path) -> list[Path]:
    return write_files(artifacts(root))
