"""What a scan produces: findings (merged across engines), suppressions, errors and notices."""
from __future__ import annotations

from dataclasses import dataclass, field

from faasguard import catalog
from faasguard.inputs.document import Document, InputError


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

    @property
    def rule(self) -> catalog.Rule:
        return catalog.rule(self.rule_id)


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. an expired exception that no longer applies
    engines: tuple[str, ...] = ()  # the engines that ran

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    def disagreements(self) -> list[Finding]:
        """Findings that not every engine that ran reported: each one is a bug."""
        return [f for f in self.findings if set(f.engines) != set(self.engines)]
