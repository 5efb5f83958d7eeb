"""Accumulates view records for one document."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from faasguard.model import iam
from faasguard.model.values import UNKNOWN, alternatives_of, is_intrinsic, known_string
from faasguard.model.views import (
    ApiOperation,
    Authorizer,
    CognitoSetting,
    EnvironmentVariable,
    EventSource,
    LambdaPermission,
    Function,
    FunctionUrl,
    ManagedPolicy,
    NotCreated,
    PolicyStatement,
    Role,
    Runtime,
    Setting,
    SourcePolicyStatement,
    Tracing,
    Unknown,
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


def _effect(value: Any) -> str:
    """A statement's effect as the views hold it: the known string, else "" (never Allow)."""
    return value if isinstance(value, str) else ""


def setting_text(value: Any) -> str | None:
    """A known scalar as a settings view holds it: strings as they are, booleans "true"/"false", numbers
    as written; None for what the files do not settle."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return known_string(value)


def _mode(value: Any) -> Any:
    return value if isinstance(value, str) else None


def deployment_settles(value: Any) -> str | None:
    """The default explanation of an unknown value, for adapters that cannot say more."""
    return "only deployment settles this value"


def is_unknown(value: Any) -> bool:
    """UNKNOWN, an unresolved `${…}` / `{{resolve:…}}` string, or an intrinsic function left as written."""
    return value is UNKNOWN or (isinstance(value, str) and known_string(value) is None) or is_intrinsic(value)


def has_unknown(value: Any) -> bool:
    """Whether a value, or one of its alternatives, is one the files do not settle."""
    members, _ = alternatives_of(value)
    return any(is_unknown(m) for m in members)


class ViewBuilder:
    """`explain(value as written)` says why an unknown value is unknown (the adapter knows its format's
    parameters, variables and references), or None for an attribute of a resource the files declare
    (an ARN, a name: AWS assigns it, no one writes it, so no rule can find it wrong); each other
    unknown a view drops is kept in `views.unknowns`."""

    def __init__(self, explain=deployment_settles) -> None:
        self.views = Views()
        self.explain = explain
        self._unknowns: set[Unknown] = set()
        self._roles: set[str] = set()
        self._seen: set[Any] = set()

    def unknown(self, resource: str, view: str, attribute: str, written: Any, functions: Iterable[str]) -> None:
        """Record a value a view needs and only deployment settles (`written`: the value as written)."""
        why = self.explain(written)
        if why is not None:
            self.unknown_because(resource, view, attribute, why, functions)

    def unknown_because(self, resource: str, view: str, attribute: str, why: str, functions: Iterable[str]) -> None:
        """Record an unknown value whose reason the adapter states itself (once per record)."""
        record = Unknown(resource, view, attribute, why, functions_tuple(functions))
        if record not in self._unknowns:
            self._unknowns.add(record)
            self.views.unknowns.append(record)

    def _note_unknown(self, value: Any, resource: str, view: str, attribute: str, written: Any,
                      functions: Iterable[str]) -> None:
        if has_unknown(value):
            self.unknown(resource, view, attribute, value if written is None else written, functions)

    def function(self, resource: str, name: Any) -> None:
        self.views.functions.append(Function(resource, known_string(name) or resource))

    def runtime(self, resource: str, value: Any, functions: Iterable[str], written: Any = None) -> None:
        fns = functions_tuple(functions)
        self._note_unknown(value, resource, "runtimes", "runtime", written, fns)
        for known, choice, count in known_alternatives(value, f"{resource}#runtime"):
            if known:
                self.views.runtimes.append(Runtime(resource, known, fns, choice, count))

    def tracing(self, resource: str, mode: Any, functions: Iterable[str], written: Any = None) -> None:
        """`mode`: the known mode string, ABSENT, None (unknown) or Alternatives of those."""
        fns = functions_tuple(functions)
        if mode is None or any(m is None for m in alternatives_of(mode)[0]) or has_unknown(mode):
            self.unknown(resource, "tracing", "tracing", written if written is not None else mode, fns)
        for known, choice, count in known_alternatives(mode, f"{resource}#tracing", _mode):
            self.views.tracing.append(Tracing(resource, known, fns, choice, count))

    def function_url(self, resource: str, auth_type: Any, functions: Iterable[str], written: Any = None) -> None:
        fns = functions_tuple(functions)
        self._note_unknown(auth_type, resource, "function_urls", "auth_type", written, fns)
        for known, choice, count in known_alternatives(auth_type, f"{resource}#auth_type"):
            self.views.function_urls.append(FunctionUrl(resource, known.upper(), fns, choice, count))

    def environment(self, resource: str, variables: Any, functions: Iterable[str], resolve=lambda v: v) -> None:
        if not isinstance(variables, dict):
            return
        fns = functions_tuple(functions)
        for name, value in variables.items():
            self._note_unknown(resolve(value), resource, "environment", f"environment.{name}", value, fns)
            for known, choice, count in known_alternatives(resolve(value), f"{resource}#environment.{name}"):
                self.views.environment.append(EnvironmentVariable(resource, str(name), known, fns, choice, count))

    def policy(self, resource: str, document: Any, functions: Iterable[str], roles: Iterable[str] = (),
               view: str = "policy_statements", origin: str = "") -> None:
        """The statements of a known policy document that reaches the given function roles (or, with
        `view="identity_pool_statements"`, the roles of identity pools)."""
        for s in iam.statements(document):
            self.statement(resource, s.effect, s.actions, s.not_actions, functions, roles=roles,
                           resources=s.resources, not_resources=s.not_resources, view=view, origin=origin)

    def statement(self, resource: str, effect: Any, actions: Any, not_actions: Any, functions: Iterable[str],
                  roles: Iterable[str] = (), resources: Any = (), not_resources: Any = (),
                  view: str = "policy_statements", origin: str = "") -> None:
        """A statement of a policy that reaches function roles (`roles`; kept when `functions` is empty:
        a role trusting Lambda is judged before any function uses it). An unknown effect or action entry
        is recorded and left out; Resource entries are filtered to known strings here, and the adapter
        records an unknown one that could be anything (a bare parameter or variable)."""
        fns, role_ids = functions_tuple(functions), functions_tuple(roles)
        if not fns and not role_ids:
            return
        for written in _unknown_parts(effect, actions, not_actions):
            self.unknown(resource, view, "policy", written, fns)
        known = PolicyStatement(resource, _effect(effect), _known_strings(actions), _known_strings(not_actions), fns,
                                _known_strings(resources), _known_strings(not_resources), role_ids)
        self._add_once(getattr(self.views, view), known)
        if origin:
            self.views.origins.setdefault(known, origin)

    def managed_policy(self, resource: str, policy: Any, functions: Iterable[str], written: Any = None,
                       roles: Iterable[str] = ()) -> None:
        fns, role_ids = functions_tuple(functions), functions_tuple(roles)
        if not fns and not role_ids:
            return
        self._note_unknown(policy, resource, "managed_policies", "managed_policies", written, fns)
        for known, choice, count in known_alternatives(policy, f"{resource}#managed_policy:{policy!r}"):
            if known:
                self.views.managed_policies.append(ManagedPolicy(resource, known, fns, choice, count, role_ids))

    def role(self, resource: str, functions: Iterable[str], permissions_boundary: bool) -> None:
        """A function role (views.Role), once per resource."""
        if resource not in self._roles:
            self._roles.add(resource)
            self.views.roles.append(Role(resource, functions_tuple(functions), permissions_boundary))

    def api_operation(self, resource: str, api: str, kind: str, method: str, path: str, authorization: Any,
                      api_key_required: bool, functions: Iterable[str], written: Any = None) -> None:
        """A method / route / event; `authorization` a known string, UNKNOWN or Alternatives of those
        (upper-cased here, so `none` and `NONE` are one alternative)."""
        fns = functions_tuple(functions)
        self._note_unknown(authorization, resource, "api_operations", "authorization", written, fns)
        point = f"{resource}#authorization:{kind}:{method}:{path}"
        for known, choice, count in known_alternatives(authorization, point):
            self.views.api_operations.append(ApiOperation(resource, api, kind, method.upper(), path, known.upper(),
                                                          bool(api_key_required), fns, choice, count))

    def lambda_permission(self, resource: str, principal: str, constrained: bool, function_url_auth_type: str,
                          functions: Iterable[str], source_arn: bool = False, source_account: bool = False) -> None:
        self.views.lambda_permissions.append(LambdaPermission(resource, principal, constrained,
                                                              function_url_auth_type.upper(), functions_tuple(functions),
                                                              source_arn, source_account))

    def authorizer(self, resource: str, name: str, kind: str, attached: bool, jwt_issuer: str = "",
                   jwt_audiences: Iterable[str] = ()) -> None:
        self.views.authorizers.append(Authorizer(resource, name, kind.upper(), attached, jwt_issuer,
                                                 tuple(sorted(set(jwt_audiences)))))

    def cognito(self, resource: str, kind: str, setting: str, value: str) -> None:
        self.views.cognito.append(CognitoSetting(resource, kind, setting, value))

    def event_source(self, resource: str, kind: str, source: str, functions: Iterable[str]) -> None:
        self._add_once(self.views.event_sources, EventSource(resource, kind, source, functions_tuple(functions)))

    def source_policy(self, resource: str, target: str, effect: Any, actions: Any, public: bool,
                      constrained: bool) -> None:
        self._add_once(self.views.source_policies, SourcePolicyStatement(
            resource, target, _effect(effect), _known_strings(actions), public, constrained))

    def setting(self, view: str, resource: str, kind: str, setting: str, value: Any,
                functions: Iterable[str] = (), written: Any = None) -> None:
        """A Setting record of a settings view (views.Views names them): `value` a known string (or a
        bool or number, written as text: "true", "30"), ABSENT, UNKNOWN or Alternatives of those. An
        unknown value (or alternative) is kept in `unknowns` under `view`, with `setting` as attribute."""
        fns = functions_tuple(functions)
        self._note_unknown(value, resource, view, setting, written, fns)
        point = f"{resource}#{view}:{kind}:{setting}"
        for known, choice, count in known_alternatives(value, point, setting_text):
            self._add_once(getattr(self.views, view), Setting(resource, kind, setting, known, fns, choice, count))

    def _add_once(self, view: list, record: Any) -> None:
        """Records are values, as in the Rego views (sets): the same record twice is one."""
        key = (id(view), record)  # per view: one record may belong to two views (a role's statements)
        if key not in self._seen:
            self._seen.add(key)
            view.append(record)

    def not_created(self, resource: str, reason: str) -> None:
        self.views.not_created.append(NotCreated(resource, reason))


def _unknown_parts(effect: Any, actions: Any, not_actions: Any) -> list[Any]:
    """The parts of a statement the files do not settle: its effect, or entries of its actions."""
    entries = [e for value in (actions, not_actions) for e in (value if isinstance(value, (list, tuple)) else [value])]
    parts = [effect] if effect is None or is_unknown(effect) else []
    return parts + [e for e in entries if is_unknown(e)]


def _known_strings(value: Any) -> tuple[str, ...]:
    return tuple(s for s in iam.strings_of(value if not isinstance(value, tuple) else list(value))
                 if known_string(s) is not None)
