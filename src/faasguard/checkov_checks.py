"""Checkov checks as thin adapters: each looks its resource up in faasguard's evaluation of the
whole file or module (evaluation.py) and reports what the shared rule found there.

`checks/<rule>.py` calls `register(rule_id)`; Checkov executes those files (once per framework
runner), and instantiating a check registers it. Nothing here prints to stdout.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from checkov.cloudformation.checks.resource.base_resource_check import BaseResourceCheck as CfnResourceCheck
from checkov.common.bridgecrew.severities import BcSeverities, Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.common.util.consts import LINE_FIELD_NAMES
from checkov.serverless.checks.function.base_function_check import BaseFunctionCheck
from checkov.serverless.checks.provider.base_provider_check import BaseProviderCheck
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck as TfResourceCheck
from checkov.terraform.plan_runner import Runner as PlanRunner
from checkov.terraform.runner import Runner as TfRunner
from checkov.terraform_json.runner import TerraformJsonRunner

from faasguard import catalog, evaluation
from faasguard.inputs import serverless_files, terraform
from faasguard.model.serverless import merge_maps

log = logging.getLogger("faasguard.checkov")
# Checks that raised, as (rule id, file, reason): Checkov turns a crash into a silent UNKNOWN, so the
# faasguard loader reads this list (it runs Checkov in-process, without forking) and reports errors.
CHECK_ERRORS: list[tuple[str, str, str]] = []
# the detail a FAILED record carries when the check could not evaluate (an error, not a finding)
COULD_NOT_EVALUATE = "faasguard could not evaluate this resource"
_MODULE_PREFIX = re.compile(r"^(.*?)(?:\.)?((?:data\.)?aws_[A-Za-z0-9_]+\.[^.]+)$")
_INSTANCE_KEY = re.compile(r'\[(?:"[^"]*"|[0-9]+)\]')
# the key under `functions` that faasguard adds to each function Checkov parses (_label_functions)
FUNCTION_LABEL = "__faasguard_function__"
# the key faasguard adds to each resource of a serverless file's `resources` (_label_resources): its file
TEMPLATE_LABEL = "__faasguard_template__"


def _quiet_check_logs() -> None:
    """Checkov logs every check's result at DEBUG into a buffer it keeps for `--support`, whatever
    LOG_LEVEL shows: with faasguard's checks run on every resource that was a tenth of a Checkov run.
    The checks' logger (Checkov names it after this module) keeps only what LOG_LEVEL shows."""
    level = logging.getLevelName(os.environ.get("LOG_LEVEL", "WARNING").upper())
    logging.getLogger(__name__).setLevel(level if isinstance(level, int) else logging.WARNING)


_quiet_check_logs()


def configured_address(address: str) -> str:
    """Checkov expands count/for_each in HCL (`f["a"]`, `f[0]`); faasguard reports the block once."""
    return _INSTANCE_KEY.sub("", address)


class _Adapter:
    """What every framework's check shares: metadata from the catalog and the verdict lookup."""

    rule: catalog.Rule
    framework: str

    def _setup(self, rule: catalog.Rule, framework: str) -> None:
        self.rule = rule
        self.framework = framework
        self.severity = Severities[getattr(BcSeverities, rule.severity)]
        self.guideline = rule.guideline

    def run(self, scanned_file, entity_configuration, entity_name, entity_type, skip_info):
        self._scanned_file = scanned_file
        return super().run(scanned_file, entity_configuration, entity_name, entity_type, skip_info)

    def _verdict(self, lookup, resource: str, source: str) -> CheckResult:
        self.evaluated_keys = list(self.rule.evaluated_keys[self.framework])
        try:
            violation = _asked_once(self._conf, source, lookup).get((self.rule.id, resource))
        except Exception as exc:
            return self._could_not_evaluate(source, exc)
        if violation is None:
            return CheckResult.PASSED
        self.details.append(violation.message)
        return CheckResult.FAILED

    def scan_entity_conf(self, conf, entity_type):
        # every framework's base check calls this; a check that raises would become a silent UNKNOWN
        self._conf = conf
        try:
            return super().scan_entity_conf(conf, entity_type)
        except Exception as exc:
            return self._could_not_evaluate(getattr(self, "_scanned_file", "") or "", exc)

    def _could_not_evaluate(self, source: str, exc: Exception) -> CheckResult:
        """Fail closed under plain Checkov too: FAILED, with the reason in the details."""
        reason = str(exc) or type(exc).__name__
        CHECK_ERRORS.append((self.rule.id, source, reason))
        log.error("faasguard %s could not evaluate %s: %s", self.rule.id, source, reason)
        self.details.append(f"{COULD_NOT_EVALUATE}: {reason}")
        return CheckResult.FAILED


_LAST_ANSWER: list[Any] = []  # [configuration, source, violations] of the resource being checked


def _asked_once(conf: Any, source: str, lookup) -> Any:
    """Checkov runs all the checks of one resource one after another on the same configuration object:
    the first asks the evaluation (which reads the file's state, date and settings), the others reuse
    its answer. A lookup that raised is asked again by each check, each reporting the error."""
    if _LAST_ANSWER and _LAST_ANSWER[0] is conf and _LAST_ANSWER[1] == source:
        return _LAST_ANSWER[2]
    answer = lookup()
    _LAST_ANSWER[:] = [conf, source, answer]
    return answer


def _category(rule: catalog.Rule) -> list[CheckCategories]:
    return [getattr(CheckCategories, rule.category)]


class TerraformCheck(_Adapter, TfResourceCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_resources=list(rule.resource_types["terraform"]), guideline=rule.guideline)
        self._setup(rule, "terraform")
        # registered before Checkov parses Terraform files (it loads external checks first)
        _read_json_syntax_when_checkov_parses()

    def _file_of(self, conf: dict[str, Any]) -> str | None:
        """The file of the resource, from Checkov's graph. Several module directories scanned at once
        can hold the same address, so the resource's lines decide between them."""
        candidates = _graph_index(self.graph).files.get(conf.get("__address__"), [])
        lines = (conf.get("__start_line__"), conf.get("__end_line__"))
        exact = [path for path, start, end in candidates if (start, end) == lines]
        found = exact or [path for path, _, _ in candidates]
        if len(set(found)) > 1:  # the same block in two folders: the file Checkov is checking decides
            scanned = (getattr(self, "_scanned_file", "") or "").lstrip("/")
            found = [path for path in found if scanned and str(path).endswith(scanned)]
        return found[0] if len(set(found)) == 1 else None

    def scan_entity_conf(self, conf, entity_type):
        if _caller_locals(lambda names: isinstance(names.get("self"), TerraformJsonRunner)):
            # Checkov's terraform_json runner reads each .tf.json file alone (no variables, other files or
            # module address); its terraform runner reads them with their module (faasguard's wrap) and
            # judges them: no verdict here
            return CheckResult.UNKNOWN
        return super().scan_entity_conf(conf, entity_type)

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        address = conf.get("__address__", "")
        plan_file = conf.get("__file__") or self._runner_plan_path(self._scanned_file)
        if plan_file:  # terraform_plan: the conf names the plan file
            plan = plan_file[0] if isinstance(plan_file, list) else plan_file
            return self._verdict(lambda: evaluation.file_violations(plan), address, plan)
        file_path = self._file_of(conf)
        if not file_path:
            raise LookupError(f"cannot tell which file holds {address}")
        if terraform.is_override_file(file_path):
            # Checkov's graph keeps an override file's block beside the block it overrides; faasguard
            # judges the merged resource and reports it on the original block (as the Rego engine
            # does), so this partial block gets no verdict of its own.
            return CheckResult.UNKNOWN
        resource = configured_address(address)
        module = _MODULE_PREFIX.match(resource)
        module_address = module.group(1) if module else ""
        directory = os.path.dirname(file_path)
        return self._verdict(lambda: _graph_index(self.graph).module_violations(directory, module_address),
                             resource, file_path)

    @staticmethod
    def _runner_plan_path(scanned_file: str) -> str | None:
        """The plan file Checkov's plan runner is checking, for a resource whose conf names none (it
        gives no `__file__` to a planned resource whose values are all unknown): its loop over plan
        files (Runner.run_block, checkov 3.x) holds the absolute `full_file_path` beside the relative
        `scanned_file` it passes to the checks. None outside the plan runner."""
        names = _caller_locals(lambda names: isinstance(names.get("self"), PlanRunner)
                               and names.get("scanned_file") == scanned_file
                               and isinstance(names.get("full_file_path"), str))
        return names["full_file_path"] if names else None


def _caller_locals(test) -> dict[str, Any] | None:
    """The local names of the nearest caller `test` accepts: Checkov tells its checks less than its
    runners know (the file, the runner, its filter)."""
    frame = sys._getframe(1)
    while frame is not None:
        if test(frame.f_locals):
            return frame.f_locals
        frame = frame.f_back
    return None


def _runner_var_files() -> tuple[str, ...]:
    """The `--var-file`s Checkov's terraform runner was given (its `runner_filter`, checkov 3.x): they
    give the root modules' variables their values in faasguard's evaluation, as in Checkov's own graph."""
    names = _caller_locals(lambda names: isinstance(names.get("self"), TfRunner)
                           and hasattr(names.get("runner_filter"), "var_files"))
    return tuple(os.path.abspath(f) for f in (names["runner_filter"].var_files if names else None) or ())


class _GraphIndex:
    """What every Terraform check asks of one Checkov graph, computed once for all of them (71 checks
    per resource each walking the graph made a Checkov run grow with the square of its blocks): the
    files of each address, the root module folders, and each module's violations."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.var_files = _runner_var_files()
        self.files: dict[str, list[tuple[str, Any, Any]]] = {}
        for _, attrs in graph.nodes() if graph else []:
            self.files.setdefault(attrs.get("__address__"), []).append(
                (attrs.get("file_path_"), attrs.get("__start_line__"), attrs.get("__end_line__")))
        # folders of the scan's root modules: those holding blocks whose address has no module path
        self.root_dirs = tuple(sorted({os.path.dirname(path) for address, entries in self.files.items()
                                       if address and not str(address).startswith("module.")
                                       for path, _, _ in entries if path}))
        self._violations: dict[tuple[str, str], Any] = {}

    def module_violations(self, directory: str, module_address: str) -> Any:
        key = (directory, module_address)
        if key not in self._violations:  # an error is not kept: each check asking again reports it
            self._violations[key] = evaluation.module_violations(directory, module_address, self.root_dirs,
                                                                 self.var_files)
        return self._violations[key]


_GRAPH_INDEX: list[_GraphIndex] = []  # the index of the graph Checkov is checking (a new run, a new graph)


def _graph_index(graph: Any) -> _GraphIndex:
    if not _GRAPH_INDEX or _GRAPH_INDEX[0].graph is not graph:
        _GRAPH_INDEX[:] = [_GraphIndex(graph)]
    return _GRAPH_INDEX[0]


class CloudFormationCheck(_Adapter, CfnResourceCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_resources=list(rule.resource_types["cloudformation"]), guideline=rule.guideline)
        self._setup(rule, "cloudformation")

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        path = self._template_path(conf)
        logical_id = self.entity_path.rsplit(":", 1)[-1]
        return self._verdict(lambda: evaluation.file_violations(path), logical_id, path)

    def _template_path(self, conf: dict[str, Any]) -> str:
        """The template's path. Checkov hands it in the resource's Properties (`__file__`); a resource
        without Properties (a SAM function set entirely by Globals) has none, and the file name the
        check is given is relative to a root the check is not told."""
        properties = conf.get("Properties")
        path = conf.get(TEMPLATE_LABEL)  # a resource of a serverless file (an include names its own file)
        if not path and isinstance(properties, dict):
            path = properties.get("__file__")
        return path or conf.get("__file__") or self._runner_template_path(self._scanned_file)

    @staticmethod
    def _runner_template_path(scanned_file: str) -> str:
        """The absolute path of the template Checkov's CloudFormation runner is checking: its loop over
        templates (Runner.check_definitions, checkov 3.x) holds it beside the relative name `cf_file`
        it passes to the checks. Fails closed (an error) when no caller has it."""
        frame = sys._getframe(1)
        while frame is not None:
            names = frame.f_locals
            if names.get("cf_file") == scanned_file and isinstance(names.get("file_abs_path"), str):
                return names["file_abs_path"]
            frame = frame.f_back
        raise LookupError(f"cannot tell which file {scanned_file} is: Checkov gave the resource no Properties")


class ServerlessFunctionCheck(_Adapter, BaseFunctionCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_entities=["serverless_aws"], guideline=rule.guideline)
        self._setup(rule, "serverless")
        # registered before Checkov parses serverless files (it loads external checks first)
        _label_functions_when_checkov_parses()

    def scan_function_conf(self, conf: dict[str, Any]) -> CheckResult:
        path = self._scanned_file  # the serverless file; the conf's own `__file__` may be an include
        key = _function_key(conf)
        if key is None:
            raise LookupError(f"Checkov gave a function of {path} that faasguard did not label with its key")
        return self._verdict(lambda: evaluation.file_violations(path), key, path)


class ServerlessProviderCheck(_Adapter, BaseProviderCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_entities=["serverless_aws"], guideline=rule.guideline)
        self._setup(rule, "serverless")

    def scan_provider_conf(self, conf: dict[str, Any]) -> CheckResult:
        path = self._scanned_file
        return self._verdict(lambda: evaluation.file_violations(path), "provider", path)


def _function_key(conf: dict[str, Any]) -> str | None:
    """The key under `functions` of the function Checkov hands a check (Checkov itself knows a
    function only by its lines, which may be in an include); faasguard labels it when Checkov parses."""
    key = conf.get(FUNCTION_LABEL)
    return key if isinstance(key, str) else None


def _label_functions_when_checkov_parses() -> None:
    """Wrap Checkov's serverless parser, once: Checkov resolves `${file(...)}` includes itself but
    without line numbers, and skips every function it cannot place (`f: ${file(./f.yml)}`,
    `functions: ${file(./functions.yml)}`); and it drops a file whose `provider` is an include, since it
    tests the provider's name before resolving variables. After the wrap, Checkov reads such files and
    every function reaches the checks labelled with its key (docs/formats/serverless.md)."""
    from checkov.serverless.parsers import parser

    if getattr(parser.process_variables, FUNCTION_LABEL, False):
        return
    process_variables, is_checked = parser.process_variables, parser.is_checked_sls_template

    def process_and_label(template: dict[str, Any], filename: str) -> dict[str, Any]:
        # Checkov follows an include cycle until its stack overflows, ending the whole run: leave the
        # variables of such a file unresolved (faasguard's loader reports the cycle as an error)
        if not serverless_files.read(template, Path(filename)).cyclic:
            process_variables(template, filename)
        _label_functions(template, filename)
        _label_resources(template, filename)
        return template

    def is_checked_or_included(template: dict[str, Any]) -> bool:
        return is_checked(template) or serverless_files.is_include(template.get("provider"))

    setattr(process_and_label, FUNCTION_LABEL, True)
    parser.process_variables = process_and_label
    parser.is_checked_sls_template = is_checked_or_included


_JSON_SYNTAX = "__faasguard_tf_json__"  # marks Checkov's Terraform parser as wrapped


def _read_json_syntax_when_checkov_parses() -> None:
    """Wrap Checkov's Terraform parser, once: it reads only the `*.tf` files of a module directory (its
    separate terraform_json runner reads each `.tf.json` file alone, without the module's variables, other
    files or calls). After the wrap it reads `*.tf.json` files too, converted by faasguard's loader to the
    shape of a parsed `.tf` file with their lines, so the checks (Checkov's own too) see those resources
    with their module, address and lines (docs/formats/terraform.md)."""
    from checkov.terraform import tf_parser

    if getattr(tf_parser.load_or_die_quietly, _JSON_SYNTAX, False):
        return
    load, handle_variables = tf_parser.load_or_die_quietly, tf_parser.TFParser.handle_variables

    def load_json_syntax(file: Any, parsing_errors: dict[str, Exception], clean_definitions: bool = True) -> Any:
        path = os.fspath(file)
        if not path.endswith(".tf.json"):
            return load(file, parsing_errors, clean_definitions)
        try:
            return terraform.parse_file(Path(path))
        except terraform.HclError as exc:  # a parsing error, as Checkov reports a .tf file it cannot parse
            parsing_errors[path] = exc
            return None

    def with_json_syntax(self: Any, dir_contents: list[os.DirEntry[str]], *args: Any) -> list[str]:
        files = handle_variables(self, dir_contents, *args)  # the .tf files; the variables files it reads
        return files + sorted(e.path for e in dir_contents if e.name.endswith(".tf.json") and os.path.isfile(e.path))

    setattr(load_json_syntax, _JSON_SYNTAX, True)
    tf_parser.load_or_die_quietly = load_json_syntax
    tf_parser.TFParser.handle_variables = with_json_syntax


def _label_functions(template: dict[str, Any], filename: str) -> None:
    """Label each function map of a parsed serverless template with its key (not Checkov's own line
    markers, nor a function entry that is not a map: Checkov checks neither)."""
    functions = template.get("functions")
    if isinstance(functions, list):
        # one map per include, merged as the Framework does (Checkov's own merge of such a list
        # fails when its first item is a JSON include, which Checkov reads without markers)
        functions = template["functions"] = {key: body for part in functions if isinstance(part, dict)
                                             for key, body in part.items() if key not in LINE_FIELD_NAMES}
    functions_line = _key_line(template, "functions")
    for key, body in list(functions.items()) if isinstance(functions, dict) else ():
        if isinstance(body, dict):
            functions[key] = _labelled(body, str(key), _line_of(key) or functions_line, filename)


def _label_resources(template: dict[str, Any], filename: str) -> None:
    """Label each resource of a serverless file's `resources.Resources` with the serverless file (an
    included one names its own file), merging a list of `resources` maps as the Framework does (Checkov
    checks only a map); a resource Checkov read without lines is placed on the `resources:` line."""
    resources = template.get("resources")
    if isinstance(resources, list):
        merged: dict[str, Any] = {}
        for part in (p for p in resources if isinstance(p, dict)):
            merge_maps(merged, part)
        resources = template["resources"] = merged
    declared = resources.get("Resources") if isinstance(resources, dict) else None
    for resource in declared.values() if isinstance(declared, dict) else ():
        if isinstance(resource, dict):
            resource[TEMPLATE_LABEL] = filename
            if "__startline__" not in resource:  # Checkov checks only a resource it can place on lines
                line = _key_line(template, "resources") + 1
                resource.update({"__startline__": line, "__endline__": line})


def _labelled(body: dict[str, Any], key: str, line: int, filename: str) -> dict[str, Any]:
    """The function's map labelled with its key: a copy when another function shares the map (two
    keys including the same file or `${self:}` value); placed on `line` of the serverless file when
    Checkov read it without lines (from an include)."""
    if body.get(FUNCTION_LABEL, key) != key:
        body = dict(body)
    body[FUNCTION_LABEL] = key
    if "__startline__" not in body:
        # Checkov shows (and reads skip comments from) the line before a body's first line
        body.update({"__file__": filename, "__startline__": line + 1, "__endline__": line + 1})
    return body


def _key_line(mapping: dict[str, Any], name: str) -> int:
    return next((_line_of(key) for key in mapping if key == name), 0)


def _line_of(key: Any) -> int:
    """The 1-based line of a key Checkov parsed (its keys keep their YAML marks), 0 when unknown."""
    mark = getattr(key, "start_mark", None)
    return mark.line + 1 if mark is not None else 0


def register(rule_id: str) -> list[_Adapter]:
    """Create (and so register with Checkov) the checks of one rule for every format it covers."""
    rule = catalog.rule(rule_id)
    types = rule.resource_types
    made: list[_Adapter] = []
    if types.get("terraform"):
        made.append(TerraformCheck(rule))
    if types.get("cloudformation"):
        made.append(CloudFormationCheck(rule))
    if "function" in types.get("serverless", ()):
        made.append(ServerlessFunctionCheck(rule))
    if "provider" in types.get("serverless", ()):
        made.append(ServerlessProviderCheck(rule))
    return made
