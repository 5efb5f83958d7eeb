"""Serverless Framework services → the IAM views: roles, policy_statements, managed_policies
(docs/formats/serverless.md, "Function roles"). The twin is rego/faasguard/adapters/serverless/iam.rego.

Each function has one role:
- its own `role` (a logical id of `resources.Resources`, or `!GetAtt Role.Arn`): that CloudFormation role,
  its id the logical id; an ARN or anything else is a role the files do not hold (no record);
- else a role of its own that the Framework (v4, or the serverless-iam-roles-per-function plugin)
  generates, its id the function key, when `provider.iam.role.mode` is `perFunction`, the function has
  an `iam.role` map, or it sets `iamRoleStatements`;
- else the shared role: generated (`provider`) unless `provider.role` / `provider.iam.role` names one.

The roles an `AWS::Cognito::IdentityPoolRoleAttachment` of `resources.Resources` gives identity-pool users
have their resources' policies read the same way, into `identity_pool_statements`.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from faasguard.model import iam
from faasguard.model.builder import ViewBuilder
from faasguard.model.values import UNKNOWN, intrinsic, is_intrinsic, is_map

if TYPE_CHECKING:  # serverless.py imports this module
    from faasguard.model.serverless import Service

PROVIDER = "provider"
PLUGIN = "serverless-iam-roles-per-function"  # its settings live under custom.<PLUGIN>
ROLE = "AWS::IAM::Role"
MANAGED_POLICY = "AWS::IAM::ManagedPolicy"
POLICY_TYPES = ("AWS::IAM::Policy", MANAGED_POLICY)
POOL_ATTACHMENT = "AWS::Cognito::IdentityPoolRoleAttachment"
STATEMENT_VIEW, POOL_VIEW = "policy_statements", "identity_pool_statements"
NO_VALUE = {"Ref": "AWS::NoValue"}
# a variable or dynamic reference inside a string (one nesting level is undone in two passes)
_REFERENCE = re.compile(r"\$\{[^{}]*\}|\{\{resolve:[^{}]*\}\}")
_HOLE = "\x01"  # where a reference stood
_ARN = re.compile(r"^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$", re.DOTALL)
_PARTITION = "${AWS::Partition}"


# --- values --------------------------------------------------------------------------------------

def _field(service: Service, obj: Any, *keys: str) -> Any:
    """The resolved value at `keys` under `obj` (each step resolved, as the Framework reads it)."""
    for key in keys:
        obj = service.resolve(obj.get(key)) if is_map(obj) else None
    return obj


def _written(service: Service, obj: Any, *keys: str) -> Any:
    """The value as written at `keys` under `obj` (the steps before it resolved)."""
    parent = _field(service, obj, *keys[:-1])
    return parent.get(keys[-1]) if is_map(parent) else None


def _truthy(value: Any) -> bool:
    """A known value JavaScript reads as true (how the Framework and its plugins test flags)."""
    return value is not UNKNOWN and value not in (None, False, 0, "")


def _is_set(service: Service, written: Any) -> bool:
    """A setting written with a value (a reference or an unresolved variable counts), not null, empty,
    false or `AWS::NoValue`."""
    if written is None or written == NO_VALUE:
        return False
    resolved = service.resolve(written)
    return not (resolved is None or resolved is False or resolved == "")


def _entries(service: Service, value: Any) -> list[Any]:
    """The entries of a string-or-list value, the list itself resolved when it is a variable."""
    resolved = service.resolve(value)
    if isinstance(resolved, list):
        return resolved
    return [] if value is None else [value]


def _with_holes(text: str) -> str:
    return _REFERENCE.sub(_HOLE, _REFERENCE.sub(_HOLE, text))


def _reference_text(text: str) -> tuple[str, Any]:
    """A Resource written as text with references in it: ("known", text) when the references do not
    touch the ARN's resource part (`arn:aws:dynamodb:${aws:region}:*:table/*` is every table: the
    references become `*`); ("unknown", None) when the text is nothing but references (it could be
    `*`); ("specific", None) when a reference names the resource (`arn:aws:s3:::${self:custom.b}/*`)."""
    holed = _with_holes(text)
    if _HOLE not in holed and "${" not in holed:
        return "known", text
    if not holed.replace(_HOLE, "").strip():
        return "unknown", None
    arn = _ARN.match(holed)
    if arn and _HOLE not in arn.group(1) and "${" not in holed and "{{resolve:" not in holed:
        return "known", holed.replace(_HOLE, "*")
    return "specific", None


def _intrinsic_text(value: Any) -> str | None:
    """The text of an `Fn::Sub` or `Fn::Join`, `${AWS::Partition}` as `aws` and each other reference
    a hole; None for any other intrinsic."""
    function, argument = intrinsic(value) or (None, None)
    if function == "Fn::Sub":
        template = argument[0] if isinstance(argument, list) and argument else argument
        return _with_holes(template.replace(_PARTITION, "aws")) if isinstance(template, str) else None
    if function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2 \
            and isinstance(argument[0], str) and isinstance(argument[1], list):
        return argument[0].join(_join_part(part) for part in argument[1])
    return None


def _join_part(part: Any) -> str:
    if isinstance(part, str):
        return part
    return "aws" if part == {"Ref": "AWS::Partition"} else _HOLE


def _resource_entry(service: Service, entry: Any) -> tuple[str, Any]:
    """("known", the string) for a Resource / NotResource entry the files settle, ("unknown", None) for
    one that could be anything (a bare variable, parameter or import), ("specific", None) for one that
    names a resource of its own (`!GetAtt T.Arn`, text around a reference), ("ignored", None) else."""
    value = service.resolve(entry)
    value = entry if value is UNKNOWN else value
    if isinstance(value, str):
        return _reference_text(value)
    function = (intrinsic(value) or (None,))[0]
    if function in ("Fn::GetAtt", "Ref"):
        return "specific", None
    text = _intrinsic_text(value)
    if text is not None:
        return _reference_text(text)
    return ("unknown", None) if function else ("ignored", None)


def _managed_value(service: Service, entry: Any) -> Any:
    """A managed policy as written → its ARN or name when the files settle it (`!Sub` or `!Join` with
    only `AWS::Partition`, the Framework's own way to name AWS policies), else the value (unknown)."""
    value = service.resolve(entry)
    text = _intrinsic_text(value)
    if text is not None and _HOLE not in text and "${" not in text:
        return text
    return value


# --- resources.Resources ---------------------------------------------------------------------------

class _Template:
    """The CloudFormation resources of the service (`resources.Resources`)."""

    def __init__(self, service: Service):
        self.service = service
        resources = _field(service, service.merged(service.data.get("resources")), "Resources")
        self.resources = {str(k): v for k, v in resources.items() if is_map(v)} if is_map(resources) else {}
        self.roles = {rid: self.properties(rid) for rid, r in self.resources.items() if r.get("Type") == ROLE}

    def properties(self, logical_id: str) -> dict[str, Any]:
        props = _field(self.service, self.resources.get(logical_id), "Properties")
        return props if is_map(props) else {}

    def of_type(self, *types: str) -> list[str]:
        return [rid for rid, r in self.resources.items() if r.get("Type") in types]

    def named_role(self, value: Any) -> str | None:
        """The role a `role` setting names: a logical id (how the Framework reads a name that is not an
        ARN) or `Fn::GetAtt [Role, Arn]` (conftest drops the tag: `Role.Arn`); None for an ARN, an
        import, or anything the files do not hold."""
        target = value
        function, argument = intrinsic(value) or (None, None)
        if function == "Fn::GetAtt" or (isinstance(value, str) and value not in self.roles):
            target = _arn_of(argument if function else value)
        return target if isinstance(target, str) and target in self.roles else None

    def referenced_role(self, value: Any) -> str | None:
        """The role an IAM policy's `Roles` entry names: `!Ref Role` or the logical id as text."""
        function, argument = intrinsic(value) or ("", value)
        target = argument if function in ("", "Ref") else None
        return target if isinstance(target, str) and target in self.roles else None

    def trusts_lambda(self, role: str) -> bool:
        """The role's trust policy lets Lambda assume it (Principal.Service, string or list)."""
        document = self.service.resolve(self.roles[role].get("AssumeRolePolicyDocument"))
        return any(_allows(self.service, s) and iam.LAMBDA_SERVICE in self._services(s) for s in _statements(document))

    def _services(self, statement: dict[str, Any]) -> list[Any]:
        principal = _field(self.service, statement, "Principal")
        return [self.service.resolve(e) for e in _entries(self.service, _written(self.service, principal, "Service"))]

    def boundary(self, role: str) -> bool:
        return _is_set(self.service, self.roles[role].get("PermissionsBoundary"))


def _arn_of(argument: Any) -> Any:
    """The resource of a GetAtt of its `Arn` (`[Role, Arn]` or `Role.Arn`)."""
    parts = argument if isinstance(argument, list) else str(argument).split(".")
    return parts[0] if len(parts) == 2 and parts[1] == "Arn" else None


def _statements(document: Any) -> list[dict[str, Any]]:
    """The statement maps of a policy document (a map, or a JSON string)."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return []
    statement = document.get("Statement") if is_map(document) else None
    listed = statement if isinstance(statement, list) else [statement]
    return [s for s in listed if is_map(s)]


def _allows(service: Service, statement: dict[str, Any]) -> bool:
    effect = _field(service, statement, "Effect")
    return isinstance(effect, str) and effect.lower() == "allow"


# --- which role each function uses -------------------------------------------------------------

class _Links:
    """Function → role, and the function roles of the service with their boundaries."""

    def __init__(self, service: Service, template: _Template):
        self.service = service
        self.template = template
        provider = service.provider
        self.per_function_mode = _field(service, provider, "iam", "role", "mode") == "perFunction"
        self.shared = self._shared_role()
        self.role_of = {key: self._function_role(key, fn) for key, fn in service.functions.items()}
        users: dict[str, list[str]] = defaultdict(list)
        for key, role in self.role_of.items():
            if role is not None:
                users[role].append(key)
        unused = [r for r in template.roles if r not in users and template.trusts_lambda(r)]
        self.users = {**users, **{role: [] for role in unused}}

    def _shared_role(self) -> str | None:
        """PROVIDER when the Framework generates the shared role: neither `provider.role` nor
        `provider.iam.role` names one (`provider.iam.role` as a map configures the generated role)."""
        provider = self.service.provider
        named = _field(self.service, provider, "role")
        if named is None:
            settings = _field(self.service, provider, "iam")
            role = _field(self.service, settings, "role")
            if settings is None or (is_map(settings) and (role is None or is_map(role))):
                return PROVIDER
            named = role if is_map(settings) else None
        return self.template.named_role(named)

    def _function_role(self, key: str, function: dict[str, Any]) -> str | None:
        own = _field(self.service, function, "role")
        if own is not None:
            return self.template.named_role(own)
        if self.is_native(function) or function.get("iamRoleStatements") is not None:
            return key
        return self.shared

    def is_native(self, function: dict[str, Any]) -> bool:
        """A role of its own configured like the provider's (v4): it takes the provider's settings too."""
        return self.per_function_mode or is_map(_field(self.service, function, "iam", "role"))

    def own_roles(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(key, function) of each function with a role generated for it alone."""
        return ((k, fn) for k, fn in self.service.functions.items() if self.role_of[k] == k)

    def inherits(self, function: dict[str, Any]) -> bool:
        """A plugin role takes the provider's statements when `iamRoleStatementsInherit` (or the
        plugin's `defaultInherit`, unless the function says false)."""
        own = _field(self.service, function, "iamRoleStatementsInherit")
        default = _field(self.service, self.service.data.get("custom"), PLUGIN, "defaultInherit")
        return _truthy(own) or (_truthy(default) and own is not False)

    def functions_of(self, roles: list[str]) -> list[str]:
        return [f for role in roles for f in self.users.get(role, [])]

    def boundary(self, role: str) -> bool:
        if role in self.template.roles:
            return self.template.boundary(role)
        function = self.service.functions.get(role) if role != PROVIDER else None
        own = [] if function is None else [_written(self.service, function, *p) for p in _FUNCTION_BOUNDARIES]
        return any(_is_set(self.service, w) for w in own + self._provider_boundaries())

    def _provider_boundaries(self) -> list[Any]:
        """The provider role's boundary, which a per-function role copies (the plugin clones that role),
        and the plugin's global one."""
        written = [_written(self.service, self.service.provider, *p) for p in _PROVIDER_BOUNDARIES]
        return written + [_written(self.service, self.service.data.get("custom"), PLUGIN,
                                   "iamGlobalPermissionsBoundary")]


_PROVIDER_BOUNDARIES = (("iam", "role", "permissionsBoundary"), ("iam", "role", "permissionBoundary"),
                        ("rolePermissionsBoundary",))
_FUNCTION_BOUNDARIES = (("iam", "role", "permissionsBoundary"), ("iam", "role", "permissionBoundary"),
                        ("iamPermissionsBoundary",))
_STATEMENTS = (("iam", "role", "statements"), ("iamRoleStatements",))
# (view, attribute) of a whole list only deployment settles
_UNKNOWN_LIST = {"statements": ("policy_statements", "policy"), "managed": ("managed_policies", "managed_policies")}


# --- where each policy reaches -------------------------------------------------------------------

def _provider_sources(links: _Links) -> Iterator[tuple[str, str, Any, list[str], str]]:
    """(kind, owner, list as written, roles it reaches, where it is written) of the provider's statements and managed
    policies: the generated shared role, every per-function role configured like it, and the plugin
    roles that inherit (the plugin takes `iam.role.statements` when `provider.iam` is set, else
    `iamRoleStatements`)."""
    service, provider = links.service, links.service.provider
    shared = [PROVIDER] if PROVIDER in links.users else []
    native = [k for k, fn in links.own_roles() if links.is_native(fn)]
    inheriting = [k for k, fn in links.own_roles() if not links.is_native(fn) and links.inherits(fn)]
    plugin_source = 0 if provider.get("iam") is not None else 1
    for index, path in enumerate(_STATEMENTS):
        reached = shared + native + (inheriting if index == plugin_source else [])
        yield "statements", PROVIDER, _written(service, provider, *path), reached, _origin(path, legacy=index == 1)
    for path in (("iam", "role", "managedPolicies"), ("iamManagedPolicies",)):
        yield "managed", PROVIDER, _written(service, provider, *path), shared + native, _origin(path)


def _function_sources(links: _Links) -> Iterator[tuple[str, str, Any, list[str], str]]:
    for key, function in links.own_roles():
        for path in _STATEMENTS:
            yield "statements", key, _written(links.service, function, *path), [key], _origin(path)
        path = ("iam", "role", "managedPolicies")
        yield "managed", key, _written(links.service, function, *path), [key], _origin(path)


def _origin(path: tuple[str, ...], legacy: bool = False) -> str:
    """Where a statement is written, as `faasguard permissions` shows it (PolicyStatement.origin); the
    provider's `iamRoleStatements` is the Framework's legacy key (a function's is the plugin's)."""
    return ".".join(path) + (" (legacy)" if legacy else "")


class _Writer:
    """Records statements and managed policies that reach function roles (`view` policy_statements), or
    the statements that reach identity-pool roles (`view` identity_pool_statements: no functions, and
    AWS managed policies go to no view)."""

    def __init__(self, service: Service, builder: ViewBuilder, links: _Links, view: str = STATEMENT_VIEW):
        self.service, self.builder, self.links, self.view = service, builder, links, view

    def functions_of(self, roles: list[str]) -> list[str]:
        return self.links.functions_of(roles) if self.view == STATEMENT_VIEW else []

    def source(self, kind: str, owner: str, written: Any, roles: list[str], origin: str = "") -> None:
        if not roles or written is None:
            return
        functions = self.functions_of(roles)
        resolved = self.service.resolve(written)
        if resolved is UNKNOWN or is_intrinsic(resolved):
            unknown = _UNKNOWN_LIST[kind] if self.view == STATEMENT_VIEW else (self.view, "policy")
            self.builder.unknown(owner, *unknown, written, functions)
        for entry in resolved if isinstance(resolved, list) else []:
            if kind == "statements":
                self.statement(owner, self.service.resolve(entry), roles, origin)
            else:
                self.managed(owner, entry, roles)

    def statement(self, owner: str, statement: Any, roles: list[str], origin: str = "") -> None:
        if not is_map(statement):
            return
        functions = self.functions_of(roles)
        effect = _field(self.service, statement, "Effect")
        self.builder.statement(owner, "" if effect is None else effect, self._strings(statement, "Action"),
                               self._strings(statement, "NotAction"), functions, roles=roles,
                               resources=self._resources(owner, statement, "Resource", functions),
                               not_resources=self._resources(owner, statement, "NotResource", functions),
                               view=self.view, origin=origin)

    def _strings(self, statement: dict[str, Any], key: str) -> Any:
        """Action / NotAction with each entry resolved (unknown entries are the builder's to record)."""
        written = statement.get(key)
        if written is None:
            return []
        resolved = self.service.resolve(written)
        if isinstance(resolved, list):
            return [self._resolved_or_written(e) for e in resolved]
        return self._resolved_or_written(written)

    def _resolved_or_written(self, entry: Any) -> Any:
        resolved = self.service.resolve(entry)
        return entry if resolved is UNKNOWN else resolved

    def _resources(self, owner: str, statement: dict[str, Any], key: str, functions: list[str]) -> list[str]:
        known = []
        for entry in _entries(self.service, statement.get(key)):
            kind, value = _resource_entry(self.service, entry)
            if kind == "known":
                known.append(value)
            elif kind == "unknown":
                self.builder.unknown(owner, self.view, "policy", entry, functions)
        return known

    def managed(self, owner: str, entry: Any, roles: list[str]) -> None:
        value = _managed_value(self.service, entry)
        managed = _managed_policy_resource(self.links.template, value)
        if managed:  # a policy of resources.Resources: its statements, written on it
            self.document(managed, self.links.template.properties(managed).get("PolicyDocument"), roles)
        elif self.view == STATEMENT_VIEW:
            self.builder.managed_policy(owner, value, self.links.functions_of(roles), entry, roles=roles)

    def document(self, owner: str, document: Any, roles: list[str]) -> None:
        resolved = self.service.resolve(document)
        if resolved is UNKNOWN or is_intrinsic(resolved):
            self.builder.unknown(owner, self.view, "policy", document, self.functions_of(roles))
        for statement in _statements(resolved):
            self.statement(owner, statement, roles)


def _managed_policy_resource(template: _Template, value: Any) -> str | None:
    """`!Ref Policy` naming an AWS::IAM::ManagedPolicy of resources.Resources."""
    function, argument = intrinsic(value) or (None, None)
    if function == "Ref" and isinstance(argument, str) and template.resources.get(argument, {}).get("Type") \
            == MANAGED_POLICY:
        return argument
    return None


def _template_sources(writer: _Writer, template: _Template, users: Any) -> None:
    """The CloudFormation roles among `users` (function roles, or identity-pool roles): their Policies and
    ManagedPolicyArns (→ the role), and the AWS::IAM::Policy / ManagedPolicy resources whose Roles name
    them (→ that policy)."""
    for role in (r for r in template.roles if r in users):
        props = template.roles[role]
        for policy in _entries(writer.service, props.get("Policies")):
            writer.document(role, _written(writer.service, writer.service.resolve(policy), "PolicyDocument"), [role])
        writer.source("managed", role, props.get("ManagedPolicyArns"), [role])
    for policy in template.of_type(*POLICY_TYPES):
        props = template.properties(policy)
        roles = sorted({r for e in _entries(writer.service, props.get("Roles"))
                        if (r := template.referenced_role(writer.service.resolve(e))) in users})
        if roles:
            writer.document(policy, props.get("PolicyDocument"), roles)


def add_views(service: Service, builder: ViewBuilder) -> None:
    """The roles, policy_statements and managed_policies views of a service."""
    template = _Template(service)
    links = _Links(service, template)
    for role, functions in links.users.items():
        builder.role(role, functions, links.boundary(role))
    writer = _Writer(service, builder, links)
    for kind, owner, written, roles, origin in [*_provider_sources(links), *_function_sources(links)]:
        writer.source(kind, owner, written, roles, origin)
    _template_sources(writer, template, links.users)
    _template_sources(_Writer(service, builder, links, POOL_VIEW), template, _identity_pool_roles(template))


def _identity_pool_roles(template: _Template) -> set[str]:
    """The roles of resources.Resources an identity pool's role attachment names (`Roles`: authenticated,
    unauthenticated), as `!GetAtt Role.Arn` or the logical id."""
    found = set()
    for attachment in template.of_type(POOL_ATTACHMENT):
        roles = _field(template.service, template.properties(attachment), "Roles")
        for written in roles.values() if is_map(roles) else ():
            role = template.named_role(template.service.resolve(written))
            if role:
                found.add(role)
    return found
