"""The rule catalog: the single source of rule metadata (see rules.yaml and schema.json), and the
before/after fix examples of every rule (examples.yaml and examples.schema.json)."""
from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

FORMATS = ("terraform", "terraform_plan", "cloudformation", "sam", "serverless")
SEVERITY_ORDER = ("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")
# SARIF `security-severity` scores, as Checkov and GitHub use them.
SECURITY_SEVERITY = {"CRITICAL": "10.0", "HIGH": "8.9", "MEDIUM": "6.9", "LOW": "3.9", "INFO": "0.0"}
DOCS_BASE = "https://github.com/faasguard/faasguard/blob/main/docs/rules"
# The formats a rule's examples are written in (a plan is generated from Terraform: no example of its own),
# each with the name its file has in a project.
EXAMPLE_FILES = {"terraform": "main.tf", "cloudformation": "template.yaml", "sam": "template.yaml",
                 "serverless": "serverless.yml"}
EXAMPLE_FORMATS = tuple(EXAMPLE_FILES)
# The twelve risks, with the titles of the CSA's 2019 document "The 12 Most Critical Risks for Serverless
# Applications" (docs/index.md shows the catalog by risk).
RISKS = {
    "SAS-1": "Function Event Data Injection",
    "SAS-2": "Broken Authentication",
    "SAS-3": "Insecure Serverless Deployment Configuration",
    "SAS-4": "Over-Privileged Function Permissions and Roles",
    "SAS-5": "Inadequate Function Monitoring and Logging",
    "SAS-6": "Insecure Third-Party Dependencies",
    "SAS-7": "Insecure Application Secrets Storage",
    "SAS-8": "Denial of Service and Financial Resource Exhaustion",
    "SAS-9": "Serverless Business Logic Manipulation",
    "SAS-10": "Improper Exception Handling and Verbose Error Messages",
    "SAS-11": "Obsolete Functions, Cloud Resources and Event Triggers",
    "SAS-12": "Cross-Execution Data Persistency",
}


@dataclass(frozen=True)
class Example:
    """A minimal file of one format that breaks a rule (`before`) and the same file fixed (`after`), with
    the files its project holds beside it on each side, for rules that read more than that file (path
    relative to the file's folder -> text; e.g. the manifests of a code folder)."""

    before: str
    after: str
    before_files: Mapping[str, str] = field(default_factory=dict)
    after_files: Mapping[str, str] = field(default_factory=dict)

    def project(self, fmt: str, side: str) -> dict[str, str]:
        """The files of one side's project folder: path relative to it -> text, the example's file (under
        the name it has in a project, EXAMPLE_FILES) first."""
        return {EXAMPLE_FILES[fmt]: getattr(self, side), **getattr(self, f"{side}_files")}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    sas: tuple[str, ...]
    severity: str
    category: str
    resource_types: dict[str, tuple[str, ...]]
    evaluated_keys: dict[str, tuple[str, ...]]
    why: str
    fix: dict[str, str]
    references: tuple[str, ...]
    semantics: str = ""  # Markdown: what the rule reads in every format (docs/semantics.md)
    # what the control asks that the rule does not check, each with the reason (docs/coverage.md)
    limits: tuple[str, ...] = ()

    @property
    def guideline(self) -> str:
        return f"{DOCS_BASE}/{self.id}.md"

    @property
    def examples(self) -> dict[str, Example]:
        """format -> the rule's before/after example in that format (examples.yaml; read on first use,
        so a scan, which never needs them, does not parse that file)."""
        return examples().get(self.id, {})

    def as_data(self) -> dict[str, Any]:
        """The rule as the Rego bundle sees it (data.faasguard.catalog[id])."""
        return {
            "id": self.id,
            "title": self.title,
            "sas": list(self.sas),
            "severity": self.severity,
            "category": self.category,
            "guideline": self.guideline,
            "fix": dict(self.fix),
        }


def covered_formats(rule: Rule) -> tuple[str, ...]:
    """The formats a rule covers (its Checkov checks run there; its examples show them): Terraform when
    the rule reads Terraform resources, CloudFormation and SAM when it reads CloudFormation resources (a
    SAM template holds any of them), and the Serverless Framework when it reads a service's settings or
    the CloudFormation resources of its `resources.Resources` (Checkov runs CloudFormation checks there)."""
    covered = {
        "terraform": bool(rule.resource_types.get("terraform")),
        "cloudformation": bool(rule.resource_types.get("cloudformation")),
        "sam": bool(rule.resource_types.get("cloudformation")),
        "serverless": bool(rule.resource_types.get("serverless"))
        or "resources/Resources" in rule.evaluated_keys.get("serverless", ()),
    }
    return tuple(fmt for fmt in EXAMPLE_FORMATS if covered[fmt])


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def validate(document: dict[str, Any], schema: str = "schema.json") -> None:
    """Raise jsonschema.ValidationError when the document does not match its schema (the catalog's by
    default; `examples.schema.json` for the examples)."""
    import jsonschema

    jsonschema.validate(document, json.loads(_read(schema)))


def _load_yaml(text: str) -> Any:
    """The catalog's own files, with libyaml when PyYAML has it (ten times faster: every scan, and every
    Checkov run of the checks, reads the catalog)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    # the shipped catalog is validated against its schema by the tests (tests/test_catalog.py), not at
    # every start
    document = _load_yaml(_read("rules.yaml"))
    return {
        entry["id"]: Rule(
            id=entry["id"],
            title=entry["title"],
            sas=tuple(entry["sas"]),
            severity=entry["severity"],
            category=entry["category"],
            resource_types={k: tuple(v) for k, v in entry["resource_types"].items()},
            evaluated_keys={k: tuple(v) for k, v in entry["evaluated_keys"].items()},
            why=" ".join(entry["why"].split()),
            fix=dict(entry["fix"]),
            references=tuple(entry["references"]),
            semantics=entry["semantics"],
            limits=tuple(entry.get("limits", ())),
        )
        for entry in document["rules"]
    }


def rule(rule_id: str) -> Rule:
    return rules()[rule_id]


@lru_cache(maxsize=1)
def examples() -> dict[str, dict[str, Example]]:
    """rule id -> format -> its Example, as examples.yaml has them (validated against its schema)."""
    document = _load_yaml(_read("examples.yaml"))
    validate(document, "examples.schema.json")
    return {rule_id: {fmt: Example(**files) for fmt, files in by_format.items()}
            for rule_id, by_format in document.items()}


def severity_at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_ORDER.index(severity) >= SEVERITY_ORDER.index(threshold)


@lru_cache(maxsize=1)
def runtimes() -> dict[str, Any]:
    """The dated runtime deprecation table, with dates as ISO strings."""
    raw = _load_yaml(resources.files("faasguard").joinpath("data", "runtimes.yaml").read_text(encoding="utf-8"))

    def iso(value: Any) -> Any:
        return value.isoformat() if isinstance(value, _dt.date) else value

    return {
        "updated": iso(raw["updated"]),
        "source": raw["source"],
        "runtimes": {name: {k: iso(v) for k, v in dates.items()} for name, dates in raw["runtimes"].items()},
    }
