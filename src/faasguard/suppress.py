"""Suppressions, honoured the same way for both engines' findings: Checkov's inline
`checkov:skip=ID:reason` comments, CloudFormation `Metadata.checkov.skip`, and `.faasguard.yaml`."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
import os
import re
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from faasguard.config import Config
from faasguard.inputs.document import Document
from faasguard.results import Finding, Suppression

# checkov/common/comment/enum.py COMMENT_REGEX
SKIP_COMMENT = re.compile(r"(checkov:skip=|bridgecrew:skip=|cortex:skip=) *([A-Za-z_\d-]+(?:,[A-Za-z_\d-]+)*)?(:[^\n]*)?")


@lru_cache(maxsize=512)
def _skip_comments(path: str) -> tuple[tuple[int, ...], tuple[re.Match, ...]]:
    """The skip comments of a file and their lines (1-based, ascending), found in one pass over its text:
    a plan is one line of megabytes, so matching each finding's lines anew would be quadratic."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return (), ()
    lines, matches, line, position = [], [], 1, 0
    for match in SKIP_COMMENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
        matches.append(match)
    return tuple(lines), tuple(matches)


def inline(finding: Finding) -> Suppression | None:
    """A skip comment inside the resource's lines; for a plan finding, also inside the `.tf` block
    the resource comes from (as Checkov honours them with --repo-root-for-plan-enrichment)."""
    places = [(finding.file, *finding.lines)]
    if finding.source is not None:
        places.append((finding.source.file, finding.source.start, finding.source.end))
    for file, start, end in places:
        if not start:
            continue
        lines, matches = _skip_comments(file)
        for match in matches[bisect_left(lines, start):bisect_right(lines, end)]:
            ids = (match.group(2) or "").split(",")
            if finding.rule_id in ids:
                return Suppression("inline", (match.group(3) or ":").lstrip(":").strip() or "no reason given")
    return None


def metadata(finding: Finding, documents_by_file: dict[str, Document]) -> Suppression | None:
    document = documents_by_file.get(finding.file)
    if document is None or document.format not in ("cloudformation", "sam"):
        return None
    resource = (document.data.get("Resources") or {}).get(finding.resource)
    skips = ((resource or {}).get("Metadata") or {}).get("checkov", {}) if isinstance(resource, dict) else {}
    for skip in (skips.get("skip") if isinstance(skips, dict) else None) or []:
        if isinstance(skip, dict) and skip.get("id") == finding.rule_id:
            return Suppression("metadata", str(skip.get("comment") or "no reason given"))
    return None


def _resource_matches(resource: str, pattern: str) -> bool:
    """`*` and `?` are wildcards; brackets are literal: a plan's instance address
    (`module.fn["orders"].aws_lambda_function.this`) names itself, and `module.fn[*].…` every instance."""
    literal_brackets = "".join(f"[{ch}]" if ch in "[]" else ch for ch in pattern)
    return fnmatchcase(resource, literal_brackets)


def configured(finding: Finding, config: Config, today: dt.date) -> Suppression | None:
    relative = os.path.relpath(finding.file, config.base)
    for exception in config.exceptions:
        if exception.expired(today):
            continue
        if fnmatchcase(finding.rule_id, exception.rule) and _resource_matches(finding.resource, exception.resource) \
                and (exception.file is None or fnmatchcase(relative, exception.file)):
            return Suppression("config", exception.reason, exception.expires)
    return None


def apply(findings: list[Finding], documents: list[Document], config: Config, today: dt.date) -> list[str]:
    """Mark suppressed findings; return notices (expired exceptions)."""
    by_file = {f: d for d in documents for f in d.files}
    for finding in findings:
        finding.suppression = inline(finding) or metadata(finding, by_file) or configured(finding, config, today)
    return [
        f"exception for {e.rule} on {e.resource} expired on {e.expires} and no longer applies ({e.reason}); "
        f"in {config.path}"
        for e in config.exceptions if e.expired(today)
    ]
