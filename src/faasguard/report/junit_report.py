"""The JUnit XML report, for CI systems that show test reports (GitLab `artifacts:reports:junit`, Jenkins).

One `<testsuite>` per file with findings or errors (name and `classname` the file as reported), one
`<testcase>` per finding named `[SEVERITY][RULE] resource`: an active finding is a `<failure>` carrying the
message and the fix for the file's format, a suppressed one is `<skipped>` with its reason, and a file that
could not be evaluated is a testcase with an `<error>`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from faasguard.report.paths import display_path
from faasguard.scan import Finding, ScanResult

FIX_KEYS = {"terraform": "terraform", "terraform_plan": "terraform", "cloudformation": "cloudformation",
            "sam": "sam", "serverless": "serverless"}
FORMAT_NAMES = {"terraform": "Terraform", "cloudformation": "CloudFormation", "sam": "AWS SAM",
                "serverless": "Serverless Framework"}


# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _formats(result: ScanResult) -> dict[str, str]:
    """The format of each scanned file."""
    return {file: document.format for document in result.documents for file in (*document.files, document.path)}


def testcase_name(finding: Finding) -> str:
    return f"[{finding.rule.severity}][{finding.rule_id}] {finding.resource}"


def _failure_text(finding: Finding, fmt: str | None) -> str:
    rule = finding.rule
    start, end = finding.lines
    where = f"{display_path(finding.file)}:{start}-{end}" if start else display_path(finding.file)
    key = FIX_KEYS.get(fmt or "")
    fixes = [f"Fix ({FORMAT_NAMES[key]}): {rule.fix[key]}"] if key else \
        [f"Fix ({FORMAT_NAMES[k]}): {v}" for k, v in rule.fix.items()]
    return "\n".join([
        f"{rule.id} {rule.title}",
        finding.message,
        f"Resource: {finding.resource} ({where})",
        f"Severity: {rule.severity}; CSA risks: {', '.join(rule.sas)}; found by: {', '.join(sorted(finding.engines))}",
        *fixes,
        f"Guideline: {rule.guideline}",
    ])


def _counts(element: ET.Element, tests: int, failures: int, errors: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", str(skipped))


def render(result: ScanResult) -> str:
    formats = _formats(result)
    files = sorted({display_path(f.file) for f in result.findings} | {display_path(e.file) for e in result.errors})
    root = ET.Element("testsuites", {"name": "faasguard"})
    totals = [0, 0, 0, 0]
    for file in files:
        findings = sorted((f for f in result.findings if display_path(f.file) == file),
                          key=lambda f: (f.lines, f.rule_id, f.resource))
        errors = [e for e in result.errors if display_path(e.file) == file]
        suite = ET.SubElement(root, "testsuite", {"name": file})
        counts = [len(findings) + len(errors), 0, len(errors), 0]
        for finding in findings:
            case = ET.SubElement(suite, "testcase", {"classname": file, "name": testcase_name(finding), "file": file})
            if finding.suppression is not None:
                ET.SubElement(case, "skipped", {"message": finding.suppression.reason})
                counts[3] += 1
            else:
                failure = ET.SubElement(case, "failure", {"message": f"{finding.rule.title}: {finding.message}",
                                                          "type": finding.rule_id})
                failure.text = _failure_text(finding, formats.get(finding.file))
                counts[1] += 1
        for error in errors:
            case = ET.SubElement(suite, "testcase", {"classname": file, "name": "[ERROR] could not be evaluated",
                                                     "file": file})
            element = ET.SubElement(case, "error", {"message": error.message, "type": "InputError"})
            element.text = f"{file}: {error.message}\nThe file was not evaluated: faasguard fails closed."
        _counts(suite, *counts)
        totals = [t + c for t, c in zip(totals, counts)]
    _counts(root, *totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _xml(ET.tostring(root, encoding="unicode")) + "\n"
