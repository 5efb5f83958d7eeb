"""What a scan produces: findings (merged across engines), suppressions, errors and notices."""
from __future__ import annotations

from dataclasses import dataclass, field

from faasguard import catalog
from faasguard.inputs.document import Document, InputError, Location
from faasguard.inputs.load import NotChecked

# The rule of an undecided Terraform module call: every rule, since none read its resources.
EVERY_RULE = "*"


@dataclass(frozen=True)
class Suppression:
    source: str  # "inline" (checkov:skip comment), "metadata" (CloudFormation Metadata), "config" (.faasguard.yaml)
    reason: str
    expires: str | None = None  # ISO date, for .faasguard.yaml exceptions


@dataclass
class Finding:
    rule_id: str
    file: str
    resource: str
    lines: tuple[int, int]
    engines: list[str]
    message: str
    suppression: Suppression | None = None
    change: str | None = None  # plans: what the plan does to the resource (create, update, replace, no-op, read)
    source: Location | None = None  # plans: the `.tf` block the resource comes from (plan_review.py)
    # FG_00_01: each attack path as its steps (entry point, function, role, grant), each a dict with
    # `step`, `resource`, `description` (model.attack_paths.AttackPath.steps) and `lines` in `file`
    paths: list[list[dict[str, str]]] = field(default_factory=list)

    @property
    def rule(self) -> catalog.Rule:
        return catalog.rule(self.rule_id)


@dataclass(frozen=True)
class Undecided:
    """A value a rule needs that the files do not settle (alternatives that disagree, or a value only
    deployment settles), or a module call whose resources are not read (rule EVERY_RULE)."""

    rule_id: str
    file: str
    resource: str
    attribute: str  # "runtime", "environment.API_KEY", "policy", …; "source" for a module call
    reason: str


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. an expired exception that no longer applies
    engines: tuple[str, ...] = ()  # the engines that ran
    undecided: list[Undecided] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)  # files found that are not readable templates

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    def disagreements(self) -> list[Finding]:
        """Findings that not every engine that ran reported: each one is a bug."""
        return [f for f in self.findings if set(f.engines) != set(self.engines)]
