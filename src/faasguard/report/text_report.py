"""The terminal report: findings grouped by file, then errors and a summary line."""
from __future__ import annotations

from itertools import groupby

from faasguard.report.paths import display_path
from faasguard.scan import ScanResult


def render(result: ScanResult) -> str:
    lines = []
    for file, findings in groupby(result.findings, key=lambda f: f.file):
        lines.append(display_path(file))
        for f in findings:
            where = f"{f.resource}" + (f" (lines {f.lines[0]}-{f.lines[1]})" if f.lines[0] else "")
            lines.append(f"  {f.rule.severity:<8} {f.rule_id}  {where}")
            lines.append(f"           {f.rule.title}: {f.message}  [{'+'.join(sorted(f.engines))}]")
        lines.append("")
    for error in result.errors:
        lines.append(f"ERROR {display_path(error.file)}: {error.message}")
    lines.append(f"{len(result.findings)} finding(s), {len(result.errors)} error(s) "
                 f"in {len(result.documents)} document(s)")
    return "\n".join(lines) + "\n"
