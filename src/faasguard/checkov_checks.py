"""Checkov checks as thin adapters: each looks its resource up in faasguard's evaluation of the
whole file or module (evaluation.py) and reports what the shared rule found there.

`checks/<rule>.py` calls `register(rule_id)`; Checkov executes those files (once per framework
runner), and instantiating a check registers it. Nothing here prints to stdout.
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any

from checkov.cloudformation.checks.resource.base_resource_check import BaseResourceCheck as CfnResourceCheck
from checkov.common.bridgecrew.severities import BcSeverities, Severities
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.serverless.checks.function.base_function_check import BaseFunctionCheck
from checkov.serverless.checks.provider.base_provider_check import BaseProviderCheck
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck as TfResourceCheck

from faasguard import catalog, evaluation

log = logging.getLogger("faasguard.checkov")
# Checks that raised, as (rule id, file, reason): Checkov turns a crash into a silent UNKNOWN, so the
# faasguard loader reads this list (it runs Checkov in-process, without forking) and reports errors.
CHECK_ERRORS: list[tuple[str, str, str]] = []
# the detail a FAILED record carries when the check could not evaluate (an error, not a finding)
COULD_NOT_EVALUATE = "faasguard could not evaluate this resource"
_MODULE_PREFIX = re.compile(r"^(.*?)(?:\.)?((?:data\.)?aws_[A-Za-z0-9_]+\.[^.]+)$")
_INSTANCE_KEY = re.compile(r'\[(?:"[^"]*"|[0-9]+)\]')


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
            violation = lookup().get((self.rule.id, resource))
        except Exception as exc:
            return self._could_not_evaluate(source, exc)
        if violation is None:
            return CheckResult.PASSED
        self.details.append(violation.message)
        return CheckResult.FAILED

    def scan_entity_conf(self, conf, entity_type):
        # every framework's base check calls this; a check that raises would become a silent UNKNOWN
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


def _category(rule: catalog.Rule) -> list[CheckCategories]:
    return [getattr(CheckCategories, rule.category)]


class TerraformCheck(_Adapter, TfResourceCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_resources=list(rule.resource_types["terraform"]), guideline=rule.guideline)
        self._setup(rule, "terraform")
        self._graph_files: tuple[Any, dict[str, str]] | None = None

    def _file_of(self, conf: dict[str, Any]) -> str | None:
        """The file of the resource, from Checkov's graph. Several module directories scanned at once
        can hold the same address, so the resource's lines decide between them."""
        if self._graph_files is None or self._graph_files[0] is not self.graph:
            files: dict[str, list[tuple[str, Any, Any]]] = {}
            for _, attrs in self.graph.nodes() if self.graph else []:
                files.setdefault(attrs.get("__address__"), []).append(
                    (attrs.get("file_path_"), attrs.get("__start_line__"), attrs.get("__end_line__")))
            self._graph_files = (self.graph, files)
        candidates = self._graph_files[1].get(conf.get("__address__"), [])
        lines = (conf.get("__start_line__"), conf.get("__end_line__"))
        exact = [path for path, start, end in candidates if (start, end) == lines]
        found = exact or [path for path, _, _ in candidates]
        return found[0] if len(set(found)) == 1 else None

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        address = conf.get("__address__", "")
        plan_file = conf.get("__file__")
        if plan_file:  # terraform_plan: the conf names the plan file
            plan = plan_file[0] if isinstance(plan_file, list) else plan_file
            return self._verdict(lambda: evaluation.file_violations(plan), address, plan)
        file_path = self._file_of(conf)
        if not file_path:
            raise LookupError(f"cannot tell which file holds {address}")
        resource = configured_address(address)
        module = _MODULE_PREFIX.match(resource)
        module_address = module.group(1) if module else ""
        directory = os.path.dirname(file_path)
        return self._verdict(lambda: evaluation.module_violations(directory, module_address, self._root_dirs()),
                             resource, file_path)

    def _root_dirs(self) -> tuple[str, ...]:
        """Folders of the scan's root modules: those holding blocks whose address has no module path."""
        files = self._graph_files[1] if self._graph_files else {}
        return tuple(sorted({os.path.dirname(path) for address, entries in files.items()
                             if address and not str(address).startswith("module.")
                             for path, _, _ in entries if path}))


class CloudFormationCheck(_Adapter, CfnResourceCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_resources=list(rule.resource_types["cloudformation"]), guideline=rule.guideline)
        self._setup(rule, "cloudformation")

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        properties = conf.get("Properties")
        path = properties.get("__file__") if isinstance(properties, dict) else None
        path = path or conf.get("__file__") or self._scanned_file
        logical_id = self.entity_path.rsplit(":", 1)[-1]
        return self._verdict(lambda: evaluation.file_violations(path), logical_id, path)


class ServerlessFunctionCheck(_Adapter, BaseFunctionCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_entities=["serverless_aws"], guideline=rule.guideline)
        self._setup(rule, "serverless")

    def scan_function_conf(self, conf: dict[str, Any]) -> CheckResult:
        path = conf.get("__file__") or self._scanned_file
        key = _function_key(path, conf.get("__startline__"))
        if key is None:
            raise LookupError(f"no function of {path} starts at line {conf.get('__startline__')}")
        return self._verdict(lambda: evaluation.file_violations(path), key, path)


class ServerlessProviderCheck(_Adapter, BaseProviderCheck):
    def __init__(self, rule: catalog.Rule) -> None:
        super().__init__(name=rule.title, id=rule.id, categories=_category(rule),
                         supported_entities=["serverless_aws"], guideline=rule.guideline)
        self._setup(rule, "serverless")

    def scan_provider_conf(self, conf: dict[str, Any]) -> CheckResult:
        path = self._scanned_file
        return self._verdict(lambda: evaluation.file_violations(path), "provider", path)


def _function_key(path: str, start_line: Any) -> str | None:
    """The function key whose block holds `start_line` (Checkov names serverless functions by line)."""
    if not isinstance(start_line, int):
        return None
    document = evaluation.parsed_file(path)
    functions = (document.data.get("functions") or {}) if isinstance(document.data, dict) else {}
    for key in functions:
        location = document.locations.get(str(key))
        if location and location.start <= start_line <= location.end:
            return str(key)
    return None


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
