"""The JSON report (docs/json-report.md): {"version": 1, "findings": [...], "errors": [...], "notices": [...],
"undecided": [...], "not_checked": [...]}."""
from __future__ import annotations

import json

from faasguard.report.paths import display_path
from faasguard.scan import Finding, ScanResult

VERSION = 1


def _suppressed(finding: Finding) -> dict[str, str | None] | None:
    if finding.suppression is None:
        return None
    return {"source": finding.suppression.source, "reason": finding.suppression.reason,
            "expires": finding.suppression.expires}


def _source(finding: Finding) -> dict[str, object] | None:
    if finding.source is None:
        return None
    return {"file": display_path(finding.source.file), "lines": [finding.source.start, finding.source.end]}


def render(result: ScanResult) -> str:
    document = {
        "version": VERSION,
        "findings": [
            {
                "rule_id": f.rule_id,
                "title": f.rule.title,
                "severity": f.rule.severity,
                "sas": list(f.rule.sas),
                "file": display_path(f.file),
                "resource": f.resource,
                "lines": list(f.lines),
                "engines": sorted(f.engines),
                "message": f.message,
                "fix": f.rule.fix,
                "guideline": f.rule.guideline,
                "suppressed": _suppressed(f),
                "change": f.change,
                "source": _source(f),
                "paths": f.paths,
            }
            for f in result.findings
        ],
        "errors": [{"file": display_path(e.file), "message": e.message} for e in result.errors],
        "notices": list(result.notices),
        "undecided": [{"rule_id": u.rule_id, "file": display_path(u.file), "resource": u.resource,
                       "attribute": u.attribute, "reason": u.reason} for u in result.undecided],
        "not_checked": [{"file": display_path(n.file), "reason": n.reason} for n in result.not_checked],
    }
    return json.dumps(document, indent=2) + "\n"
