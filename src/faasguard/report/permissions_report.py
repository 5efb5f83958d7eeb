"""`faasguard permissions` as text, JSON or Markdown: per function, its attack paths, its entry points
(public ones first) and its grants (most dangerous first) with where each comes from, and narrower
replacements for grants on every resource of a service whose stores the file declares."""
from __future__ import annotations

import json

from faasguard.permissions import AccessReport, FunctionAccess
from faasguard.report.markdown_report import escape
from faasguard.report.paths import display_path

VERSION = 1


def _entry(entry) -> dict[str, str]:
    return {"kind": entry.kind, "name": entry.name, "access": entry.access, "resource": entry.resource}


def _grant(grant) -> dict[str, object]:
    return {"level": grant.level, "permission": grant.what, "resource": grant.resource, "origin": grant.origin,
            "role": grant.role}


def _function(f: FunctionAccess) -> dict[str, object]:
    return {
        "file": display_path(f.file), "format": f.format, "function": f.function, "role": f.role,
        "attack_paths": [path.steps() for path in f.paths],
        "entry_points": [_entry(e) for e in f.entry_points],
        "permissions": [_grant(g) for g in f.grants],
        "narrower": [{"permission": r.grant.what, "resource": r.grant.resource, "replacement": r.text}
                     for r in f.replacements],
    }


def render_json(report: AccessReport) -> str:
    return json.dumps({"version": VERSION, "functions": [_function(f) for f in report.functions],
                       "errors": [{"file": display_path(e.file), "message": e.message} for e in report.errors]},
                      indent=2) + "\n"


def _text_function(f: FunctionAccess) -> list[str]:
    lines = [f"{f.function}  ({display_path(f.file)}; role {f.role or '(none in the files)'})"]
    lines += [f"  ATTACK PATH  {path.chain()}" for path in f.paths]
    lines.append("  entry points:" if f.entry_points else "  entry points: none in the files")
    lines += [f"    PUBLIC  {e.name} at {e.resource}" if e.public else f"            {e.name} ({e.access}) at {e.resource}"
              for e in f.entry_points]
    lines.append("  permissions:" if f.grants else "  permissions: none in the files")
    lines += [f"    {g.level:<22} {g.what}  [{g.source}]" for g in f.grants]
    if f.replacements:
        lines.append("  narrower:")
        lines += [f"    {r.grant.what}  →  {r.text}" for r in f.replacements]
    return lines + [""]


def _summary(report: AccessReport) -> str:
    functions = report.functions
    exposed = sum(1 for f in functions if any(e.public for e in f.entry_points))
    with_paths = sum(1 for f in functions if f.paths)
    text = f"{len(functions)} function(s), {exposed} publicly invocable, {with_paths} with an attack path"
    return text + (f", {len(report.errors)} error(s)" if report.errors else "")


def render_text(report: AccessReport) -> str:
    lines = [line for f in report.functions for line in _text_function(f)]
    lines += [f"ERROR {display_path(e.file)}: {e.message}" for e in report.errors]
    return "\n".join([*lines, _summary(report)]) + "\n"


def _markdown_function(f: FunctionAccess) -> list[str]:
    lines = [f"### {escape(f.function)}", "", f"{escape(display_path(f.file))}, role "
             f"{escape(f.role) if f.role else '(none in the files)'}", ""]
    if f.paths:
        lines += ["**Attack paths**", ""] + [f"- {escape(p.chain())}" for p in f.paths] + [""]
    if f.entry_points:
        lines += ["| Entry point | Access | Resource |", "| --- | --- | --- |"]
        lines += [f"| {escape(e.name)} | {'**public**' if e.public else escape(e.access)} | {escape(e.resource)} |"
                  for e in f.entry_points] + [""]
    if f.grants:
        lines += ["| Level | Permission | From |", "| --- | --- | --- |"]
        lines += [f"| {g.level} | {escape(g.what)} | {escape(g.source)} |" for g in f.grants] + [""]
    if f.replacements:
        lines += ["Narrower:", ""] + [f"- {escape(r.grant.what)} → `{r.text}`" for r in f.replacements] + [""]
    return lines


def render_markdown(report: AccessReport) -> str:
    lines = [f"## faasguard permissions: {_summary(report)}", ""]
    lines += [line for f in report.functions for line in _markdown_function(f)]
    if report.errors:
        lines += ["#### Errors", ""] + [f"- {escape(display_path(e.file))}: {escape(e.message)}"
                                        for e in report.errors] + [""]
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
