"""Discover files under the scanned paths and parse them into documents, failing closed.

A file that looks like infrastructure as code but cannot be parsed is an error, never skipped; other
files (package.json, Helm charts, …) are ignored when found in a directory and are an error when
named explicitly.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faasguard.inputs import cfn_yaml, json_lines, serverless_files, terraform
from faasguard.inputs.detect import detect
from faasguard.inputs.document import Document, InputError, Location
from faasguard.model.serverless import Service as ServerlessService

SKIPPED_DIRS = {".terraform", "node_modules", ".git", ".serverless", ".aws-sam", "__pycache__", ".venv", "venv"}
YAML_SUFFIXES = {".yaml", ".yml", ".template"}
JSON_SUFFIXES = {".json"}
# Text that marks a file as meant to be a template, so a parse failure is an error and not noise.
_IAC_HINT = re.compile(
    r"AWSTemplateFormatVersion|AWS::Serverless|^Resources\s*:|\"Resources\"\s*:|^service\s*:|^provider\s*:"
    r"|\"terraform_version\"|\"planned_values\"|\"resource_changes\"",
    re.M,
)


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _walk(root: Path) -> tuple[list[Path], list[Path]]:
    """Files to look at and directories holding *.tf files."""
    files, tf_dirs = [], []
    for current, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        here = Path(current)
        if any(n.endswith(".tf") for n in names):
            tf_dirs.append(here)
        files += [here / n for n in sorted(names) if Path(n).suffix in YAML_SUFFIXES | JSON_SUFFIXES]
    return files, tf_dirs


def _lines_of_mapping(node: yaml.Node | None, path: str, *keys: str) -> dict[str, Location]:
    for key in keys:
        node = cfn_yaml.mapping_child(node, key)
    return {name: Location(path, start, end) for name, (start, end) in cfn_yaml.key_lines(node).items()}


def _yaml_locations(fmt: str, node: yaml.Node | None, path: str) -> dict[str, Location]:
    if fmt == "serverless":
        provider = {k: v for k, v in cfn_yaml.key_lines(node).items() if k == "provider"}
        locations = {k: Location(path, *v) for k, v in provider.items()}
        locations.update(_lines_of_mapping(node, path, "functions"))
        return locations
    return _lines_of_mapping(node, path, "Resources")


def _json_locations(fmt: str, text: str, path: str) -> dict[str, Location]:
    """Resource line ranges of a JSON CloudFormation or SAM template, read from its text."""
    if fmt not in ("cloudformation", "sam"):
        return {}
    lines = json_lines.member_lines(text, "Resources")
    return {name: Location(path, start, end) for name, (start, end) in lines.items()}


def _plan_locations(text: str, data: dict, path: str) -> dict[str, Location]:
    """The line of each resource change's `address` in the plan file."""
    locations = {}
    for change in data.get("resource_changes") or []:
        address = change.get("address") if isinstance(change, dict) else None
        if not isinstance(address, str):
            continue
        needle = json.dumps(address)
        offset = text.find(f'"address": {needle}')
        if offset < 0:
            offset = text.find(f'"address":{needle}')
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 0
        locations[address] = Location(path, line, line)
    return locations


def parse_file(path: Path, explicit: bool) -> tuple[Document | None, InputError | None]:
    # explicit: the user named this file, so a file that is not a template is an error
    """Parse one YAML/JSON file. (None, None) means: not infrastructure as code, ignored."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, InputError(name, f"cannot read file: {exc}")
    try:
        if path.suffix in JSON_SUFFIXES:
            data, node = json.loads(text), None
        else:
            data, node = cfn_yaml.load(text)
    except (ValueError, yaml.YAMLError) as exc:
        if explicit or _IAC_HINT.search(text) or path.name.startswith("serverless."):
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return None, InputError(name, f"cannot parse {path.suffix.lstrip('.').upper() or 'file'}: {reason}")
        return None, None
    # a Serverless service is read with its includes, as the Framework reads it
    service = serverless_files.read(data, path) if serverless_files.is_service(data) else None
    data = service.data if service else data
    fmt = detect(data)
    if fmt == "terraform" and path.name.endswith(".tf.json"):
        # Terraform's JSON syntax holds resources faasguard does not read yet: never a silent pass
        return None, InputError(name, "Terraform JSON syntax (.tf.json) is not supported; this file was not checked")
    if fmt is None or fmt == "terraform":
        if service is not None:
            return None, _serverless_errors(service, name)
        if explicit:
            return None, InputError(name, "not a CloudFormation, SAM, Serverless Framework or Terraform plan file")
        return None, None
    if fmt == "terraform_plan":
        version = str(data.get("format_version", "1."))
        if not version.startswith("1."):
            return None, InputError(name, f"unsupported Terraform plan format_version {version} (1.x is understood)")
        locations = _plan_locations(text, data, name)
    else:
        locations = _yaml_locations(fmt, node, name) if node is not None else _json_locations(fmt, text, name)
    files = (name, *service.files) if service else (name,)
    document = Document(format=fmt, path=name, data=data, locations=locations, files=files)
    return document, (_serverless_errors(service, name) if fmt == "serverless" else None)


def _serverless_errors(service: serverless_files.Configuration, name: str) -> InputError | None:
    """What faasguard cannot read of a Serverless service (an include, the provider, functions) is
    an error naming it, rather than a pass; the rest of the service is still evaluated."""
    problems = [f"cannot include {problem}" for problem in service.problems]
    if not isinstance(service.data.get("provider"), dict):
        problems.append("`provider` is not an object faasguard can read; this file was not checked")
    elif unreadable := _unreadable_functions(service.data):
        problems.append(unreadable)
    return InputError(name, "; ".join(problems)) if problems else None


def _unreadable_functions(data: dict) -> str | None:
    """Functions faasguard cannot see (an include it cannot read, a `.js` file) are not checked: say so."""
    hidden = ServerlessService(data).unseen_functions
    if hidden is None:
        return None
    what = f"functions {', '.join(hidden)} are" if hidden else "`functions` is"
    return f"{what} not readable (an include faasguard cannot read, or not a map); those functions were not checked"


def _terraform_roots(tf_dirs: list[Path]) -> list[Path]:
    """Directories that are not only the local module of another scanned directory."""
    called: set[Path] = set()
    for directory in tf_dirs:
        for path in sorted(directory.glob("*.tf")):
            try:
                parsed = terraform.parse_file(path)
            except terraform.HclError:
                continue  # reported when the directory itself is loaded
            for entry in parsed.get("module", []):
                for body in entry.values():
                    source = (body.get("source") or [None])[0]
                    if isinstance(source, str) and source.startswith(("./", "../")):
                        called.add((directory / source).resolve())
    return [d for d in tf_dirs if d.resolve() not in called]


def _load_terraform(directory: Path, result: LoadResult) -> None:
    try:
        result.documents += terraform.load_module(directory)
    except terraform.HclError as exc:
        result.errors.append(InputError(str(directory), str(exc)))


def load_paths(paths: list[str], skip_unknown: bool = False) -> LoadResult:
    """Documents of every path. With skip_unknown, named files that are not infrastructure as code
    (a workflow YAML handed over by pre-commit) are ignored as they are inside directories."""
    result = LoadResult()
    tf_dirs: list[Path] = []
    for raw in paths:
        path = Path(os.path.abspath(raw))  # engines report absolute paths; findings are merged by file
        if path.is_dir():
            files, found_tf = _walk(path)
            tf_dirs += found_tf
            for file in files:
                _add(parse_file(file, explicit=False), result)
        elif path.is_file():
            if path.suffix == ".tf":
                tf_dirs.append(path.parent)
            else:
                _add(parse_file(path, explicit=not skip_unknown), result)
        else:
            result.errors.append(InputError(raw, "no such file or directory"))
    for directory in _terraform_roots(list(dict.fromkeys(tf_dirs))):
        _load_terraform(directory, result)
    return result


def _add(parsed: tuple[Document | None, InputError | None], result: LoadResult) -> None:
    document, error = parsed
    if document is not None:
        result.documents.append(document)
    if error is not None:
        result.errors.append(error)
