"""The SARIF 2.1.0 report, as GitHub code scanning accepts it (docs/ci.md).

One run; `tool.driver.rules` holds every catalog rule that has a finding (suppressed ones included), in
catalog order, and each result points at its rule by `ruleId` and `ruleIndex`. Paths are relative to the
working directory (`uriBaseId` `%SRCROOT%`), so run faasguard from the repository root. A region is
given only where the format has lines: GitHub rejects `startLine` 0. Files that could not be evaluated
are `toolExecutionNotifications` of level error, and make `executionSuccessful` false; files found that
are not readable templates are `toolExecutionNotifications` of level warning. Undecided values are results
of level `note` with the rule's id (`*` for a module call whose resources are not read, which no rule
entry describes), `properties.undecided` true and the attribute. An attack path of FG_00_01 is a
`codeFlows` entry of its result: one thread flow whose locations are its steps (entry point, function,
role, grant).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from faasguard import __version__, catalog
from faasguard.inputs.document import Location
from faasguard.report import attack_paths, undecided
from faasguard.report.paths import display_path
from faasguard.scan import Finding, ScanResult, Undecided

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/faasguard/faasguard"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "faasguard/v1"
LEVELS = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note", "INFO": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "metadata": "inSource", "config": "external"}
FORMAT_NAMES = {"terraform": "Terraform", "cloudformation": "CloudFormation", "sam": "AWS SAM",
                "serverless": "Serverless Framework"}


def level(severity: str) -> str:
    return LEVELS[severity]


def rule_name(title: str) -> str:
    """A PascalCase identifier from the title, as SARIF suggests for `name`."""
    words = re.findall(r"[A-Za-z0-9]+", title.replace("'", ""))
    return "".join(w[:1].upper() + w[1:] for w in words)


def _uri(path: str) -> dict[str, str]:
    shown = display_path(path)
    if os.path.isabs(shown):  # outside the working directory: an absolute file URI
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(PurePath(shown).as_posix()), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding) -> str:
    """Stable across runs and line moves: rule, file (as reported) and resource."""
    file = PurePath(display_path(finding.file)).as_posix()
    return hashlib.sha256(f"{finding.rule_id}\0{file}\0{finding.resource}".encode()).hexdigest()


def _help_text(rule: catalog.Rule) -> str:
    fixes = "\n".join(f"- {FORMAT_NAMES[fmt]}: {fix}" for fmt, fix in rule.fix.items())
    references = "\n".join(f"- {url}" for url in rule.references)
    return (f"{rule.title}\n\n{rule.why}\n\nHow to fix:\n{fixes}\n\n"
            f"CSA risks: {', '.join(rule.sas)}\nReferences:\n{references}\nDocumentation: {rule.guideline}")


def _help_markdown(rule: catalog.Rule) -> str:
    fixes = "\n".join(f"- **{FORMAT_NAMES[fmt]}**: {fix}" for fmt, fix in rule.fix.items())
    references = "\n".join(f"- <{url}>" for url in rule.references)
    return (f"**{rule.title}** ({rule.severity}, CSA {', '.join(rule.sas)})\n\n{rule.why}\n\n"
            f"#### How to fix\n\n{fixes}\n\n#### References\n\n{references}\n\n"
            f"[{rule.id} documentation]({rule.guideline})")


def _rule(rule: catalog.Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule_name(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": rule.guideline,
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": ["security", "serverless", *(f"CSA-{risk}" for risk in rule.sas)],
            "security-severity": catalog.SECURITY_SEVERITY[rule.severity],
            "precision": "high",
        },
    }


def _physical(file: str, start: int, end: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _uri(file)}
    if start > 0:
        physical["region"] = {"startLine": start, "endLine": max(end, start)}
    return physical


def _location(finding: Finding) -> dict[str, Any]:
    """Where code scanning shows the finding: a plan finding's `.tf` block when its source is known
    (the plan is seldom a file of the repository), else the finding's file and lines."""
    where = finding.source or Location(finding.file, *finding.lines)
    return {
        "physicalLocation": _physical(where.file, where.start, where.end),
        "logicalLocations": [{"name": finding.resource, "fullyQualifiedName": finding.resource, "kind": "resource"}],
    }


def _code_flow(finding: Finding, steps: list[dict[str, Any]]) -> dict[str, Any]:
    """An attack path (FG_00_01): its steps, entry point first, each at the resource it names."""
    return {
        "message": {"text": attack_paths.ARROW.join(step["description"] for step in steps)},
        "threadFlows": [{"locations": [
            {"location": {"physicalLocation": _physical(finding.file, *step["lines"]),
                          "logicalLocations": [{"name": step["resource"], "kind": "resource"}],
                          "message": {"text": f"{step['step']}: {step['description']}"}}}
            for step in steps]}],
    }


def _result(finding: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": level(finding.rule.severity),
        "message": {"text": f"{finding.resource}: {finding.message}"},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
        "properties": {"engines": sorted(finding.engines)},
    }
    if finding.paths:
        result["codeFlows"] = [_code_flow(finding, path) for path in finding.paths]
    if finding.change is not None:
        result["properties"]["change"] = finding.change
    if finding.source is not None:  # the plan itself, beside the source the finding is shown on
        result["relatedLocations"] = [{"id": 0, "physicalLocation": _physical(finding.file, *finding.lines),
                                       "message": {"text": "the planned resource"}}]
    if finding.suppression is not None:
        properties = {"source": finding.suppression.source}
        if finding.suppression.expires:
            properties["expires"] = finding.suppression.expires
        result["suppressions"] = [{
            "kind": SUPPRESSION_KINDS[finding.suppression.source],
            "justification": finding.suppression.reason,
            "properties": properties,
        }]
    return result


def _undecided_result(entry: Undecided, index: dict[str, int]) -> dict[str, Any]:
    """An undecided value as a `note`: where it is and why no verdict was reached."""
    file = PurePath(display_path(entry.file)).as_posix()
    key = f"undecided\0{entry.rule_id}\0{file}\0{entry.resource}\0{entry.attribute}"
    result: dict[str, Any] = {
        "ruleId": entry.rule_id,
        "level": "note",
        "message": {"text": undecided.describe(entry)},
        "locations": [{"physicalLocation": {"artifactLocation": _uri(entry.file)},
                       "logicalLocations": [{"name": entry.resource, "fullyQualifiedName": entry.resource,
                                             "kind": "resource"}]}],
        "partialFingerprints": {FINGERPRINT: hashlib.sha256(key.encode()).hexdigest()},
        "properties": {"undecided": True, "attribute": entry.attribute},
    }
    if entry.rule_id in index:
        result["ruleIndex"] = index[entry.rule_id]
    return result


def _not_checked_notification(entry) -> dict[str, Any]:
    return {"level": "warning", "message": {"text": entry.reason},
            "locations": [{"physicalLocation": {"artifactLocation": _uri(entry.file)}}]}


def document(result: ScanResult) -> dict[str, Any]:
    """The SARIF log as a dict."""
    found = {f.rule_id for f in result.findings} | {u.rule_id for u in result.undecided}
    rules = [rule for rule_id, rule in catalog.rules().items() if rule_id in found]
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "faasguard",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in rules],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "invocations": [{
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": error.message},
                     "locations": [{"physicalLocation": {"artifactLocation": _uri(error.file)}}]}
                    for error in result.errors
                ] + [_not_checked_notification(entry) for entry in result.not_checked],
                "toolConfigurationNotifications": [
                    {"level": "warning", "message": {"text": notice}} for notice in result.notices
                ],
            }],
            "results": [_result(f, index[f.rule_id]) for f in result.findings]
            + [_undecided_result(u, index) for u in result.undecided],
        }],
    }


def render(result: ScanResult) -> str:
    return json.dumps(document(result), indent=2) + "\n"
