"""Accumulates view records for one document."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from faasguard.model import iam
from faasguard.model.values import alternatives_of, known_string
from faasguard.model.views import (
    EnvironmentVariable,
    Function,
    FunctionUrl,
    ManagedPolicy,
    NotCreated,
    PolicyStatement,
    Runtime,
    Tracing,
    Views,
    functions_tuple,
)


def known_alternatives(value: Any, choice: str, known=known_string) -> Iterator[tuple[Any, str, int]]:
    """(known member, choice id, number of alternatives) for each known alternative of a value; a
    plain known value is one member with choice "" (views.py)."""
    members, count = alternatives_of(value)
    for member in members:
        found = known(member)
        if found is not None:
            yield found, (choice if count > 1 else ""), count


def _mode(value: Any) -> Any:
    return value if isinstance(value, str) else None


class ViewBuilder:
    def __init__(self) -> None:
        self.views = Views()
        self._statements: set[PolicyStatement] = set()

    def function(self, resource: str, name: Any) -> None:
        self.views.functions.append(Function(resource, known_string(name) or resource))

    def runtime(self, resource: str, value: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        for known, choice, count in known_alternatives(value, f"{resource}#runtime"):
            if known:
                self.views.runtimes.append(Runtime(resource, known, fns, choice, count))

    def tracing(self, resource: str, mode: Any, functions: Iterable[str]) -> None:
        """`mode`: the known mode string, ABSENT, None (unknown) or Alternatives of those."""
        fns = functions_tuple(functions)
        for known, choice, count in known_alternatives(mode, f"{resource}#tracing", _mode):
            self.views.tracing.append(Tracing(resource, known, fns, choice, count))

    def function_url(self, resource: str, auth_type: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        for known, choice, count in known_alternatives(auth_type, f"{resource}#auth_type"):
            self.views.function_urls.append(FunctionUrl(resource, known.upper(), fns, choice, count))

    def environment(self, resource: str, variables: Any, functions: Iterable[str], resolve=lambda v: v) -> None:
        if not isinstance(variables, dict):
            return
        fns = functions_tuple(functions)
        for name, value in variables.items():
            for known, choice, count in known_alternatives(resolve(value), f"{resource}#environment.{name}"):
                self.views.environment.append(EnvironmentVariable(resource, str(name), known, fns, choice, count))

    def policy(self, resource: str, document: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        if not fns:
            return
        for effect, actions, not_actions in iam.statements(document):
            self._add_statement(PolicyStatement(resource, effect, actions, not_actions, fns))

    def statement(self, resource: str, effect: Any, actions: Any, not_actions: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        if fns:
            self._add_statement(PolicyStatement(resource, effect, iam.strings_of(actions), iam.strings_of(not_actions), fns))

    def _add_statement(self, record: PolicyStatement) -> None:
        if record not in self._statements:  # a set beside the list: membership in constant time
            self._statements.add(record)
            self.views.policy_statements.append(record)

    def managed_policy(self, resource: str, policy: Any, functions: Iterable[str]) -> None:
        fns = functions_tuple(functions)
        if not fns:
            return
        for known, choice, count in known_alternatives(policy, f"{resource}#managed_policy:{policy!r}"):
            if known:
                self.views.managed_policies.append(ManagedPolicy(resource, known, fns, choice, count))

    def not_created(self, resource: str, reason: str) -> None:
        self.views.not_created.append(NotCreated(resource, reason))
