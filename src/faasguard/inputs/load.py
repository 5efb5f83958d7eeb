"""Discover files under the scanned paths and parse them into documents, failing closed.

A file that looks like infrastructure as code but cannot be parsed is an error, never skipped; other
files (package.json, Helm charts, …) are ignored when found in a directory and are an error when
named explicitly.
"""
from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from faasguard.inputs import cfn_yaml, dependencies, json_lines, limits, serverless_files, terraform
from faasguard.inputs.detect import detect
from faasguard.inputs.document import Document, InputError, Location
from faasguard.model.serverless import Service as ServerlessService
from faasguard.model.values import intrinsic, is_map

SKIPPED_DIRS = {".terraform", "node_modules", ".git", ".serverless", ".aws-sam", "__pycache__", ".venv", "venv"}
YAML_SUFFIXES = {".yaml", ".yml", ".template"}
JSON_SUFFIXES = {".json"}
# Text that marks a file as meant to be a template, so a parse failure is an error and not noise.
_IAC_HINT = re.compile(
    r"AWSTemplateFormatVersion|AWS::Serverless|^Resources\s*:|\"Resources\"\s*:|^service\s*:|^provider\s*:"
    r"|\"terraform_version\"|\"planned_values\"|\"resource_changes\"",
    re.M,
)


@dataclass(frozen=True)
class NotChecked:
    """A file faasguard found and cannot read as a template (a notice: it is not checked)."""

    file: str
    reason: str


@dataclass(frozen=True)
class UnreadModule:
    """A Terraform module call whose resources faasguard cannot read (registry, git, missing folder)."""

    file: str
    address: str
    reason: str


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    unread_modules: list[UnreadModule] = field(default_factory=list)


def _walk(root: Path, result: LoadResult) -> tuple[list[Path], list[Path]]:
    """Files to look at and directories holding *.tf or *.tf.json files. A directory that cannot be listed
    is an error; a link to a directory is not followed (it may lead anywhere, `/` or a loop), and says so."""
    files, tf_dirs = [], []

    def unreadable(error: OSError) -> None:
        result.errors.append(InputError(error.filename, f"cannot read directory: {error.strerror or error}"))

    for current, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        # os.walk does not descend into them; they may hold templates, so the report lists them
        for link in (here / d for d in dirs if (here / d).is_symlink()):
            if _loops_back(link):
                result.errors.append(InputError(str(link), f"a link to {os.path.realpath(link)}, a directory that "
                                                           "holds it: a loop, not followed"))
            else:
                result.not_checked.append(_directory_link(link))
        if any(terraform.is_module_file(n) for n in names):
            tf_dirs.append(here)
        # a Terraform module's JSON files (.tf.json, .tfvars.json) are read with the module
        files += [here / n for n in sorted(names) if Path(n).suffix in YAML_SUFFIXES | JSON_SUFFIXES
                  and not n.endswith((".tf.json", ".tfvars.json"))]
        # links that lead to each other (no name says whether a file or a directory was meant; those
        # with a template's name are errors when read)
        result.errors += [InputError(str(here / n), "cannot read: Too many levels of symbolic links")
                          for n in sorted(names) if Path(n).suffix not in YAML_SUFFIXES | JSON_SUFFIXES
                          and _is_link_loop(here / n)]
    return files, tf_dirs


def _loops_back(link: Path) -> bool:
    """A link to a directory above it (or to its own folder): following it would never end."""
    target = os.path.realpath(link)
    return os.path.commonpath([target, os.path.realpath(link.parent)]) == target


def _is_link_loop(path: Path) -> bool:
    if not path.is_symlink():
        return False
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _directory_link(link: Path) -> NotChecked:
    return NotChecked(str(link), f"a link to the directory {os.path.realpath(link)}, not followed; "
                                 f"name that directory to scan it")


def _lines_of_mapping(node: yaml.Node | None, path: str, *keys: str) -> dict[str, Location]:
    for key in keys:
        node = cfn_yaml.mapping_child(node, key)
    return {name: Location(path, start, end) for name, (start, end) in cfn_yaml.key_lines(node).items()}


def _yaml_locations(fmt: str, node: yaml.Node | None, path: str) -> dict[str, Location]:
    if fmt == "serverless":
        provider = {k: v for k, v in cfn_yaml.key_lines(node).items() if k == "provider"}
        locations = {k: Location(path, *v) for k, v in provider.items()}
        locations.update(_listed_lines(node, path, "resources", "Resources"))  # roles and IAM policies
        locations.update(_listed_lines(node, path, "functions"))
        return locations
    return _lines_of_mapping(node, path, "Resources")


def _listed_lines(node: yaml.Node | None, path: str, key: str, *inner: str) -> dict[str, Location]:
    """Lines of the entries under a Serverless `functions` / `resources`, also when it is a list of maps
    (the Framework merges them)."""
    value = cfn_yaml.mapping_child(node, key)
    parts = value.value if isinstance(value, yaml.SequenceNode) else [value]
    return {name: location for part in parts for name, location in _lines_of_mapping(part, path, *inner).items()}


def _json_locations(fmt: str, text: str, path: str) -> dict[str, Location]:
    """Resource line ranges of a JSON CloudFormation or SAM template, read from its text."""
    if fmt not in ("cloudformation", "sam"):
        return {}
    lines = json_lines.member_lines(text, "Resources")
    return {name: Location(path, start, end) for name, (start, end) in lines.items()}


# `"address": "<a JSON string>"`, as `terraform show -json` writes each resource's address
_ADDRESS = re.compile(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")')


def _plan_locations(text: str, data: dict, path: str) -> dict[str, Location]:
    """The line of each resource change's `address` in the plan file: where the address first appears,
    found in one pass over the text (a search from the start for each resource was quadratic)."""
    wanted = {c["address"] for c in data.get("resource_changes") or []
              if isinstance(c, dict) and isinstance(c.get("address"), str)}
    first_lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _ADDRESS.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        address = json.loads(match.group(1))
        if address in wanted and address not in first_lines:
            first_lines[address] = line
    return {a: Location(path, first_lines.get(a, 0), first_lines.get(a, 0)) for a in wanted}


def parse_file(path: Path, explicit: bool) -> tuple[Document | None, InputError | None]:
    # explicit: the user named this file, so a file that is not a template is an error
    """Parse one YAML/JSON file. (None, None) means: not infrastructure as code, ignored."""
    name = str(path)
    try:
        text = limits.read_text(path)
    except OSError as exc:
        return None, InputError(name, f"cannot read file: {exc.strerror or exc}")
    except limits.LimitError as exc:
        return None, InputError(name, str(exc))
    try:
        data, node = _parse_text(path, text)
    except (ValueError, yaml.YAMLError) as exc:
        if explicit or _IAC_HINT.search(text) or path.name.startswith("serverless."):
            return None, InputError(name, f"cannot parse {path.suffix.lstrip('.').upper() or 'file'}: {_reason(exc)}")
        return None, None
    if data is None:  # empty, or only comments
        return None, (InputError(name, "the file is empty") if explicit else None)
    # a Serverless service is read with its includes, as the Framework reads it
    service = serverless_files.read(data, path) if serverless_files.is_service(data) else None
    data = service.data if service else data
    # the same structure under a Serverless service's `resources` (its CloudFormation part)
    problem = (_template_shape_problem(data, node, text) if service is None else
               _template_shape_problem(data.get("resources"), node, text, at=("resources",)))
    if problem:
        return None, InputError(name, f"{problem}; this file was not checked")
    fmt = detect(data)
    if fmt is None or fmt == "terraform":
        if service is not None:
            return None, _serverless_errors(service, name, node, text)
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
    dependencies.attach(fmt, name, data)  # the manifests of the code it deploys, for both engines
    document = Document(format=fmt, path=name, data=data, locations=locations, files=files)
    return document, (_serverless_errors(service, name, node, text) if fmt == "serverless" else None)


def _parse_text(path: Path, text: str) -> tuple[object, yaml.Node | None]:
    """The value of a YAML or JSON text (and the YAML node tree), within the active limits."""
    if path.suffix in JSON_SUFFIXES:
        data = json_lines.loads(text, limits.active().max_depth)
        _refuse_lone_surrogates(data)
        return data, None
    return cfn_yaml.load(text)


def _refuse_lone_surrogates(data: object) -> None:
    """JSON lets a string escape half of a UTF-16 pair (`"\\ud83d"`), which is no character at all;
    Checkov's parser refuses such a file, so faasguard does too (one linear re-encoding)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"a string holds {exc.object[exc.start:exc.end]!a}, half of a UTF-16 surrogate pair: "
                         "not a character") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, yaml.YAMLError):
        return cfn_yaml.error_reason(exc)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _template_shape_problem(data: object, node: yaml.Node | None, text: str, at: tuple[str, ...] = ()) -> str | None:
    """What CloudFormation itself refuses in a template's structure, which the engines would read
    differently (Checkov drops such a file, the Rego adapter reads around it): `Resources` not a
    map, a resource not a map, `Properties` not a plain map (null or an intrinsic included). `at`: the
    keys above `Resources` (a Serverless service's `resources`)."""
    if not isinstance(data, dict) or "Resources" not in data or detect(data) == "terraform_plan":
        return None

    def where(*keys: str) -> str:
        line = _key_line(node, text, *at, *keys)
        return f"line {line}: " if line else ""  # 0: from an include, whose lines this file does not hold

    resources = data["Resources"]
    if not isinstance(resources, dict):
        return f"{where('Resources')}`Resources` is {_kind(resources)}, not a map of resources"
    for name, resource in resources.items():
        if not isinstance(resource, dict):
            return f"{where('Resources', str(name))}resource {name} is {_kind(resource)}, not a map"
        properties = resource.get("Properties")
        # `Properties:` written with no value is null, and an intrinsic cannot stand for the whole map:
        # cfn-lint (E3012) and Checkov refuse both
        if "Properties" in resource and not is_map(properties):
            return f"{where('Resources', str(name), 'Properties')}`Properties` of {name} is {_kind(properties)}, not a map"
    return None


def _key_line(node: yaml.Node | None, text: str, *keys: str) -> int:
    """The line of the last of `keys` (a path of mapping keys from the top), in YAML or JSON."""
    if node is None:
        return json_lines.member_lines(text, *keys[:-1]).get(keys[-1], (0, 0))[0]
    for key in keys[:-1]:
        node = cfn_yaml.mapping_child(node, key)
    return cfn_yaml.key_lines(node).get(keys[-1], (0, 0))[0]


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    call = intrinsic(value)
    if call:
        return f"the intrinsic {call[0]}"
    names = {str: "a string", list: "a list", bool: "a boolean", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _serverless_errors(service: serverless_files.Configuration, name: str, node: yaml.Node | None = None,
                       text: str = "") -> InputError | None:
    """What faasguard cannot read of a Serverless service (an include, the provider, functions) is
    an error naming it, rather than a pass; the rest of the service is still evaluated."""
    problems = [f"cannot include {problem}" for problem in service.problems]
    if "functions" in service.data and service.data["functions"] is None:
        # `functions:` with nothing under it: entries removed or all commented out. The Framework's
        # schema wants an object; a service meant to hold no function leaves the key out.
        line = _key_line(node, text, "functions")
        problems.append(f"{f'line {line}: ' if line else ''}`functions` is written with no value (null), so the "
                        "service declares no function; leave the key out if it has none, else its functions "
                        "were not checked")
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
        for path in terraform.module_files(directory):
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


def _load_terraform(directory: Path, result: LoadResult, var_files: tuple[str, ...]) -> None:
    try:
        result.documents += terraform.load_module(directory, var_files=var_files)
    except terraform.HclError as exc:
        result.errors.append(InputError(str(directory), str(exc)))


def load_paths(paths: list[str], skip_unknown: bool = False, file_limits: limits.Limits | None = None,
               var_files: tuple[str, ...] = ()) -> LoadResult:
    """Documents of every path. With skip_unknown, named files that are not infrastructure as code
    (a workflow YAML handed over by pre-commit) are ignored as they are inside directories.
    `file_limits` (default: the active ones) bound every file read, includes too (limits.py).
    `var_files` (`--var-file`) give values to the variables of every Terraform root module scanned."""
    with limits.applied(file_limits or limits.active()):
        return _load_paths(paths, skip_unknown, var_files)


def _load_paths(paths: list[str], skip_unknown: bool, var_files: tuple[str, ...]) -> LoadResult:
    result = LoadResult()
    tf_dirs: list[Path] = []
    for raw in paths:
        path = Path(os.path.abspath(raw))  # engines report absolute paths; findings are merged by file
        if path.is_dir():
            result.not_checked += not_checked_files(path)
            files, found_tf = _walk(path, result)
            tf_dirs += found_tf
            for file in files:
                _add(parse_file(file, explicit=False), result)
        elif path.is_file() or os.path.lexists(path):  # a link that loops or dangles is read, and fails
            if terraform.is_module_file(path):
                tf_dirs.append(path.parent)
            elif terraform.is_variables_file(path) and terraform.module_files(path.parent):
                tf_dirs.append(path.parent)  # a changed variables file (pre-commit) scans its module again
            else:
                _add(parse_file(path, explicit=not skip_unknown), result)
        else:
            result.errors.append(InputError(raw, "no such file or directory"))
    for directory in _terraform_roots(list(dict.fromkeys(tf_dirs))):
        _load_terraform(directory, result, var_files)
    result.unread_modules = [m for d in result.documents if d.format == "terraform" for m in unread_modules(d)]
    return result


def _add(parsed: tuple[Document | None, InputError | None], result: LoadResult) -> None:
    document, error = parsed
    if document is not None:
        result.documents.append(document)
        if _declares_no_function(document):
            result.not_checked.append(NotChecked(document.path, _NO_FUNCTION))
    if error is not None:
        result.errors.append(error)


# A Serverless service without functions (`functions` absent or {}) deploys no Lambda function: not
# an error (a service may hold only `resources`), but the report says nothing was checked. `null`
# is an error instead (_serverless_errors).
_NO_FUNCTION = ("the service declares no function (`functions` is absent or empty), so the Serverless "
                "Framework deploys none and no function was checked")


def _declares_no_function(document: Document) -> bool:
    if document.format != "serverless" or ("functions" in document.data and document.data["functions"] is None):
        return False
    service = ServerlessService(document.data)
    return not service.functions and not service.empty_functions and service.unseen_functions is None


# ------------------------------------------------------------ what faasguard finds and cannot read

_NOT_CHECKED_NAMES = {
    **dict.fromkeys(("serverless.ts", "serverless.js", "serverless.cjs", "serverless.mjs"),
                    "a Serverless Framework configuration in JavaScript/TypeScript: faasguard reads only "
                    "serverless.yml, serverless.yaml and serverless.json; this file was not checked"),
    "cdk.json": "an AWS CDK app: faasguard reads the templates `cdk synth` writes (scan cdk.out/); "
                "this file was not checked",
}
_NOT_A_SERVICE = "serverless.json is not a Serverless service (no `service` and `provider`); this file was not checked"


def not_checked_files(root: Path) -> list[NotChecked]:
    """Files under `root` named like a configuration faasguard cannot read as a template."""
    found = []
    for current, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(names):
            reason = _NOT_CHECKED_NAMES.get(name) or (_NOT_A_SERVICE if name == "serverless.json" else None)
            if reason and not (reason is _NOT_A_SERVICE and _is_service_file(Path(current, name))):
                found.append(NotChecked(str(Path(current, name)), reason))
    return found


def _is_service_file(path: Path) -> bool:
    """A serverless.json that is a service, or that does not parse (parse_file reports that as an error)."""
    try:
        return serverless_files.is_service(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        return True


def unread_modules(document: Document) -> list[UnreadModule]:
    """The module calls of a Terraform module whose resources are not read: a registry or git source
    (faasguard does not download modules) or a local folder that does not exist."""
    prefix = f"{document.data['faasguard_module']}." if document.data.get("faasguard_module") else ""
    found = []
    for name, blocks in sorted((document.data.get("module") or {}).items()):
        source = blocks[0].get("source") if blocks and isinstance(blocks[0], dict) else None
        reason = _unread_reason(Path(document.path), source)
        if reason:
            found.append(UnreadModule(_module_file(document, name), f"{prefix}module.{name}", reason))
    return found


def _unread_reason(directory: Path, source: object) -> str | None:
    if not isinstance(source, str) or "${" in source:
        return "its source is not a literal string; its resources were not checked"
    if not source.startswith(("./", "../")):
        return f"source {source} is not a local folder (faasguard does not download modules); its resources were not checked"
    if not (directory / source).is_dir():
        return f"source folder {source} does not exist; its resources were not checked"
    return None


def _module_file(document: Document, name: str) -> str:
    """The file declaring `module "<name>"` (module calls have no recorded lines)."""
    declaration = re.compile(rf'^\s*module\s+"{re.escape(name)}"', re.M)
    for file in document.files:
        try:
            if declaration.search(Path(file).read_text(encoding="utf-8")):
                return file
        except (OSError, UnicodeDecodeError):
            continue
    return document.files[0] if document.files else document.path
