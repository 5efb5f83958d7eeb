"""A scan: load the inputs, run the engines, merge their findings into one report."""
from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from faasguard import plan_review, settings, suppress
from faasguard.config import Config
from faasguard.evaluation import TODAY_VARIABLE, Evaluation, evaluate_document, keyed
from faasguard.rules.base import utc_today
from faasguard.settings import Settings
from faasguard.progress import Progress
from faasguard.report.paths import display_path
from faasguard.results import EVERY_RULE, Finding, ScanResult, Suppression, Undecided
from faasguard.rules import Violation
from faasguard.selection import selected_rules
from faasguard.engines import EngineResult
from faasguard.inputs.document import Document, InputError
from faasguard.inputs.limits import Limits, applied
from faasguard.inputs.load import UnreadModule, load_paths

ENGINES = ("checkov", "rego")
__all__ = ["ENGINES", "Finding", "RegoOptions", "ScanOptions", "ScanResult", "Suppression", "Undecided", "merge",
           "scan"]


@dataclass(frozen=True)
class RegoOptions:
    backend: str = "wasm"
    opa_path: str | None = None
    opa_url: str | None = None


def _run_engine(name: str, documents: list[Document], rego: RegoOptions, config: dict,
                var_files: tuple[str, ...] = ()) -> EngineResult:
    """An engine's result; an engine that crashes leaves every document unevaluated (an error).
    `config` is data.faasguard.config for Rego (the Checkov checks read the environment); `var_files`
    go to Checkov (Rego reads the values the loader wrote into the documents)."""
    try:
        return _engine_result(name, documents, rego, config, var_files)
    except Exception as exc:  # fail closed, whatever the engine raised
        return EngineResult(name, errors=[InputError(d.path, f"{name} engine failed: {exc}") for d in documents])


def _engine_result(name: str, documents: list[Document], rego: RegoOptions, config: dict,
                   var_files: tuple[str, ...] = ()) -> EngineResult:
    if name == "checkov":
        from faasguard.engines import checkov_engine

        return checkov_engine.run(documents, var_files)
    from faasguard.engines import rego as rego_engine

    try:
        backend = rego_engine.make_backend(rego.backend, rego.opa_path, rego.opa_url)
    except rego_engine.BackendError as exc:
        return EngineResult("rego", errors=[InputError(d.path, f"rego engine: {exc}") for d in documents])
    return rego_engine.run(documents, backend, config)


def merge(documents: list[Document], results: list[EngineResult],
          explained: dict[tuple[str, str, str], Violation]) -> list[Finding]:
    """One finding per (rule, file, resource) with the engines that found it; `explained` (the shared
    Python rules' violations by that key) gives the messages."""
    lines = {(loc.file, resource): (loc.start, loc.end) for d in documents for resource, loc in d.locations.items()}
    merged: dict[tuple[str, str, str], Finding] = {}
    for result in results:
        for found in result.findings:
            key = (found.rule_id, found.file, found.resource)
            if key in merged:
                merged[key].engines.append(result.engine)
                continue
            merged[key] = Finding(found.rule_id, found.file, found.resource,
                                  lines.get((found.file, found.resource), (0, 0)), [result.engine], found.message)
    # Checkov's records carry only the check name: take the message (and attack paths) of the shared
    # Python rule
    for key, finding in merged.items():
        if key in explained:
            finding.message = explained[key].message
            finding.paths = [[{**step, "lines": list(lines.get((finding.file, step["resource"]), (0, 0)))}
                              for step in path.steps()] for path in explained[key].paths]
    return sorted(merged.values(), key=lambda f: (f.file, f.lines, f.rule_id, f.resource))


@dataclass(frozen=True)
class ScanOptions:
    engines: tuple[str, ...] = ENGINES
    rego: RegoOptions = RegoOptions()
    frameworks: tuple[str, ...] = ()  # empty: all; "cloudformation" includes SAM, as in Checkov
    check: tuple[str, ...] = ()
    skip_check: tuple[str, ...] = ()
    config: Config = field(default_factory=Config)
    skip_unknown: bool = False  # explicitly named files that are not IaC are ignored (pre-commit)
    today: dt.date | None = None  # the date rules judge by (deprecations, exception expiry); default: UTC today
    limits: Limits = Limits()  # bounds on every file read (inputs/limits.py)
    var_files: tuple[str, ...] = ()  # Terraform -var-files: values of the root modules' variables
    changed_only: bool = False  # plans: only findings on resources the plan creates or updates
    tf_dir: str | None = None  # plans: the root module they were made from (default: the plan's folder)


def _wanted(document: Document, frameworks: tuple[str, ...]) -> bool:
    if not frameworks:
        return True
    return document.format in frameworks or (document.format == "sam" and "cloudformation" in frameworks)


@contextmanager
def _checkov_environment(today: dt.date, scan_settings: Settings):
    """The Checkov checks read the date and the settings from the environment (as under plain Checkov)."""
    variables = {TODAY_VARIABLE: today.isoformat(), **settings.environment(scan_settings)}
    previous = {name: os.environ.get(name) for name in (*variables, settings.CONFIG_VARIABLE)}
    os.environ.pop(settings.CONFIG_VARIABLE, None)  # the loader's settings are complete
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run_engines(documents: list[Document], options: ScanOptions, config: dict,
                 progress: Progress) -> list[EngineResult]:
    """Rego (a subprocess, a server or wasm) runs in a thread beside Checkov, which must keep the
    main thread (it installs signal handlers)."""
    results: dict[str, EngineResult] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        rego = pool.submit(_run_engine, "rego", documents, options.rego, config) if "rego" in options.engines else None
        if "checkov" in options.engines:
            progress.update(f"checkov: {len(documents)} document(s)")
            results["checkov"] = _run_engine("checkov", documents, options.rego, config, options.var_files)
        if rego is not None:
            progress.update(f"rego ({options.rego.backend}): {len(documents)} document(s)")
            results["rego"] = rego.result()
    return [results[name] for name in options.engines if name in results]


def _model_verdicts(documents: list[Document], evaluations: list[Evaluation],
                    rules: set[str]) -> tuple[list[str], list[Undecided]]:
    """What the model settled without a verdict: resources that are not created (notices), and the
    values the selected rules could not decide."""
    notices, undecided = [], []
    for document, evaluation in zip(documents, evaluations):
        notices += [f"{display_path(document.location(n.resource).file)}: {n.resource} is not checked: {n.reason}"
                    for n in evaluation.not_created]
        undecided += [Undecided(u.rule_id, document.location(u.resource).file, u.resource, u.attribute, u.reason)
                      for u in evaluation.undecided if u.rule_id in rules]
    return notices, undecided


def _module_undecided(modules: list[UnreadModule]) -> list[Undecided]:
    return [Undecided(EVERY_RULE, m.file, m.address, "source", m.reason) for m in modules]


def scan(paths: list[str], options: ScanOptions = ScanOptions(), progress: Progress | None = None) -> ScanResult:
    progress = progress or Progress(enabled=False)
    today = options.today or utc_today()
    progress.update("reading files")
    loaded = load_paths(paths, skip_unknown=options.skip_unknown, file_limits=options.limits,
                        var_files=options.var_files)
    documents = [d for d in loaded.documents if _wanted(d, options.frameworks)]
    scan_settings = options.config.settings
    config = {"today": today.isoformat(), **scan_settings.as_config()}
    with _checkov_environment(today, scan_settings), applied(options.limits):  # the checks read the files again
        results = _run_engines(documents, options, config, progress)
    errors = list(loaded.errors)
    for result in results:
        errors += [e for e in result.errors if e not in errors]
    rules = selected_rules(list(options.check), [*options.skip_check, *options.config.skip_rules])
    evaluations = [evaluate_document(d, today, scan_settings) for d in documents]  # once: messages, notices, undecided
    findings = [f for f in merge(documents, results, keyed(documents, evaluations)) if f.rule_id in rules]
    notices, undecided = _model_verdicts(documents, evaluations, rules)
    actions = plan_review.change_actions(documents)
    notices += plan_review.annotate(findings, documents, actions, options.tf_dir)
    notices += suppress.apply(findings, documents, options.config, today)
    if not options.frameworks or "terraform" in options.frameworks:
        undecided += _module_undecided(loaded.unread_modules)
    if options.changed_only:
        findings, undecided, left_out = plan_review.changed_only(findings, undecided, actions)
        notices += left_out
    undecided.sort(key=lambda u: (u.file, u.resource, u.rule_id, u.attribute))
    return ScanResult(findings, errors, documents, notices, tuple(r.engine for r in results), undecided,
                      list(loaded.not_checked))
