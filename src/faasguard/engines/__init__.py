"""The two engines: Checkov (in process) and Rego (the opa binary). Each returns EngineFindings."""
from __future__ import annotations

from dataclasses import dataclass, field

from faasguard.inputs.document import InputError


@dataclass(frozen=True)
class EngineFinding:
    rule_id: str
    file: str
    resource: str
    message: str


@dataclass
class EngineResult:
    engine: str
    findings: list[EngineFinding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
