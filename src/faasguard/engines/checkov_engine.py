"""The Checkov engine, in process: faasguard's checks on the same documents the Rego engine sees.
Checkov is imported only when this engine runs."""
from __future__ import annotations

import contextlib
import io
import logging
import os
from pathlib import Path

from faasguard import catalog, paths
from faasguard.engines import EngineFinding, EngineResult
from faasguard.inputs.document import Document, InputError

_FRAMEWORK = {"cloudformation": "cloudformation", "sam": "cloudformation", "serverless": "serverless",
              "terraform_plan": "terraform_plan", "terraform": "terraform"}


def _prepare_environment(documents: list[Document]) -> None:
    os.environ.setdefault("BC_SKIP_MAPPING", "TRUE")
    # Checkov configures its logging from LOG_LEVEL at import; its warnings are not faasguard's report
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # sequential, so a crashing check is seen here (faasguard.checkov_checks.CHECK_ERRORS)
    os.environ["CHECKOV_PARALLELIZATION_TYPE"] = "none"
    names = {"serverless.yml", "serverless.yaml"} | {Path(d.path).name for d in documents if d.format == "serverless"}
    # read by Checkov at import time: serverless files may have other names (serverless-prod.yml)
    os.environ["CKV_SLS_FILE_MASK"] = ",".join(sorted(names))


def resource_id(check_type: str, resource: str, address: str | None = None) -> str:
    """The id faasguard reports for a resource Checkov names (`resource`, and `resource_address` for plans)."""
    if check_type == "cloudformation":
        return resource.rsplit(".", 1)[-1]  # "AWS::Serverless::Function.Fn" -> "Fn"
    if check_type == "terraform_plan":
        return address or resource
    if check_type == "terraform":
        from faasguard.checkov_checks import configured_address

        return configured_address(resource)
    if check_type == "serverless" and "::" in resource:
        return resource.rsplit(".", 1)[-1]  # a resources.Resources entry: "AWS::IAM::Role.Role" -> "Role"
    return resource


def _resource_id(check_type: str, record) -> str:
    return resource_id(check_type, record.resource, record.resource_address)


def _runners(frameworks: set[str]):
    from checkov.cloudformation.runner import Runner as CfnRunner
    from checkov.serverless.runner import Runner as SlsRunner
    from checkov.terraform.plan_runner import Runner as PlanRunner
    from checkov.terraform.runner import Runner as TfRunner

    made = {"cloudformation": CfnRunner, "serverless": SlsRunner, "terraform_plan": PlanRunner, "terraform": TfRunner}
    return [made[f]() for f in sorted(frameworks)]


class _CheckovProblems(logging.Handler):
    """What Checkov logs while it runs: it reports a file it could not parse by name only, and logs
    the reason (`YAML error parsing /x/t.yaml: Duplicate resource found "Runtime" (line 13)`)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # a record whose arguments do not format is not ours to fix
            self.messages.append(record.getMessage())

    def reason(self, file: str) -> str | None:
        """The last thing Checkov said about `file`, without the file's name."""
        for message in reversed(self.messages):
            if file in message:
                return _without_path(message, file)
        return None


def _scan(frameworks: set[str], check_ids: list[str], root_folder: str | None, files: list[str] | None,
          problems: _CheckovProblems, var_files: tuple[str, ...] = ()):
    from checkov.common.runners.runner_registry import RunnerRegistry
    from checkov.runner_filter import RunnerFilter

    # the -var-files: Checkov's graph and faasguard's checks (checkov_checks._runner_var_files) read them
    runner_filter = RunnerFilter(framework=sorted(frameworks), checks=check_ids, var_files=list(var_files) or None)
    registry = RunnerRegistry("", runner_filter, *_runners(frameworks))
    root = logging.getLogger()
    root.addHandler(problems)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return registry.run(root_folder=root_folder, files=files, external_checks_dir=[str(paths.checks_dir())])
    finally:
        root.removeHandler(problems)


def run(documents: list[Document], var_files: tuple[str, ...] = ()) -> EngineResult:
    result = EngineResult("checkov")
    if not documents:
        return result
    _prepare_environment(documents)
    from faasguard import checkov_checks

    checkov_checks.CHECK_ERRORS.clear()
    check_ids = sorted(catalog.rules())
    file_documents = [d for d in documents if d.format != "terraform"]
    # a Terraform root module and its local modules are scanned from the root directory
    roots = sorted({d.path for d in documents if d.format == "terraform" and "faasguard_module" not in d.data})
    reports = []
    problems = _CheckovProblems()
    crashed: list[InputError] = []
    if file_documents:
        reports += _scan_isolating_crashes(file_documents, check_ids, problems, crashed)
    for root in roots:
        try:
            reports += _scan({"terraform"}, check_ids, root, None, problems, var_files)
        except Exception as exc:  # Checkov itself failed on this module: its documents are errors
            crashed += [InputError(d.path, f"checkov failed on this module: {exc}") for d in documents
                        if d.format == "terraform" and _within(d.path, root)]
    seen = set()
    failing = None
    could_not_evaluate = {(rule_id, os.path.abspath(file)) for rule_id, file, _ in checkov_checks.CHECK_ERRORS}
    for report in reports:
        for parse_error in getattr(report, "parsing_errors", []) or []:
            reason = problems.reason(str(parse_error))
            if reason is None and report.check_type == "cloudformation":
                reason = _cloudformation_parse_reason(str(parse_error))
            result.errors.append(InputError(str(parse_error), "checkov could not parse this file"
                                            + (f": {reason}" if reason else " (it gave no reason)")))
        # Checkov does not run a check it skips (inline comment, Metadata). Its verdict would have been
        # the shared evaluation's (the checks are thin adapters over it), so a skipped record counts
        # when that evaluation fails the resource; faasguard then applies the suppression itself
        # (suppress.py), the same way for both engines.
        if report.skipped_checks and failing is None:
            from faasguard.evaluation import keyed_violations

            failing = keyed_violations(documents)
        skipped = [r for r in report.skipped_checks
                   if (r.check_id, r.file_abs_path, _resource_id(report.check_type, r)) in (failing or {})]
        for record in [*report.failed_checks, *skipped]:
            # a check that could not evaluate answers FAILED (fail closed under plain Checkov); here it is
            # an error (CHECK_ERRORS), not a finding. Not every runner copies a check's details into its
            # records (CloudFormation's does not), so the errors themselves decide.
            if (record.check_id, os.path.abspath(record.file_abs_path)) in could_not_evaluate:
                continue
            finding = EngineFinding(record.check_id, record.file_abs_path, _resource_id(report.check_type, record), record.check_name)
            key = (finding.rule_id, finding.file, finding.resource)
            if key not in seen:  # nested Terraform roots are scanned from each root
                seen.add(key)
                result.findings.append(finding)
    result.errors += crashed + _check_errors(checkov_checks.CHECK_ERRORS)
    reported = {os.path.abspath(e.file) for e in result.errors}
    result.errors += [e for e in _unevaluated(documents, reports, problems) if os.path.abspath(e.file) not in reported]
    return result


def _cloudformation_parse_reason(path: str) -> str | None:
    """Why Checkov's CloudFormation parser refuses `path`, asked again when its log said nothing (another
    handler may hold Checkov's logging, as under pytest)."""
    errors: dict[str, str] = {}
    try:
        from checkov.cloudformation import parser

        parser.parse(path, errors)
    except Exception:  # a parser that raises gives no reason either
        return None
    said = errors.get(path)
    return _without_path(said, path) if said else None


def _without_path(message: str, path: str) -> str:
    """What a message says about `path`, after the path (`YAML error parsing /x/t.yaml: Duplicate …`)."""
    if path not in message:
        return message
    return message.split(path, 1)[1].lstrip(" :-,'\"") or message


def _scan_isolating_crashes(documents: list[Document], check_ids: list[str], problems: _CheckovProblems,
                            crashed: list[InputError]) -> list:
    """One Checkov run over all the files; when Checkov itself raises (its Serverless graph builder does
    on `plugins: true`), each file again alone, so one file Checkov cannot handle is an error and the
    others still get its verdicts."""
    try:
        return _scan({_FRAMEWORK[d.format] for d in documents}, check_ids, None, [d.path for d in documents], problems)
    except Exception as exc:
        if len(documents) == 1:
            crashed.append(_checkov_failed(documents[0], exc))
            return []
    reports = []
    for document in documents:
        try:
            reports += _scan({_FRAMEWORK[document.format]}, check_ids, None, [document.path], problems)
        except Exception as exc:
            crashed.append(_checkov_failed(document, exc))
    return reports


def _checkov_failed(document: Document, exc: Exception) -> InputError:
    return InputError(document.path, f"checkov failed on this file: {exc or type(exc).__name__}")


def _within(path: str, root: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == os.path.abspath(root)


def _check_errors(failures: list[tuple[str, str, str]]) -> list[InputError]:
    """One error per file and reason: the checks share one evaluation of a document, so one broken
    rule fails every check of the file with the same reason."""
    rules: dict[tuple[str, str], set[str]] = {}
    for rule_id, file, reason in failures:
        rules.setdefault((file, reason), set()).add(rule_id)
    return [InputError(file, f"checkov check{'s' if len(ids) > 1 else ''} {', '.join(sorted(ids))} failed: {reason}")
            for (file, reason), ids in rules.items()]


def _unevaluated(documents: list[Document], reports, problems: _CheckovProblems) -> list[InputError]:
    """Documents with functions that Checkov returned no verdict for: it drops some templates
    silently (e.g. a resource whose Properties is not a map), and that must not read as a pass."""
    from faasguard.model import build

    evaluated = {os.path.abspath(r.file_abs_path) for report in reports
                 for r in [*report.passed_checks, *report.failed_checks, *report.skipped_checks]}
    return [
        InputError(document.path, "checkov did not evaluate this file (it rejected or skipped it)"
                   + (f": {reason}" if (reason := problems.reason(document.path)) else ""))
        for document in documents
        if build(document.format, document.data).functions and evaluated.isdisjoint(document.files)
    ]
