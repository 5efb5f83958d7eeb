"""CloudFormation and SAM: the dependency manifests of the folders functions deploy from (FG_06_06).

The loader has read them (faasguard.inputs.dependencies) into the input field `faasguard_dependencies`;
`add_entries` turns its entries into function_settings records for every format (docs/model.md,
"Dependency manifests"). The twin is rego/faasguard/lib/dependencies.
"""
from __future__ import annotations

from typing import Any

from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import Template

VIEW = "function_settings"
KIND = "function"
MANIFEST = "dependency_manifest"  # value: a manifest read in the code folder (relative path)
PROBLEM = "dependency_problem"  # value: "<manifest>: <what is not locked or pinned>"


def add_entries(entries: Any, builder: ViewBuilder) -> None:
    """One record per manifest and per problem; a folder that could not be read is an unknown."""
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("resource"), str):
            continue
        resource, functions = entry["resource"], [f for f in entry.get("functions") or [] if isinstance(f, str)]
        if entry.get("unknown"):
            builder.unknown_because(resource, VIEW, MANIFEST, str(entry["unknown"]), functions)
        for manifest in entry.get("manifests") or []:
            builder.setting(VIEW, resource, KIND, MANIFEST, manifest["file"], functions)
            for problem in manifest.get("problems") or []:
                builder.setting(VIEW, resource, KIND, PROBLEM, f"{manifest['file']}: {problem}", functions)


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    add_entries(template.data.get("faasguard_dependencies"), builder)
