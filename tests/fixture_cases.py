"""The fixtures: tests/fixtures/<RULE>/<format>/<case>, expectations in <RULE>/expected.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASE_FORMATS = ("terraform", "terraform_plan", "cloudformation", "sam", "serverless")


@dataclass(frozen=True)
class Case:
    rule_id: str
    key: str  # "<format>/<case>" as in expected.yaml
    expected: frozenset[str]

    @property
    def format(self) -> str:
        return self.key.split("/", 1)[0]

    @property
    def path(self) -> Path:
        return FIXTURES / self.rule_id / self.key

    @property
    def outcome(self) -> str:
        return Path(self.key).name.split("_", 1)[0]

    def holds(self, file: str) -> bool:
        target = self.path.resolve()
        candidate = Path(file).resolve()
        return candidate == target or target in candidate.parents

    def __str__(self) -> str:
        return f"{self.rule_id}/{self.key}"


def expectations(rule_dir: Path) -> dict[str, list[str]]:
    """expected.yaml of a rule folder ({} when it is missing; test_fixtures fails on that)."""
    file = rule_dir / "expected.yaml"
    return (yaml.safe_load(file.read_text()) or {}) if file.exists() else {}


def all_cases() -> list[Case]:
    cases = []
    for rule_dir in sorted(FIXTURES.glob("FG_*")):
        for key, resources in sorted(expectations(rule_dir).items()):
            cases.append(Case(rule_dir.name, key, frozenset(resources or [])))
    return cases


def case_paths(rule_dir: Path) -> set[str]:
    """Every fixture on disk, as expected.yaml keys."""
    found = set()
    for fmt in CASE_FORMATS:
        for entry in (rule_dir / fmt).glob("*"):
            if fmt in ("terraform", "serverless") and entry.is_dir() or entry.is_file() and fmt not in ("terraform", "serverless"):
                found.add(f"{fmt}/{entry.name}")
    return found
