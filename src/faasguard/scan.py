"""A scan: load the inputs, run the engines, merge their findings into one report."""
from __future__ import annotations

from dataclasses import dataclass, field

from faasguard import catalog
from faasguard.engines import EngineResult
from faasguard.inputs.document import Document, InputError
from faasguard.inputs.load import load_paths

ENGINES = ("checkov", "rego")


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

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    def disagreements(self) -> list[Finding]:
        """Findings that not every engine that ran reported: each one is a bug."""
        ran = {e for f in self.findings for e in f.engines}
        return [f for f in self.findings if set(f.engines) != ran]


@dataclass(frozen=True)
class RegoOptions:
    backend: str = "wasm"
    opa_path: str | None = None
    opa_url: str | None = None


def _run_engine(name: str, documents: list[Document], rego: RegoOptions) -> EngineResult:
    if name == "checkov":
        from faasguard.engines import checkov_engine

        return checkov_engine.run(documents)
    from faasguard.engines import rego as rego_engine

    try:
        backend = rego_engine.make_backend(rego.backend, rego.opa_path, rego.opa_url)
    except rego_engine.BackendError as exc:
        return EngineResult("rego", errors=[InputError(d.path, f"rego engine: {exc}") for d in documents])
    return rego_engine.run(documents, backend)


def _location(documents: list[Document], file: str, resource: str) -> tuple[int, int]:
    for document in documents:
        location = document.locations.get(resource)
        if location and location.file == file:
            return location.start, location.end
    return 0, 0


def merge(documents: list[Document], results: list[EngineResult]) -> list[Finding]:
    merged: dict[tuple[str, str, str], Finding] = {}
    for result in results:
        for found in result.findings:
            key = (found.rule_id, found.file, found.resource)
            if key in merged:
                merged[key].engines.append(result.engine)
                continue
            merged[key] = Finding(found.rule_id, found.file, found.resource,
                                  _location(documents, found.file, found.resource), [result.engine], found.message)
    # Checkov's records carry only the check name: take the message of the shared Python rule
    explained = _messages(documents)
    for key, finding in merged.items():
        finding.message = explained.get(key, finding.message)
    return sorted(merged.values(), key=lambda f: (f.file, f.lines, f.rule_id, f.resource))


def _messages(documents: list[Document]) -> dict[tuple[str, str, str], str]:
    from faasguard.evaluation import violations

    messages = {}
    for document in documents:
        for violation in violations(document):
            file = document.location(violation.resource).file
            messages[(violation.rule_id, file, violation.resource)] = violation.message
    return messages


def scan(paths: list[str], engines: tuple[str, ...] = ENGINES, rego: RegoOptions = RegoOptions()) -> ScanResult:
    loaded = load_paths(paths)
    results = [_run_engine(name, loaded.documents, rego) for name in engines]
    errors = list(loaded.errors)
    for result in results:
        errors += [e for e in result.errors if e not in errors]
    return ScanResult(merge(loaded.documents, results), errors, loaded.documents)
