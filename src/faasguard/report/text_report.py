"""The terminal report: findings grouped by file, then notices, errors and a summary line.

    examples/sam/template.yaml
      HIGH     FG_06_01  NightlyReportFunction  lines 159-185  [checkov+rego]
               Lambda function uses a deprecated runtime: runtime python3.8 is deprecated since …
      MEDIUM   FG_05_01  OrdersFunction  lines 12-30  [checkov+rego]  (suppressed: traced by the caller)
               Lambda function has no active X-Ray tracing: …
      CRITICAL FG_00_01  PaymentWebhookFunction  lines 40-60  [checkov+rego]
               Anyone can invoke a function whose role grants …: anyone can invoke …
               path: function URL (public) → function PaymentWebhookFunction → role … → Action * (admin, …)

    NOTICE exception for FG_04_01 on aws_iam_role.admin expired on 2026-01-31 and no longer applies …
    NOTICE cdk.json: an AWS CDK app: faasguard reads the templates `cdk synth` writes …
    UNDECIDED infra/main.tf: FG_06_01 on aws_lambda_function.f (runtime): variable runtime has no default …
    ERROR infra/broken.yaml: cannot parse YAML: …

    1 finding (1 HIGH), 1 suppressed, 1 error, 1 undecided in 3 documents

UNDECIDED lines appear only with `verbose` (`--verbose`); the summary always counts them.

Colour (`color=True`): severities CRITICAL/HIGH red, MEDIUM yellow, LOW/INFO cyan; suppressed findings
dimmed; file names bold. `use_color` decides it for a stream.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO

from faasguard import catalog
from faasguard.report import attack_paths, undecided
from faasguard.report.paths import display_path
from faasguard.scan import Finding, ScanResult

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"
SEVERITY_COLORS = {"CRITICAL": RED, "HIGH": RED, "MEDIUM": YELLOW, "LOW": CYAN, "INFO": CYAN}
SEVERITIES = tuple(reversed(catalog.SEVERITY_ORDER))  # CRITICAL first
INDENT = " " * 11


def use_color(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Colour for a terminal: never with NO_COLOR (https://no-color.org), always with FORCE_COLOR,
    otherwise when the stream is a TTY and TERM is not "dumb"."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _finding(f: Finding, color: bool) -> list[str]:
    severity = f"{f.rule.severity:<8}"
    where = f"  lines {f.lines[0]}-{f.lines[1]}" if f.lines[0] else ""
    if f.source is not None:  # a plan finding: where the resource is written counts more than the plan line
        where = f"  {display_path(f.source.file)}:{f.source.start}-{f.source.end}"
    if f.change is not None:
        where += f"  ({f.change})"
    tail = f"  [{'+'.join(sorted(f.engines))}]"
    if f.suppression is not None:
        until = f", expires {f.suppression.expires}" if f.suppression.expires else ""
        tail += f"  (suppressed: {f.suppression.reason}{until})"
    first = f"  {severity} {f.rule_id}  {f.resource}{where}{tail}"
    second = f"{INDENT}{f.rule.title}: {f.message}"
    paths = [f"{INDENT}path: {chain}" for chain in attack_paths.chains(f)]
    if not color:
        return [first, second, *paths]
    if f.suppression is not None:
        return [f"{DIM}{line}{RESET}" for line in (first, second, *paths)]
    painted = f"{SEVERITY_COLORS[f.rule.severity]}{severity}{RESET} {BOLD}{f.rule_id}{RESET}"
    return [f"  {painted}  {f.resource}{where}{tail}", second, *paths]


def summary(result: ScanResult) -> str:
    active = result.active_findings
    if active:
        counts = [(s, sum(1 for f in active if f.rule.severity == s)) for s in SEVERITIES]
        text = f"{_plural(len(active), 'finding')} ({', '.join(f'{n} {s}' for s, n in counts if n)})"
    else:
        text = "no findings"
    suppressed = len(result.findings) - len(active)
    if suppressed:
        text += f", {suppressed} suppressed"
    if result.errors:
        text += f", {_plural(len(result.errors), 'error')}"
    if result.undecided:
        text += f", {undecided.count(result)}"
    text += f" in {_plural(len(result.documents), 'document')}"
    return text[0].upper() + text[1:]


def render(result: ScanResult, color: bool = False, verbose: bool = False) -> str:
    """`verbose` lists the undecided values (the summary always counts them)."""
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if color else text

    lines: list[str] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(display_path(finding.file), []).append(finding)
    for file in sorted(by_file):
        lines.append(paint(BOLD, file))
        for finding in sorted(by_file[file], key=lambda f: (f.lines, f.rule_id, f.resource)):
            lines += _finding(finding, color)
        lines.append("")
    notes = [*result.notices, *map(undecided.not_checked_line, result.not_checked)]
    for notice in notes:
        lines.append(f"{paint(YELLOW, 'NOTICE')} {notice}")
    listed = result.undecided if verbose else []
    for entry in listed:
        lines.append(f"{paint(CYAN, 'UNDECIDED')} {undecided.line(entry)}")
    for error in result.errors:
        lines.append(f"{paint(RED, 'ERROR')} {display_path(error.file)}: {error.message}")
    if notes or listed or result.errors:
        lines.append("")
    lines.append(paint(BOLD, summary(result)) if color else summary(result))
    return "\n".join(lines) + "\n"
