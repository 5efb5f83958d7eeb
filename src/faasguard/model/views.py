"""The normalized views every rule reads (docs/model.md). Unknown values never appear in a view.

A value the files settle to one of several alternatives gives one record per known alternative, each
with the same `choice` (an id of the decision point) and `choices` (how many alternatives there are,
unknown ones included); a rule violates on such a value only when every alternative does
(`faasguard.model.decide`). A plain value has `choice` "" and `choices` 1.
"""
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
    choice: str = ""
    choices: int = 1
    attribute = "runtime"


@dataclass(frozen=True)
class Tracing:
    resource: str
    mode: str  # the known mode, or ABSENT
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "tracing"


@dataclass(frozen=True)
class FunctionUrl:
    resource: str
    auth_type: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    attribute = "auth_type"


@dataclass(frozen=True)
class EnvironmentVariable:
    resource: str
    name: str
    value: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1

    @property
    def attribute(self) -> str:
        return f"environment.{self.name}"


@dataclass(frozen=True)
class PolicyStatement:
    """A statement of a policy a function role gets. `resource` is where the statement is written (the
    finding's place), `roles` the function roles it reaches (see Role), `iam_resources` and
    `iam_not_resources` its Resource / NotResource entries (known strings only)."""

    resource: str
    effect: str
    actions: tuple[str, ...]
    not_actions: tuple[str, ...]
    functions: tuple[str, ...]
    iam_resources: tuple[str, ...] = ()
    iam_not_resources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ManagedPolicy:
    resource: str
    policy: str
    functions: tuple[str, ...]
    choice: str = ""
    choices: int = 1
    roles: tuple[str, ...] = ()
    attribute = "managed_policies"


@dataclass(frozen=True)
class Role:
    """A function role: a role some function of the document uses, or one that trusts
    `lambda.amazonaws.com` (anyone with iam:PassRole and lambda:CreateFunction can give it a function).
    `resource` is the role's id: a Terraform address or logical id; for a role the format generates, the
    place that configures it (a SAM function without `Role`; Serverless `provider` for the shared role,
    the function key for a per-function role)."""

    resource: str
    functions: tuple[str, ...]
    permissions_boundary: bool


@dataclass(frozen=True)
class NotCreated:
    """A resource whose existence the files settle to false: it is not judged (a notice says why)."""

    resource: str
    reason: str


@dataclass(frozen=True)
class Unknown:
    """A value a view would hold that only deployment settles (a parameter without default, an SSM
    reference, a Terraform variable without default, a plan's after_unknown, …): no rule can judge
    it, so every rule reading `view` reports it as undecided rather than passing it in silence."""

    resource: str
    view: str  # the view the value would be in ("runtimes", "environment", …)
    attribute: str  # as records name it: "runtime", "environment.API_KEY", "policy", …
    why: str
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
    roles: list[Role] = field(default_factory=list)
    not_created: list[NotCreated] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)


def functions_tuple(ids) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))
