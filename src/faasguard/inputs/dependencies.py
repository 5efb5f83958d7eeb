"""The dependency manifests of the code functions deploy (FG_06_06), read once for both engines.

Rego sees only its input, so the loader reads the manifests here and writes what it found into the
document as the input field `faasguard_dependencies` (docs/model.md, "Dependency manifests"): one entry
per place a code folder is named, with the functions deploying it and, per manifest found there, what
is not locked or pinned. Both engines turn the entries into `function_settings` records.

Where code comes from, relative to the template / serverless.yml / Terraform module folder:
SAM `CodeUri` (with `Globals.Function`), CloudFormation `Code` as a local path; the Serverless service
folder (→ `provider`) and a function's `handler` folder or `module` (→ the function); Terraform
`aws_lambda_function.filename` from an `archive_file`'s `source_dir` / `source_file` (in a plan, the value
Terraform evaluated, relative to the plan file's folder). A folder that is missing, outside that folder,
or named by a value only deployment settles is an entry with `unknown`.

Manifests are untrusted input: each is read only when it is a regular file of at most MAX_MANIFEST_SIZE
bytes, JSON within the loader's depth limit, XML without DTD or entities (defusedxml); a manifest that
cannot be read is `unknown`, never a crash and never a pass.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from faasguard.inputs import json_lines, limits
from faasguard.model.cloudformation import LAMBDA, SAM_FUNCTION, Template
from faasguard.model.cloudformation import function_properties as template_functions  # the adapter's own list
from faasguard.model.serverless import Service
from faasguard.model.terraform import Index, TfResource, hcl_index, plan_index
from faasguard.model.values import UNKNOWN, get_path, is_intrinsic, known_string

FIELD = "faasguard_dependencies"
MAX_MANIFEST_SIZE = 1024 * 1024  # far above any real manifest

# lock files that pin every installed version, by ecosystem
PYTHON_LOCKS = ("poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Pipfile.lock")
NODE_LOCKS = ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb")


class ManifestError(ValueError):
    """A manifest that cannot be read safely (too big, not text, broken syntax, a DTD)."""


# ------------------------------------------------------------------------------------------- manifests


@dataclass(frozen=True)
class Manifest:
    file: str  # relative to the project folder, with `/`
    problems: tuple[str, ...]


def read_text(path: Path) -> str:
    """A manifest's text: a regular file of at most MAX_MANIFEST_SIZE bytes, UTF-8."""
    try:
        status = os.stat(path)
        if status.st_size > MAX_MANIFEST_SIZE:
            raise ManifestError(f"{path.name} is {status.st_size} bytes, over the {MAX_MANIFEST_SIZE}-byte limit")
        with limits.applied(limits.Limits(max_file_size=MAX_MANIFEST_SIZE)):
            return limits.read_text(path)
    except limits.LimitError as exc:
        raise ManifestError(f"{path.name}: {exc}") from None
    except OSError as exc:
        raise ManifestError(f"cannot read {path.name}: {exc.strerror or exc}") from None


def _locked(folder: Path, root: Path, names: tuple[str, ...]) -> bool:
    """Whether a lock file of `names` is in the folder or a folder above it up to the project folder
    (workspaces keep one lock at their root)."""
    for directory in (folder, *folder.parents):
        if any((directory / name).is_file() for name in names):
            return True
        if directory == root:
            return False
    return False


def _unpinned(listed: list[str]) -> str:
    return "unpinned: " + ", ".join(listed)


def _no_lock(names: tuple[str, ...]) -> str:
    return f"no lock file ({', '.join(names[:4])})"


# `name[extras] specifier ; marker` of a PEP 508 requirement
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
_EXACT_PEP440 = re.compile(r"^===?\s*[^\s,;*<>=!~]+$")


def python_requirement_pinned(text: str) -> str | None:
    """None when a requirement pins one version (`==1.2.3`, `===…`, a direct `@ url` or path), else
    how it is written (`requests>=2`, `flask`)."""
    requirement = text.split(";", 1)[0].strip()
    match = _REQUIREMENT.match(requirement)
    if match is None or "://" in requirement or requirement.startswith((".", "/")):
        return None  # a URL or local path: one artifact
    specifier = match.group(3).strip()
    if specifier.startswith("@") or _EXACT_PEP440.match(specifier):
        return None
    return requirement or None


def _requirement_lines(text: str) -> Iterator[str]:
    """The requirement lines of a requirements.txt: continuations joined, comments and options
    (`-r`, `--hash`, `-e`, `--index-url`) left out."""
    for line in text.replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        line = re.split(r"\s--?[a-z]", line, maxsplit=1)[0].strip()  # trailing `--hash=…`
        if line and not line.startswith("-"):
            yield line


def requirements_txt(text: str) -> list[str]:
    """Problems of a requirements.txt: pip has no lock file, so every requirement must be pinned."""
    loose = [found for line in _requirement_lines(text) if (found := python_requirement_pinned(line))]
    return [_unpinned(loose)] if loose else []


def _poetry_pinned(name: str, spec: Any) -> str | None:
    version = spec.get("version") if isinstance(spec, dict) else spec
    if isinstance(spec, dict) and version is None and any(k in spec for k in ("path", "git", "url", "file")):
        return None  # local code or one artifact (a git dependency's version is its lock entry)
    if isinstance(version, str) and re.fullmatch(r"=?=?\s*\d[^\s,*<>=!~^]*", version.strip()):
        return None  # Poetry reads a bare version as exact
    return f"{name} {version}" if isinstance(version, str) else name


def pyproject_toml(text: str, locked: bool) -> list[str]:
    """Problems of a pyproject.toml: with a lock file none; else every dependency must be pinned."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"cannot parse pyproject.toml: {exc}") from None
    except RecursionError:  # tomllib recurses per nested array or inline table
        raise ManifestError("cannot parse pyproject.toml: nested too deeply") from None
    if locked:
        return []
    listed = get_path(data, "project", "dependencies")
    loose = [found for entry in (listed if isinstance(listed, list) else [])
             if isinstance(entry, str) and (found := python_requirement_pinned(entry))]
    poetry = get_path(data, "tool", "poetry", "dependencies")
    if isinstance(poetry, dict):
        loose += [found for name, spec in poetry.items() if name != "python" and (found := _poetry_pinned(name, spec))]
    return [f"{_no_lock(PYTHON_LOCKS)} and {_unpinned(loose)}"] if loose else []


_EXACT_SEMVER = re.compile(r"^[=v]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_LOCAL_NODE = ("file:", "link:", "workspace:", "portal:")


def node_version_pinned(version: Any) -> bool:
    if not isinstance(version, str):
        return False
    version = version.strip()
    if version.startswith("npm:"):  # an alias: `npm:name@1.2.3`
        version = version.rsplit("@", 1)[-1]
    return version.startswith(_LOCAL_NODE) or bool(_EXACT_SEMVER.match(version))


def package_json(text: str, locked: bool) -> list[str]:
    """Problems of a package.json: its `dependencies` (what is deployed; devDependencies are not) need a
    lock file, which pins every installed version, transitive ones too; without one, the ranges are named."""
    try:
        data = json_lines.loads(text, limits.MAX_DEPTH)
    except (ValueError, limits.LimitError) as exc:
        raise ManifestError(f"cannot parse package.json: {str(exc).splitlines()[0]}") from None
    dependencies = data.get("dependencies") if isinstance(data, dict) else None
    if locked or not isinstance(dependencies, dict) or not dependencies:
        return []
    loose = [f"{name} {version if isinstance(version, str) and version else '(no version)'}"
             for name, version in sorted(dependencies.items()) if not node_version_pinned(version)]
    return [_no_lock(NODE_LOCKS) + (f" and {_unpinned(loose)}" if loose else "")]


def go_mod(text: str, folder: Path) -> list[str]:
    """go.mod names exact versions; go.sum holds the checksums that make them reproducible."""
    requires = re.search(r"^\s*require\b", text, re.M)
    return ["no go.sum beside go.mod"] if requires and not (folder / "go.sum").is_file() else []


def gemfile(text: str, folder: Path) -> list[str]:
    gems = re.search(r"^\s*gem\s", text, re.M)
    return ["no Gemfile.lock beside Gemfile"] if gems and not (folder / "Gemfile.lock").is_file() else []


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name] if element is not None else []


def _child_text(element: Any, name: str) -> str | None:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else None


def _maven_version(version: str | None, properties: dict[str, str]) -> str | None:
    """A dependency version with `${property}` of the pom's own <properties> resolved (None: left to a
    parent or the command line, not judged)."""
    if version is None:
        return None
    resolved = re.sub(r"\$\{([^}]+)\}", lambda m: properties.get(m.group(1), m.group(0)), version)
    return None if "${" in resolved else resolved


def pom_xml(text: str) -> list[str]:
    """Maven has no lock file: a dependency version must be one version, not a range, LATEST or
    RELEASE; a missing version counts when no parent or dependencyManagement of this pom can set it."""
    try:
        project = ElementTree.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as exc:
        raise ManifestError(f"cannot parse pom.xml: {exc}") from None
    properties = {_local(p.tag): (p.text or "").strip() for group in _children(project, "properties") for p in group}
    managed = {(_child_text(d, "groupId"), _child_text(d, "artifactId"))
               for m in _children(project, "dependencyManagement") for ds in _children(m, "dependencies")
               for d in _children(ds, "dependency")}
    inherits = bool(_children(project, "parent"))
    loose = []
    for dependency in (d for ds in _children(project, "dependencies") for d in _children(ds, "dependency")):
        name = f"{_child_text(dependency, 'groupId')}:{_child_text(dependency, 'artifactId')}"
        written = _child_text(dependency, "version")
        if written is None:
            key = (_child_text(dependency, "groupId"), _child_text(dependency, "artifactId"))
            if not inherits and key not in managed:
                loose.append(f"{name} (no version)")
            continue
        version = _maven_version(written, properties)
        if version is not None and (version[:1] in "[(" or version.upper() in ("LATEST", "RELEASE") or not version):
            loose.append(f"{name} {version or '(no version)'}")
    return [_unpinned(loose)] if loose else []


# manifest name -> its reader (text, folder, project folder) -> problems
_READERS = {
    "requirements.txt": lambda text, folder, root: requirements_txt(text),
    "pyproject.toml": lambda text, folder, root: pyproject_toml(text, _locked(folder, root, PYTHON_LOCKS)),
    "package.json": lambda text, folder, root: package_json(text, _locked(folder, root, NODE_LOCKS)),
    "go.mod": lambda text, folder, root: go_mod(text, folder),
    "Gemfile": lambda text, folder, root: gemfile(text, folder),
    "pom.xml": lambda text, folder, root: pom_xml(text),
}


def read_manifests(folder: Path, root: Path) -> list[Manifest]:
    """The manifests in a code folder (resolved, inside the resolved project folder `root`) and their
    problems; ManifestError when one cannot be read, or is a link to a file outside the project."""
    folder, root, found = folder.resolve(), root.resolve(), []
    for name, reader in _READERS.items():
        path = folder / name
        if not (path.is_file() or path.is_symlink()):
            continue
        if not path.resolve().is_relative_to(root):
            raise ManifestError(f"{name} is a link to a file outside the project folder")
        relative = path.relative_to(root).as_posix()
        found.append(Manifest(relative, tuple(reader(read_text(path), folder, root))))
    return found


# ------------------------------------------------------------------------------------- code folders


@dataclass(frozen=True)
class CodeFolder:
    """A folder functions deploy from, as written: `folder` a path relative to the project folder, or
    None with `why` when only deployment settles it."""

    resource: str
    functions: tuple[str, ...]
    folder: str | None
    why: str = ""


def _local_folder(text: Any) -> str | None:
    """A local folder path as written (`src/`, `./app`), None for an S3 location, an archive or not a string."""
    if not isinstance(text, str) or not text.strip() or "://" in text:
        return None
    if text.lower().endswith((".zip", ".jar", ".war")):
        return None  # a built artifact: its manifests are not on disk
    return text.strip()


_CODE_PROPERTY = {LAMBDA: "Code", SAM_FUNCTION: "CodeUri"}


def _cloudformation_folders(data: dict[str, Any]) -> Iterator[CodeFolder]:
    template = Template(data)
    for rid, (kind, props) in sorted(template_functions(template).items()):
        if template.known(props.get("PackageType")) == "Image" or "InlineCode" in props:
            continue
        written = props.get(_CODE_PROPERTY[kind])
        if written is None:
            continue
        value = template.known(written)
        if value is None and (not isinstance(written, dict) or is_intrinsic(written)):
            yield CodeFolder(rid, (rid,), None, f"{_CODE_PROPERTY[kind]} is settled only at deployment")
        elif (folder := _local_folder(value)) is not None:
            yield CodeFolder(rid, (rid,), folder)


def _handler_folder(handler: Any) -> str | None:
    """`src/orders/handler.main` → `src/orders` (the service folder: None)."""
    if not isinstance(handler, str) or "/" not in handler:
        return None
    return handler.rsplit("/", 1)[0]


def _serverless_folders(data: dict[str, Any]) -> Iterator[CodeFolder]:
    service = Service(data)
    # an image function or a prebuilt `package.artifact` does not deploy the service folder
    packaged = sorted(k for k, body in service.functions.items()
                      if body.get("image") is None and not get_path(body, "package", "artifact"))
    if packaged:
        yield CodeFolder("provider", tuple(packaged), ".")
    for key in packaged:
        body = service.functions[key]
        for attribute in ("module", "handler"):
            value = service.resolve(body.get(attribute))
            if value is UNKNOWN:
                yield CodeFolder(key, (key,), None, f"`{attribute}` {body.get(attribute)} is not settled by the files")
                continue
            folder = value if attribute == "module" and isinstance(value, str) else _handler_folder(value)
            if folder and folder.strip("./"):
                yield CodeFolder(key, (key,), folder)


_PATH_MODULE = "${path.module}"
_ARCHIVE_TYPES = ("data.archive_file", "archive_file")


def _archive_source(archive: TfResource, is_root: bool) -> tuple[str | None, str]:
    """(the code folder an archive_file packs, why it is unknown): its `source_dir`, or the folder of its
    `source_file`. HCL: as written, `${path.module}` the module folder; a plan: the value Terraform
    evaluated, relative to the folder it ran in."""
    for attribute in ("source_dir", "source_file"):
        value = archive.value(attribute) if archive.written is None else archive.written.get(attribute)
        if value is None:
            continue
        text = value.replace(_PATH_MODULE, ".").replace("${path.root}", "." if is_root else "${path.root}") \
            if isinstance(value, str) else None
        if known_string(text) is None:
            return None, f"the {attribute} of {archive.address} is settled only at deployment"
        return (text if attribute == "source_dir" else os.path.dirname(text) or "."), ""
    return None, f"{archive.address} names no source_dir or source_file faasguard can read"


def _terraform_folders(index: Index, is_root: bool) -> Iterator[CodeFolder]:
    """A function whose `filename` references an archive_file (a data source or resource) deploys the
    folder it packs; a prebuilt zip, an S3 object or an image has no folder on disk."""
    for function in index.of_type("aws_lambda_function"):
        for archive in (a for rtype in _ARCHIVE_TYPES for a in index.referenced(function, "filename", rtype)):
            folder, why = _archive_source(archive, is_root)
            yield CodeFolder(function.address, (function.address,), folder, why)


def _hcl_folders(data: dict[str, Any]) -> Iterator[CodeFolder]:
    return _terraform_folders(hcl_index(data), not data.get("faasguard_module"))


def _plan_folders(data: dict[str, Any]) -> Iterator[CodeFolder]:
    return _terraform_folders(plan_index(data), True)


_FOLDERS = {"cloudformation": _cloudformation_folders, "sam": _cloudformation_folders,
            "serverless": _serverless_folders, "terraform": _hcl_folders, "terraform_plan": _plan_folders}


# ------------------------------------------------------------------------------------------ entries


def entry(code: CodeFolder, root: Path) -> dict[str, Any]:
    """The input field's entry of one code folder (docs/model.md)."""
    record = {"resource": code.resource, "functions": list(code.functions), "folder": code.folder or "",
              "manifests": [], "unknown": code.why}
    if code.folder is None:
        return record
    root = root.resolve()
    folder = (root / code.folder).resolve()
    if not folder.is_relative_to(root):
        record["unknown"] = f"the code folder {code.folder} is outside {root.name or root}; it was not read"
    elif not folder.is_dir():
        record["unknown"] = f"the code folder {code.folder} does not exist (it may be built before deployment)"
    else:
        try:
            record["manifests"] = [{"file": m.file, "problems": list(m.problems)} for m in read_manifests(folder, root)]
        except ManifestError as exc:
            record["unknown"] = f"{exc}; its dependencies were not judged"
    return record


def entries(fmt: str, path: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The input field of a document: `path` the template or plan file, or a Terraform module folder
    (a plan's paths are relative to the folder Terraform ran in: taken to be the plan file's)."""
    folders = _FOLDERS.get(fmt)
    if folders is None or not isinstance(data, dict):
        return []
    root = Path(path) if fmt == "terraform" else Path(path).parent
    return [entry(code, root) for code in folders(data)]


def attach(fmt: str, path: str, data: dict[str, Any]) -> None:
    """Write the input field into a document's data when some function deploys a code folder."""
    data.pop(FIELD, None)  # only the loader writes it: a template cannot vouch for its own code
    found = entries(fmt, path, data)
    if found:
        data[FIELD] = found
