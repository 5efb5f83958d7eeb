"""The JSON report (docs/json-report.md): {"version": 1, "findings": [...], "errors": [...]}."""
from __future__ import annotations

import json

from faasguard.report.paths import display_path
from faasguard.scan import ScanResult

VERSION = 1


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
            }
            for f in result.findings
        ],
        "errors": [{"file": display_path(e.file), "message": e.message} for e in result.errors],
    }
    return json.dumps(document, indent=2) + "\n"
