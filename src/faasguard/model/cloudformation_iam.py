"""CloudFormation and SAM templates → the IAM views: function roles, the policy statements and managed
policies that reach them (docs/model.md, docs/formats/cloudformation.md).

A *function role* is an `AWS::IAM::Role` some function of the template uses (`Role`), one whose trust
policy lets `lambda.amazonaws.com` assume it, or the role SAM generates for a function without `Role`
(its id is the function's). Policies reach a role through the role's `Policies` and `ManagedPolicyArns`,
`AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` `Roles`, `AWS::IAM::RolePolicy` `RoleName`, and for a
generated role the function's SAM `Policies`. Each policy document is read once, with every function role
it reaches (`roles`) and the functions using those roles.

The roles `AWS::Cognito::IdentityPoolRoleAttachment.Roles` gives identity-pool users have their policies
read the same way, into `identity_pool_statements` (their AWS managed policies are in no view).

The twin is rego/faasguard/lib/template (the role graph) with lib/cloudformation (the values).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from faasguard.model import iam
from faasguard.model.builder import ViewBuilder
from faasguard.model.cloudformation import (
    MANAGED_POLICY,
    NO_VALUE,
    NO_VALUE_REF,
    PARTITION,
    POLICY_TYPES,
    ROLE,
    ROLE_POLICY,
    SAM_FUNCTION,
    Template,
    Undecided,
    sub_text,
)
from faasguard.model.sam_policy_templates import sam_policy_template
from faasguard.model.values import UNKNOWN, intrinsic, is_intrinsic, is_map, known_string

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
# an ARN's region and account fields written with pseudo parameters: any region, any account
_ANY_REGION, _ANY_ACCOUNT = ":${AWS::Region}:", ":${AWS::AccountId}:"
_VIEW, _ATTRIBUTE = "policy_statements", "policy"
POOL_VIEW = "identity_pool_statements"
POOL_ATTACHMENT = "AWS::Cognito::IdentityPoolRoleAttachment"


# --- Values in policies ---------------------------------------------------------------------------

def iam_resource(template: Template, written: Any) -> str | None:
    """The known string a Resource entry (or a SAM policy template argument) stands for: what the template
    settles (literal, parameter default, known `Fn::If`), an `Fn::Sub` ARN whose variables are the
    partition (`aws`), the region or account as whole fields (`*`: any) or parameters with defaults, an
    `Fn::Join` of known strings; None otherwise (twin: `iam_resource` in lib/cloudformation)."""
    settled = template.branch(written)
    if settled is UNKNOWN:
        return None
    known = template.known(settled)
    if known is not None:
        return known if isinstance(known, str) else None
    call = intrinsic(settled)
    if call and call[0] == "Fn::Sub" and isinstance(call[1], str):
        return _sub_arn(template, call[1])
    if call and call[0] == "Fn::Join":
        return _joined(template, call[1])
    return None


def _sub_arn(template: Template, text: str) -> str | None:
    text = text.replace(PARTITION, "aws").replace(_ANY_REGION, ":*:").replace(_ANY_ACCOUNT, ":*:")

    def parameter(match: re.Match) -> str:
        default = template.known({"Ref": match.group(1)})
        return default if isinstance(default, str) else match.group(0)

    return known_string(_SUB_VARIABLE.sub(parameter, text))


def _joined(template: Template, argument: Any) -> str | None:
    if not (isinstance(argument, list) and len(argument) == 2 and isinstance(argument[0], str)
            and isinstance(argument[1], list)):
        return None
    parts = [template.known(part) for part in argument[1]]
    return known_string(argument[0].join(parts)) if all(isinstance(p, str) for p in parts) else None


def _names_one_resource(settled: Any) -> bool:
    """An `Fn::Sub` or `Fn::Join` with literal text around its references (`arn:aws:s3:::${Bucket}/*`):
    it names one resource, chosen at deployment, not a wildcard."""
    call = intrinsic(settled)
    if call and call[0] == "Fn::Sub":
        text = sub_text(call[1])
        return text is not None and _SUB_VARIABLE.sub("", text) != ""
    if call and call[0] == "Fn::Join" and isinstance(call[1], list) and len(call[1]) == 2:
        parts = call[1][1]
        return isinstance(parts, list) and any(isinstance(p, str) and p for p in parts)
    return False


class _Reader:
    """Reads policy values for one resource carrying them, recording the values that only deployment
    settles and that could be anything (a parameter without default could be `*`)."""

    def __init__(self, template: Template, builder: ViewBuilder, resource: str, functions: list[str],
                 view: str = _VIEW):
        self.template, self.builder, self.resource, self.functions = template, builder, resource, functions
        self.view = view

    def unknown(self, written: Any) -> None:
        self.builder.unknown(self.resource, self.view, _ATTRIBUTE, written, self.functions)

    def known(self, written: Any) -> Any:
        """Effect and action entries: the known value, None (recorded) when the template does not settle it."""
        known = self.template.known(written)
        if known is None and written is not None:
            self.unknown(written)
        return known

    def undecided(self, written: Any) -> None:
        """A value whose `Fn::If` branches differ: a known branch could be `*`, whatever the others are."""
        strings = [m for member in self.template.alternatives(written)
                   for m in (member if isinstance(member, list) else [member]) if isinstance(m, str)]
        self.unknown(Undecided(written) if strings else written)

    def resource_entry(self, written: Any) -> str | None:
        """A Resource entry or a SAM template argument: its known string; None when it names one resource
        through a reference (silently) or could be anything (recorded)."""
        value = iam_resource(self.template, written)
        settled = self.template.branch(written)
        if value is None and settled is UNKNOWN:
            self.undecided(written)
        elif value is None and self.template.value(settled) is not NO_VALUE and not _names_one_resource(settled):
            self.unknown(written)
        return value

    def resource_entries(self, written: Any) -> list[str]:
        settled = self.template.branch(written)
        if settled is UNKNOWN:
            self.undecided(written)
            return []
        entries = [] if settled is None else settled if isinstance(settled, list) else [settled]
        return [value for entry in entries if (value := self.resource_entry(entry)) is not None]

    def statements(self, document: Any) -> list[dict[str, Any]]:
        """The statement maps of a known policy document; an undecided one is recorded."""
        found, undecided = statement_maps(self.template, document)
        for written in undecided:
            self.unknown(written)
        return found


def statement_maps(template: Template, document: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """The statement maps of a policy document (a map or a JSON string; its Statement list and each
    statement read through `Fn::If`), and the entries as written that only deployment settles."""
    settled = template.branch(document)
    if isinstance(settled, str):
        try:
            settled = json.loads(settled)
        except ValueError:
            return [], []
    if not is_map(settled):
        return [], []
    listed = template.branch(settled.get("Statement"))
    if listed is UNKNOWN:
        return [], [settled.get("Statement")]
    found, undecided = [], []
    for entry in listed if isinstance(listed, list) else [listed]:
        statement = template.branch(entry)
        if is_map(statement):
            found.append(statement)
        elif statement is UNKNOWN or (is_intrinsic(statement) and statement != NO_VALUE_REF):
            undecided.append(entry)
    return found, undecided


# --- Function roles -------------------------------------------------------------------------------

def _trusts_lambda(template: Template, props: dict[str, Any]) -> bool:
    """Whether an Allow statement of the role's trust policy names `lambda.amazonaws.com` in
    `Principal.Service` (a string or a list)."""
    statements, _ = statement_maps(template, props.get("AssumeRolePolicyDocument"))
    for statement in statements:
        effect = template.known(statement.get("Effect"))
        principal = template.branch(statement.get("Principal"))
        if isinstance(effect, str) and effect.lower() == "allow" and is_map(principal) \
                and any(template.known(s) == iam.LAMBDA_SERVICE for s in template.entries(principal.get("Service"))):
            return True
    return False


def _without_role(template: Template, props: dict[str, Any]) -> bool:
    """SAM reads a function's Policies only when it has no Role (unset, or `AWS::NoValue`)."""
    role = template.branch(props.get("Role"))
    return role is None or role == NO_VALUE_REF


class _Roles:
    """The function roles of a template: `users` (role id → the functions using it) and `properties`
    (role id → the properties that configure it: the role's, or the SAM function's for a generated role)."""

    def __init__(self, template: Template, functions: dict):
        users: dict[str, set[str]] = defaultdict(set)
        for rid, (_, props) in functions.items():
            for role in template.referenced_resources(template.branch(props.get("Role")), ROLE):
                users[role].add(rid)
        self.declared = [r for r in template.of_type(ROLE)
                         if r in users or _trusts_lambda(template, template.properties(r))]
        self.generated = {rid: props for rid, (kind, props) in functions.items()
                          if kind == SAM_FUNCTION and _without_role(template, props)}
        self.users = {**{r: sorted(users.get(r, ())) for r in self.declared}, **{r: [r] for r in self.generated}}
        self.properties = {**{r: template.properties(r) for r in self.declared}, **self.generated}

    def functions_of(self, roles: list[str]) -> list[str]:
        return sorted({f for role in roles for f in self.users[role]})


def _role_records(template: Template, builder: ViewBuilder, roles: _Roles) -> None:
    """One `roles` record per function role: a PermissionsBoundary is set unless every alternative is
    absent (unset, null, `AWS::NoValue`); when only some are, it is recorded as undecided."""
    for role, functions in roles.users.items():
        members = template.alternatives_at(roles.properties[role], "PermissionsBoundary")
        absent = [m is NO_VALUE or m is None for m in members]
        if any(absent) and not all(absent):
            builder.unknown(role, "roles", "permissions_boundary", roles.properties[role].get("PermissionsBoundary"),
                            functions)
        builder.role(role, functions, not all(absent))


# --- Policies -------------------------------------------------------------------------------------

class _Grants:
    """The policy documents reaching function roles: one entry per (resource carrying it, document),
    with every role it reaches."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[str, Any, set[str]]] = {}

    def add(self, resource: str, document: Any, role: str) -> None:
        key = (resource, json.dumps(document, sort_keys=True, default=repr))
        self.entries.setdefault(key, (resource, document, set()))[2].add(role)


def _policy_document(template: Template, policy: str) -> Any:
    return template.properties(policy).get("PolicyDocument")


def _declared_role_grants(template: Template, declared: list[str], grants: _Grants) -> list[tuple[str, Any]]:
    """The documents reaching the given AWS::IAM::Role resources; returns (role, entry as written) of each
    ManagedPolicyArns entry that is not a template policy (a managed policy ARN)."""
    managed = []
    for role in declared:
        props = template.properties(role)
        for policy in template.entries(props.get("Policies")):
            settled = template.branch(policy)
            if is_map(settled):
                grants.add(role, settled.get("PolicyDocument"), role)
        for arn in template.entries(props.get("ManagedPolicyArns")):
            policies = template.referenced_resources(template.branch(arn), MANAGED_POLICY)
            for policy in policies:
                grants.add(policy, _policy_document(template, policy), role)
            if not policies:
                managed.append((role, arn))
    for rid in template.of_type(*POLICY_TYPES, ROLE_POLICY):
        props = template.properties(rid)
        written = [props.get("RoleName")] if template.type_of(rid) == ROLE_POLICY \
            else template.entries(props.get("Roles"))
        for role in {r for w in written for r in template.referenced_resources(template.branch(w), ROLE)}:
            if role in declared:
                grants.add(rid, props.get("PolicyDocument"), role)
    return managed


def _sam_grants(template: Template, builder: ViewBuilder, roles: _Roles, grants: _Grants) -> list[tuple[str, Any]]:
    """The `Policies` of SAM functions without Role (their generated roles): template policies and inline
    documents go to `grants`, SAM policy templates are expanded into statements on the function; returns
    (function, entry as written) of the managed policy names and ARNs."""
    managed = []
    for rid, props in roles.generated.items():
        for policy in template.entries(props.get("Policies")):
            settled = template.branch(policy)
            policies = template.referenced_resources(settled, MANAGED_POLICY)
            for managed_policy in policies:  # SAM attaches it to the function's generated role
                grants.add(managed_policy, _policy_document(template, managed_policy), rid)
            if policies:
                continue
            if is_map(settled) and "Statement" in settled:
                grants.add(rid, settled, rid)
            elif is_map(settled):
                _policy_template(template, builder, rid, settled)
            else:
                managed.append((rid, policy))
    return managed


def _policy_template(template: Template, builder: ViewBuilder, function: str, entry: dict[str, Any]) -> None:
    """A SAM policy template (`{DynamoDBCrudPolicy: {TableName: …}}`) expanded as aws-sam-translator does,
    its arguments read as Resource entries; an unknown template is recorded."""
    reader = _Reader(template, builder, function, [function])
    if len(entry) != 1:
        reader.unknown(entry)
        return
    (name, arguments), = entry.items()
    settled = template.branch(arguments)
    parameters = {key: reader.resource_entry(value) for key, value in settled.items()} if is_map(settled) else {}
    statements = sam_policy_template(name, parameters)
    if statements is None:
        reader.unknown(entry)
        return
    builder.policy(function, {"Statement": statements}, [function], roles=[function],
                   origin=f"SAM policy template {name}")


def _statements(template: Template, builder: ViewBuilder, resource: str, document: Any, roles: list[str],
                functions: list[str], view: str = _VIEW) -> None:
    """The statements of a policy document on `resource`: Effect and actions resolved as the template
    settles them, Resource / NotResource entries by `iam_resource`; unknown parts recorded."""
    reader = _Reader(template, builder, resource, functions, view)
    settled = template.branch(document)
    if settled is UNKNOWN or is_intrinsic(settled):
        reader.unknown(document)
        return
    found = reader.statements(settled)
    # Effect and actions as iam.statements reads them; Resource entries have their own reading
    actions = iam.statements({"Statement": [{k: v for k, v in s.items() if k not in ("Resource", "NotResource")}
                                            for s in found]}, resolve=reader.known)
    for raw, s in zip(found, actions):
        builder.statement(resource, s.effect, list(s.actions), list(s.not_actions), functions, roles=roles,
                          resources=reader.resource_entries(raw.get("Resource")),
                          not_resources=reader.resource_entries(raw.get("NotResource")), view=view)


def _managed_policies(template: Template, builder: ViewBuilder, roles: _Roles, entries: list[tuple[str, Any]]) -> None:
    """One record set per distinct managed-policy value of a role: entries with the same alternatives
    decide alike, and the builder names a decision point after its value."""
    distinct = {(role, repr(value)): (role, value, written)
                for role, written in entries for value in [template.value(written)]}
    for role, value, written in distinct.values():
        builder.managed_policy(role, value, roles.users[role], written, roles=[role])


def add_views(template: Template, functions: dict, builder: ViewBuilder) -> None:
    """Add the roles, policy_statements and managed_policies views of the template to the builder."""
    roles = _Roles(template, functions)
    _role_records(template, builder, roles)
    grants = _Grants()
    managed = _declared_role_grants(template, roles.declared, grants) + _sam_grants(template, builder, roles, grants)
    for resource, document, reached in grants.entries.values():
        role_ids = sorted(reached)
        _statements(template, builder, resource, document, role_ids, roles.functions_of(role_ids))
    _managed_policies(template, builder, roles, managed)
    _identity_pool_views(template, builder)


def identity_pool_roles(template: Template) -> list[str]:
    """The AWS::IAM::Role resources an AWS::Cognito::IdentityPoolRoleAttachment gives identity-pool users
    (`Roles`: authenticated, unauthenticated)."""
    found: set[str] = set()
    for rid in template.of_type(POOL_ATTACHMENT):
        roles = template.branch(template.properties(rid).get("Roles"))
        for written in roles.values() if is_map(roles) else ():
            found |= template.referenced_resources(template.branch(written), ROLE)
    return sorted(found)


def _identity_pool_views(template: Template, builder: ViewBuilder) -> None:
    """The statements of the identity-pool roles' policies (functions: none), read as function roles' are."""
    grants = _Grants()
    _declared_role_grants(template, identity_pool_roles(template), grants)  # managed ARNs: no view holds them
    for resource, document, reached in grants.entries.values():
        _statements(template, builder, resource, document, sorted(reached), [], POOL_VIEW)
