"""The normalized views every rule reads (docs/model.md). Unknown values never appear in a view."""
from __future__ import annotations

from dataclasses import dataclass, field

ABSENT = "absent"


@dataclass(frozen=True)
class Function:
    resource: str
    name: str


@dataclass(frozen=True)
class Runtime:
    resource: str
    value: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class Tracing:
    resource: str
    mode: str  # the known mode, or ABSENT
    functions: tuple[str, ...]


@dataclass(frozen=True)
class FunctionUrl:
    resource: str
    auth_type: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class EnvironmentVariable:
    resource: str
    name: str
    value: str
    functions: tuple[str, ...]


@dataclass(frozen=True)
class PolicyStatement:
    resource: str
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    functions: tuple[str, ...]


@dataclass(frozen=True)
class ManagedPolicy:
    resource: str
    policy: str
    functions: tuple[str, ...]


@dataclass
class Views:
    functions: list[Function] = field(default_factory=list)
    runtimes: list[Runtime] = field(default_factory=list)
    tracing: list[Tracing] = field(default_factory=list)
    function_urls: list[FunctionUrl] = field(default_factory=list)
    environment: list[EnvironmentVariable] = field(default_factory=list)
    policy_statements: list[PolicyStatement] = field(default_factory=list)
    managed_policies: list[ManagedPolicy] = field(default_factory=list)


def functions_tuple(ids) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))
