"""The Markdown report: a pull/merge request comment.

A summary line (counts by severity), counts by CSA risk, one table of the active findings (most severe
first; for plans with the change the plan makes and the `.tf` block when the source is known), how to fix each rule in a
collapsible `<details>`, then suppressed findings with their reason, errors, notices and (verbose) the
undecided values. The first line
is an HTML comment (`<!-- faasguard -->`) so a bot can find and update its earlier comment. Text taken
from the scanned files (paths, resources, messages, reasons) is escaped: a `|` cannot break the table.
"""
from __future__ import annotations

from faasguard import catalog
from faasguard.report import attack_paths, undecided
from faasguard.report.paths import display_path
from faasguard.scan import Finding, ScanResult

MARKER = "<!-- faasguard -->"
MAX_ROWS = 100  # GitHub refuses comments over 65,536 characters
SEVERITIES = tuple(reversed(catalog.SEVERITY_ORDER))  # CRITICAL first
FIX_KEYS = {"terraform": "terraform", "terraform_plan": "terraform", "cloudformation": "cloudformation",
            "sam": "sam", "serverless": "serverless"}
FORMAT_NAMES = {"terraform": "Terraform", "cloudformation": "CloudFormation", "sam": "AWS SAM",
                "serverless": "Serverless Framework"}
SOURCES = {"inline": "inline comment", "metadata": "template Metadata", "config": ".faasguard.yaml"}
_SPECIAL = "\\`*_[]<>|~&"


def escape(text: str) -> str:
    """Text as literal Markdown, safe inside a table cell."""
    escaped = "".join("\\" + ch if ch in _SPECIAL else ch for ch in str(text))
    return " ".join(escaped.split())  # newlines would end the row


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _where(finding: Finding) -> str:
    """The file and lines; for a plan finding whose source is known, the `.tf` block (where a reviewer
    fixes it) and the plan it was found in."""
    if finding.source is not None:
        source = finding.source
        return escape(f"{display_path(source.file)}:{source.start}-{source.end} (in {display_path(finding.file)})")
    start, end = finding.lines
    file = display_path(finding.file)
    return escape(f"{file}:{start}-{end}" if start else file)


def _formats(result: ScanResult) -> dict[str, str]:
    return {file: document.format for document in result.documents for file in (*document.files, document.path)}


def summary(result: ScanResult) -> str:
    active = result.active_findings
    if active:
        counts = {s: sum(1 for f in active if f.rule.severity == s) for s in SEVERITIES}
        parts = [f"**{_plural(len(active), 'finding')}** "
                 f"({', '.join(f'{n} {s}' for s, n in counts.items() if n)})"]
    else:
        parts = ["**No findings**"]
    suppressed = len(result.findings) - len(active)
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if result.errors:
        parts.append(f"**{_plural(len(result.errors), 'error')}** (not evaluated)")
    if result.undecided:
        parts.append(undecided.count(result))
    return " · ".join(parts)


def _by_risk(findings: list[Finding]) -> list[str]:
    """Counts by CSA risk, in the CSA's order (a rule under two risks counts under each)."""
    counts = {risk: sum(1 for f in findings if risk in f.rule.sas) for risk in catalog.RISKS}
    lines = ["| CSA risk | Findings |", "| --- | ---: |"]
    lines += [f"| {risk} {catalog.RISKS[risk]} | {n} |" for risk, n in counts.items() if n]
    return lines


def _table(findings: list[Finding]) -> list[str]:
    """One row per finding; plans add the change the plan makes to the resource."""
    order = sorted(findings, key=lambda f: (SEVERITIES.index(f.rule.severity), display_path(f.file), f.lines,
                                            f.rule_id, f.resource))
    planned = any(f.change is not None for f in findings)
    change = ("| Change ", "| --- ") if planned else ("", "")
    lines = [f"| Severity | Rule | File | Resource {change[0]}| Message |",
             f"| --- | --- | --- | --- {change[1]}| --- |"]
    for f in order[:MAX_ROWS]:
        action = f"| {escape(f.change or '')} " if planned else ""
        lines.append(f"| {f.rule.severity} | [{f.rule_id}]({f.rule.guideline}) | {_where(f)} | "
                     f"{escape(f.resource)} {action}| {escape(f.message)} |")
    if len(order) > MAX_ROWS:
        lines += ["", f"… and {len(order) - MAX_ROWS} more: see the full report (`--format json` or `sarif`)."]
    return lines


def _fixes(findings: list[Finding], formats: dict[str, str]) -> list[str]:
    lines = ["<details>", "<summary>How to fix</summary>", ""]
    for rule_id, rule in catalog.rules().items():
        mine = [f for f in findings if f.rule_id == rule_id]
        if not mine:
            continue
        keys = {FIX_KEYS[formats[f.file]] for f in mine if formats.get(f.file) in FIX_KEYS} or set(rule.fix)
        lines += [f"#### {rule.id} {rule.title}", "", f"{rule.severity}, CSA {', '.join(rule.sas)}. {rule.why}", ""]
        lines += [f"- **{FORMAT_NAMES[key]}**: {fix}" for key, fix in rule.fix.items() if key in keys]
        lines += ["", f"[{rule.id} documentation]({rule.guideline})", ""]
    return lines + ["</details>"]


def _attack_paths(findings: list[Finding]) -> list[str]:
    """Each attack path (FG_00_01) as a chain under its function."""
    lines = []
    for f in findings:
        if f.paths and f.suppression is None:
            lines.append(f"- **{escape(f.resource)}** ({_where(f)})")
            lines += [f"  - {escape(chain)}" for chain in attack_paths.chains(f)]
    return ["#### Attack paths", "", *lines, ""] if lines else []


def _suppressed(findings: list[Finding]) -> list[str]:
    lines = [f"#### Suppressed ({len(findings)})", "", "| Rule | File | Resource | Suppressed by | Reason |",
             "| --- | --- | --- | --- | --- |"]
    for f in findings:
        by = SOURCES[f.suppression.source] + (f" until {f.suppression.expires}" if f.suppression.expires else "")
        lines.append(f"| {f.rule_id} | {_where(f)} | {escape(f.resource)} | {escape(by)} | "
                     f"{escape(f.suppression.reason)} |")
    return lines


def render(result: ScanResult, verbose: bool = False) -> str:
    """`verbose` lists the undecided values (the summary always counts them)."""
    active = result.active_findings
    suppressed = [f for f in result.findings if f.suppression is not None]
    lines = [MARKER, f"### faasguard: {summary(result)}", ""]
    if active:
        lines += _by_risk(active) + [""] + _table(active) + [""] + _attack_paths(active)
        lines += _fixes(active, _formats(result)) + [""]
    else:
        scanned = {file for document in result.documents for file in (document.files or (document.path,))}
        lines += [f"No findings in {_plural(len(scanned), 'scanned file')}"
                  + (" (the files with errors below were not evaluated)." if result.errors else "."), ""]
    if suppressed:
        lines += _suppressed(suppressed) + [""]
    if result.errors:
        lines += [f"#### Errors ({len(result.errors)})", "",
                  "These could not be evaluated; faasguard fails closed, so they do not pass:", ""]
        lines += [f"- {escape(display_path(e.file))}: {escape(e.message)}" for e in result.errors] + [""]
    notes = [*result.notices, *map(undecided.not_checked_line, result.not_checked)]
    if notes:
        lines += [f"#### Notices ({len(notes)})", ""]
        lines += [f"- {escape(notice)}" for notice in notes] + [""]
    if verbose and result.undecided:
        lines += [f"#### Undecided ({len(result.undecided)})", "",
                  "Values these rules need that only deployment settles, or alternatives that disagree:", ""]
        lines += [f"- {escape(undecided.line(entry))}" for entry in result.undecided] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
