"""Evaluate a document once: its views and the violations of every rule, cached per file state.

The scan's date is `FAASGUARD_TODAY` (YYYY-MM-DD) when set, else today in UTC: the loader sets it for
`--today`, and a Checkov user can set it the same way. The tunable settings come from the environment
too (faasguard.settings): the loader sets the variables from its `.faasguard.yaml`.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from faasguard.inputs import load, terraform
from faasguard.inputs.document import Document
from faasguard.model import build
from faasguard.model.views import NotCreated
from faasguard.rules import Context, Undecided, Violation, evaluate
from faasguard.rules.base import utc_today
from faasguard.settings import CONFIG_VARIABLE, TABLE, Settings, from_environment

TODAY_VARIABLE = "FAASGUARD_TODAY"


def scan_date() -> dt.date:
    """The date rules judge by: FAASGUARD_TODAY, else today in UTC (the same day the Rego engine uses)."""
    configured = os.environ.get(TODAY_VARIABLE)
    if configured:
        try:
            return dt.date.fromisoformat(configured)
        except ValueError as exc:
            raise ValueError(f"{TODAY_VARIABLE}={configured!r} is not a date (YYYY-MM-DD)") from exc
    return utc_today()


def scan_settings() -> Settings:
    """The settings of this run, from FAASGUARD_CONFIG and the FAASGUARD_<NAME> variables."""
    names = (CONFIG_VARIABLE, *(s.variable for s in TABLE))
    config = os.environ.get(CONFIG_VARIABLE)
    return _settings_of(tuple((n, os.environ.get(n)) for n in names), _mtime(config) if config else None)


@lru_cache(maxsize=16)
def _settings_of(variables: tuple, _config_stamp: int | None) -> Settings:
    return from_environment({name: value for name, value in variables if value is not None})


@dataclass(frozen=True)
class Evaluation:
    violations: list[Violation]
    undecided: list[Undecided]
    not_created: list[NotCreated]


def evaluate_document(document: Document, today: dt.date | None = None,
                      settings: Settings | None = None) -> Evaluation:
    views = build(document.format, document.data)
    context = Context(today or scan_date(), settings=settings or scan_settings())
    found = evaluate(views, context)
    return Evaluation(found, context.undecided, list(views.not_created))


def violations(document: Document, today: dt.date | None = None,
               settings: Settings | None = None) -> list[Violation]:
    return evaluate_document(document, today, settings).violations


def _stamp(paths: list[Path]) -> tuple[tuple[str, int | None], ...]:
    return tuple((str(p), _mtime(str(p))) for p in paths)


def _terraform_stamp(folder: Path, var_files: tuple[str, ...], recursive: bool = False) -> tuple:
    """The state of what a Terraform module is read from, in `folder` (and below it, `recursive`): its
    files and a root module's variables files; and of the -var-files. One walk of the folder."""
    found = [p for p in (folder.rglob if recursive else folder.glob)("*")
             if terraform.is_module_file(p) or terraform.is_variables_file(p)]
    return _stamp([*sorted(found), *map(Path, var_files)])


def keyed_violations(documents: list[Document], today: dt.date | None = None,
                     settings: Settings | None = None) -> dict[tuple[str, str, str], Violation]:
    """(rule id, file, resource) -> violation, over documents (the key a merged finding has)."""
    return keyed(documents, [evaluate_document(d, today, settings) for d in documents])


def keyed(documents: list[Document], evaluations: list[Evaluation]) -> dict[tuple[str, str, str], Violation]:
    """The same, from the documents' evaluations (each document evaluated once by the caller)."""
    return {(v.rule_id, d.location(v.resource).file, v.resource): v
            for d, evaluation in zip(documents, evaluations) for v in evaluation.violations}


# file -> the files its document was last read from (a Serverless file and its includes)
_read_from: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=256)
def _parsed(path: str, _stamp: tuple) -> Document:
    document, error = load.parse_file(Path(path), explicit=True)
    if document is None:  # (an error beside a document is reported by the loader, not here)
        raise ValueError(f"{error.file}: {error.message}")
    _read_from[path] = document.files
    return document


def _file_key(path: str) -> tuple[str, tuple]:
    """A file and the state of every file its document was read from, so that editing an included
    file is a new key (the first read of a file with includes finds them, the next key has them)."""
    absolute = os.path.abspath(path)
    return absolute, tuple((file, _mtime(file)) for file in _read_from.get(absolute, (absolute,)))


def _mtime(file: str) -> int | None:
    try:
        return os.stat(file).st_mtime_ns
    except OSError:  # an include that was removed: a state of its own
        return None


@lru_cache(maxsize=256)
def _file_violations(path: str, stamp: tuple, today: dt.date, settings: Settings) -> dict[tuple[str, str], Violation]:
    return {(v.rule_id, v.resource): v for v in violations(_parsed(path, stamp), today, settings)}


@lru_cache(maxsize=64)
def _root_documents(root: str, _stamp: tuple, var_files: tuple[str, ...]) -> tuple[Document, ...]:
    return tuple(terraform.load_module(Path(root), var_files=var_files))


def _module_document(directory: str, module_address: str, roots: tuple[str, ...],
                     var_files: tuple[str, ...]) -> Document:
    """The module as its caller instantiates it (with the call's arguments), found through the root
    modules; a module no root calls is read on its own (a root module with its variables files)."""
    for root in roots:
        stamp = _terraform_stamp(Path(root), var_files, recursive=True)
        for document in _root_documents(root, stamp, var_files):
            if document.path == directory and document.data.get("faasguard_module", "") == module_address:
                return document
    return terraform.load_module(Path(directory), module_address, recurse=False, var_files=var_files)[0]


@lru_cache(maxsize=256)
def _module_violations(directory: str, module_address: str, roots: tuple[str, ...], var_files: tuple[str, ...],
                       _stamp: tuple, today: dt.date, settings: Settings):
    document = _module_document(directory, module_address, roots, var_files)
    return {(v.rule_id, v.resource): v for v in violations(document, today, settings)}


def file_violations(path: str) -> dict[tuple[str, str], Violation]:
    """(rule id, resource) -> violation for a CloudFormation, SAM, Serverless or plan file."""
    return _file_violations(*_file_key(path), scan_date(), scan_settings())


def module_violations(directory: str, module_address: str, roots: tuple[str, ...] = (),
                      var_files: tuple[str, ...] = ()) -> dict[tuple[str, str], Violation]:
    """(rule id, resource) -> violation for the Terraform module in `directory` at `module_address`;
    `roots` are the root module directories of the scan (where module calls start), `var_files` the
    run's -var-files (they give root modules' variables their values)."""
    folder = Path(os.path.abspath(directory))
    roots = tuple(sorted(str(Path(os.path.abspath(r))) for r in roots)) if module_address else ()
    var_files = tuple(os.path.abspath(f) for f in var_files)
    return _module_violations(str(folder), module_address, roots, var_files, _terraform_stamp(folder, var_files),
                              scan_date(), scan_settings())
