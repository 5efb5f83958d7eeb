"""Accumulates view records for one document."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faasguard.model import iam
from faasguard.model.views import (
    EnvironmentVariable,
    Function,
    FunctionUrl,
    ManagedPolicy,
    PolicyStatement,
    Runtime,
    Tracing,
    Views,
    functions_tuple,
)
from faasguard.model.values import known_string


class ViewBuilder:
    def __init__(self) -> None:
        self.views = Views()

    def function(self, resource: str, name: Any) -> None:
        self.views.functions.append(Function(resource, known_string(name) or resource))

    def runtime(self, resource: str, value: Any, functions: Iterable[str]) -> None:
        known = known_string(value)
        if known:
            self.views.runtimes.append(Runtime(resource, known, functions_tuple(functions)))

    def tracing(self, resource: str, mode: str | None, functions: Iterable[str]) -> None:
        if mode is not None:
            self.views.tracing.append(Tracing(resource, mode, functions_tuple(functions)))

    def function_url(self, resource: str, auth_type: Any, functions: Iterable[str]) -> None:
        known = known_string(auth_type)
        if known is not None:
            self.views.function_urls.append(FunctionUrl(resource, known, functions_tuple(functions)))

    def environment(self, resource: str, variables: Any, functions: Iterable[str], resolve=lambda v: v) -> None:
        if not isinstance(variables, dict):
            return
        fns = functions_tuple(functions)
        for name, value in variables.items():
            known = known_string(resolve(value))
            if known is not None:
                self.views.environment.append(EnvironmentVariable(resource, str(name), known, fns))

    def policy(self, resource: str, document: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        if not fns:
            return
        for effect, actions, not_actions in iam.statements(document):
            record = PolicyStatement(resource, effect, actions, not_actions, fns)
            if record not in self.views.policy_statements:
                self.views.policy_statements.append(record)

    def statement(self, resource: str, effect: Any, actions: Any, not_actions: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        if fns:
            record = PolicyStatement(resource, effect, iam.strings_of(actions), iam.strings_of(not_actions), fns)
            if record not in self.views.policy_statements:
                self.views.policy_statements.append(record)

    def managed_policy(self, resource: str, policy: Any, functions: Iterable[str]) -> None:
        known = known_string(policy)
        fns = functions_tuple(functions)
        if known and fns:
            self.views.managed_policies.append(ManagedPolicy(resource, known, fns))
