"""Who can make each function run, and what it may do then (docs/attack-paths.md).

- `entry_points`: how each function can be invoked, and whether anyone can (`PUBLIC`) or only someone
  authenticated, an AWS service, a private source.
- `grants`: each function's effective permissions, classified (ADMIN, ESCALATION, SERVICE_WIDE,
  DATA_UNSCOPED, SCOPED, UNCLASSIFIED), with where each comes from. An explicit Deny on every resource
  removes the grants it covers whole.
- `attack_paths`: a public entry point to a function with an ADMIN, ESCALATION or SERVICE_WIDE grant
  (rule FG_00_01).

Read from the views alone, so every format gets it; the Rego twin is rego/faasguard/lib/attack_paths.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from faasguard.model import iam, iam_data
from faasguard.model.api_auth import is_unauthenticated
from faasguard.model.decide import decide
from faasguard.model.public_write import writable_targets
from faasguard.model.views import PolicyStatement, Views

PUBLIC = "public"
ARROW = " → "  # between the steps of a chain
ADMIN, ESCALATION, SERVICE_WIDE = "admin", "privilege escalation", "service-wide"
DATA_UNSCOPED, SCOPED, UNCLASSIFIED = "data on every resource", "scoped", "unclassified"
LEVELS = (ADMIN, ESCALATION, SERVICE_WIDE, DATA_UNSCOPED, SCOPED, UNCLASSIFIED)  # most dangerous first
DANGEROUS = frozenset({ADMIN, ESCALATION, SERVICE_WIDE})

# how a rule settles records with alternatives: the records that are so in every alternative
Decide = Callable[[Iterable, Callable], list]


def _settled(records: Iterable, holds: Callable) -> list:
    return decide(records, holds)[0]


@dataclass(frozen=True)
class EntryPoint:
    """A way `function` can be made to run: `kind` "api", "function URL", "permission" or "trigger";
    `name` what it is ("REST GET /orders", "s3 source Uploads"); `access` PUBLIC, or what stands in the
    way (the authorization type, the principal, "not publicly writable"); `resource` where it is
    written."""

    function: str
    kind: str
    name: str
    access: str
    resource: str

    @property
    def public(self) -> bool:
        return self.access == PUBLIC


@dataclass(frozen=True)
class Grant:
    """A permission `function` has through `role`: `level` one of LEVELS, `what` the permission
    ("Action *", "s3:* on every resource"), `resource` where it is written and `origin` what writes it
    ("statement", "SAM policy template S3CrudPolicy", "AWS managed policy")."""

    function: str
    role: str
    level: str
    what: str
    resource: str
    origin: str
    services: tuple[str, ...] = ()  # the services it covers on every resource (service-wide, data)

    @property
    def dangerous(self) -> bool:
        return self.level in DANGEROUS

    @property
    def source(self) -> str:
        return f"{self.origin} in {self.resource}" if self.origin != self.resource else self.resource


@dataclass(frozen=True)
class AttackPath:
    entry: EntryPoint
    grant: Grant

    @property
    def function(self) -> str:
        return self.entry.function

    def steps(self) -> list[dict[str, str]]:
        """The chain as data: entry point → function → role → grant (JSON report, SARIF codeFlows)."""
        entry, grant = self.entry, self.grant
        return [
            {"step": "entry point", "resource": entry.resource, "description": f"{entry.name} ({entry.access})"},
            {"step": "function", "resource": self.function, "description": f"function {self.function}"},
            {"step": "role", "resource": grant.role or self.function, "description": f"role {grant.role or '(none)'}"},
            {"step": "grant", "resource": grant.resource, "description": f"{grant.what} ({grant.level}, {grant.source})"},
        ]

    def chain(self) -> str:
        return ARROW.join(step["description"] for step in self.steps())


# --- entry points ------------------------------------------------------------------------------------

_API_KINDS = {"rest": "REST", "http": "HTTP API", "websocket": "WebSocket"}


def _operation_name(operation) -> str:
    return f"{_API_KINDS.get(operation.kind, operation.kind)} {operation.method} {operation.path}".replace("  ", " ")


def _permission_access(permission) -> str:
    if permission.principal == "*" and not permission.constrained and permission.function_url_auth_type != "AWS_IAM":
        return PUBLIC
    conditions = [name for name, on in (("SourceArn", permission.source_arn),
                                        ("SourceAccount", permission.source_account)) if on]
    if permission.constrained and not conditions:
        conditions = ["PrincipalOrgID"]
    suffix = f" ({', '.join(conditions)})" if conditions else ""
    return f"principal {permission.principal}{suffix}"


def entry_points(views: Views, settle: Decide = _settled) -> list[EntryPoint]:
    """Every entry point of every function the views link it to. A value with alternatives is PUBLIC only
    when it is in every alternative (`settle`); the rule passes one that notes the others as undecided."""
    found: set[EntryPoint] = set()
    open_operations = set(settle(views.api_operations, is_unauthenticated))
    for operation in views.api_operations:
        access = PUBLIC if operation in open_operations else operation.authorization
        if operation.method == "OPTIONS" and access == "NONE":
            access = "CORS preflight only"
        found.update(EntryPoint(f, "api", _operation_name(operation), access, operation.resource)
                     for f in operation.functions)
    open_urls = set(settle(views.function_urls, lambda u: u.auth_type == "NONE"))
    for url in views.function_urls:
        found.update(EntryPoint(f, "function URL", "function URL", PUBLIC if url in open_urls else url.auth_type,
                                url.resource) for f in url.functions)
    for permission in views.lambda_permissions:
        found.update(EntryPoint(f, "permission", f"invoke permission for {permission.principal}",
                                _permission_access(permission), permission.resource) for f in permission.functions)
    writable = writable_targets(views.source_policies)
    for trigger in views.event_sources:
        source = trigger.source or "a source outside the files"
        access = PUBLIC if trigger.source in writable else "not publicly writable" if trigger.source else \
            "source outside the files"
        found.update(EntryPoint(f, "trigger", f"{trigger.kind} source {source}", access, trigger.resource)
                     for f in trigger.functions)
    return sorted(found, key=lambda e: (e.function, not e.public, e.kind, e.name, e.resource))


# --- grants ------------------------------------------------------------------------------------------

def _denies_everywhere(statement: PolicyStatement) -> bool:
    return (isinstance(statement.effect, str) and statement.effect.lower() == "deny"
            and not statement.iam_not_resources and any(iam.is_unscoped(r) for r in statement.iam_resources))


def _covers(deny: PolicyStatement, granted: str) -> bool:
    """The Deny covers the whole of a granted action or pattern as written (`s3:*` covers `s3:Get*`)."""
    if any(iam.action_matches(pattern, granted) for pattern in deny.actions):
        return True
    return bool(deny.not_actions) and not any(iam.action_matches(p, granted) for p in deny.not_actions)


class _Function:
    """One function's statements and managed policies, with its Denies applied."""

    def __init__(self, function: str, role: str, statements: list[PolicyStatement], managed: list,
                 settled_managed: set, origins: dict[PolicyStatement, str]):
        self.function, self.role, self.origins = function, role, origins
        self.allowed = [s for s in statements if iam.is_allow(s.effect)]
        self.denies = [s for s in statements if _denies_everywhere(s)]
        self.managed, self.settled_managed = managed, settled_managed

    def origin(self, statement: PolicyStatement) -> str:
        return self.origins.get(statement, "statement")

    def denied(self, granted: str) -> bool:
        return any(_covers(deny, granted) for deny in self.denies)

    def grant(self, level: str, what: str, resource: str, origin: str, services: Iterable[str] = ()) -> Grant:
        return Grant(self.function, self.role, level, what, resource, origin, tuple(sorted(set(services))))

    def grants(self) -> list[Grant]:
        found = [*self._escalation_methods(), *self._managed()]
        for statement in self.allowed:
            # an admin statement is shown as admin alone: it covers whatever else it grants
            classified = self._admin(statement) or self._unscoped(statement)
            found += classified
            if not classified and not self._in_method(statement, found):
                denied = " (removed by an explicit Deny)" if all(map(self.denied, statement.actions or ["*"])) else ""
                found.append(self.grant(SCOPED, _scoped_text(statement) + denied, statement.resource,
                                        self.origin(statement)))
        return found

    def _in_method(self, statement: PolicyStatement, found: list[Grant]) -> bool:
        return any(g.level == ESCALATION and g.resource == statement.resource and g.origin == self.origin(statement)
                   for g in found)

    def _is_admin(self, s: PolicyStatement) -> bool:
        return iam.is_admin(s.effect, s.actions, s.not_actions) and not self.denied("*")

    def _admin(self, s: PolicyStatement) -> list[Grant]:
        return [self.grant(ADMIN, _admin_text(s), s.resource, self.origin(s))] if self._is_admin(s) else []

    def _escalation_methods(self) -> list[Grant]:
        """Each privilege-escalation method the Allow statements grant together, on each statement that
        grants one of its actions."""
        found = []
        for method in iam.escalation_methods(self.allowed):
            actions = iam.method_actions(method)
            if any(self.denied(a) for a in actions):
                continue
            what = f"escalation method {method} ({', '.join(actions)})"
            found += [self.grant(ESCALATION, what, s.resource, self.origin(s)) for s in self.allowed
                      if any(iam.grants_action(s, a) for a in actions) and not self._is_admin(s)]
        return found

    def _unscoped(self, s: PolicyStatement) -> list[Grant]:
        """What a statement grants on every resource: permissions management (escalation), whole services,
        data actions."""
        if not iam.grants_unscoped(s):
            return []

        def grant(level: str, entries: list[str]) -> Grant:
            return self.grant(level, f"{', '.join(entries)} on every resource", s.resource, self.origin(s),
                              [] if level == ESCALATION else (_service(e) for e in entries))

        wildcards = iam.service_wildcards(s.actions)
        managing = iam.permissions_management_actions(s)
        # a whole service is shown once, as service-wide (saying when it includes permissions management)
        found = [grant(ESCALATION, [entry]) for entry in managing if entry not in wildcards
                 and not self.denied("*" if entry == iam.NOT_ACTION else entry)]
        found += [grant(SERVICE_WIDE, [f"{w} (with its permissions-management actions)" if w in managing else w])
                  for w in wildcards if not self.denied(w)]
        data = [a for a in iam.data_plane_actions(s) if a != iam.NOT_ACTION
                and a not in wildcards and not self.denied(a)]
        return found + ([grant(DATA_UNSCOPED, data)] if data else [])

    def _managed(self) -> list[Grant]:
        found = []
        for m in self.managed:
            level, what, services = managed_level(m.policy, self.denied)
            if level in DANGEROUS and m.choice and m not in self.settled_managed:
                level, what = UNCLASSIFIED, f"{what}, in some alternatives of the value only"
            origin = "managed policy" if level == UNCLASSIFIED and not iam.broad_managed_policy(m.policy) \
                else "AWS managed policy"
            found.append(self.grant(level, what, m.resource, origin, services))
        return found


def managed_level(policy: str, denied: Callable[[str], bool] = lambda _: False) -> tuple[str, str, tuple[str, ...]]:
    """(level, what, services on every resource) of a managed policy: admin, service-wide when the data
    lists a `svc:*` grant of it on every resource, data on every resource for the other broad ones
    (data/managed_policies.yaml), and
    unclassified for a policy the data does not hold (its contents are not in the files)."""
    if iam.is_admin_managed_policy(policy):
        return (ADMIN, f"{policy} (every action)", ()) if not denied("*") else \
            (SCOPED, f"{policy} (every action denied)", ())
    name = iam.broad_managed_policy(policy)
    if name is None:
        return UNCLASSIFIED, f"{policy} (its contents are not in the files)", ()
    listed = iam_data.broad_managed_policies()[name]["grants"]
    wildcards = [g.split(" ", 1)[0] for g in listed if _is_service_grant(g) and not denied(g.split(" ", 1)[0])]
    if wildcards:
        return SERVICE_WIDE, f"{policy} ({', '.join(wildcards)} on every resource)", tuple(map(_service, wildcards))
    return DATA_UNSCOPED, f"{policy} ({', '.join(listed)})", ()


def _is_service_grant(entry: str) -> bool:
    """A managed policy's listed grant `svc:*` (alone, or "… on every …")."""
    action = entry.split(" ", 1)[0]
    return bool(iam.service_wildcards((action,))) and (action == entry or entry.startswith(f"{action} on every "))


def _service(action: str) -> str:
    return action.split(":", 1)[0].lower()


def _admin_text(statement: PolicyStatement) -> str:
    if any(a in ("*", "*:*") for a in statement.actions):
        return "Action *"
    return f"every action except NotAction {', '.join(statement.not_actions)}"


def _scoped_text(statement: PolicyStatement) -> str:
    actions = ", ".join(statement.actions) or f"every action except {', '.join(statement.not_actions)}"
    resources = ", ".join(statement.iam_resources) or ("every resource except " + ", ".join(statement.iam_not_resources)
                                                       if statement.iam_not_resources else "the resources it references")
    return f"{actions} on {resources}"


def roles_by_function(views: Views) -> dict[str, str]:
    """function -> its role ids (joined when the files give it more than one)."""
    roles: dict[str, list[str]] = defaultdict(list)
    for role in views.roles:
        for function in role.functions:
            roles[function].append(role.resource)
    return {f: ", ".join(sorted(r)) for f, r in roles.items()}


def grants(views: Views, settle: Decide = _settled) -> list[Grant]:
    """Every function's grants, most dangerous first. A managed policy with alternatives counts only when
    it is that policy in every alternative (`settle`)."""
    statements: dict[str, list[PolicyStatement]] = defaultdict(list)
    for statement in views.policy_statements:
        for function in statement.functions:
            statements[function].append(statement)
    managed: dict[str, list] = defaultdict(list)
    for policy in views.managed_policies:
        for function in policy.functions:
            managed[function].append(policy)
    # a dangerous managed policy counts as such only when it is dangerous in every alternative
    settled_managed = set(settle(views.managed_policies, lambda m: managed_level(m.policy)[0] in DANGEROUS))
    roles = roles_by_function(views)
    found = []
    # functions sharing a role share its grants: classify each distinct set of grants once
    classified: dict[tuple, list[Grant]] = {}
    for function in sorted({*statements, *managed}):
        key = (roles.get(function, ""), tuple(statements[function]), tuple(managed[function]))
        if key not in classified:
            classified[key] = _Function(function, key[0], statements[function], managed[function],
                                        settled_managed, views.origins).grants()
        found += [replace(g, function=function) for g in classified[key]]
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda g: (g.function, LEVELS.index(g.level), g.resource, g.what))


# --- attack paths ------------------------------------------------------------------------------------

def attack_paths(views: Views, settle: Decide = _settled) -> list[AttackPath]:
    """Each public entry point paired with each dangerous grant of its function; per function the most
    dangerous grant first."""
    return paths_of(entry_points(views, settle), grants(views, settle))


def paths_of(entries: Iterable[EntryPoint], function_grants: Iterable[Grant]) -> list[AttackPath]:
    dangerous: dict[str, list[Grant]] = defaultdict(list)
    for grant in function_grants:
        if grant.dangerous:
            dangerous[grant.function].append(grant)
    paths = [AttackPath(entry, grant) for entry in entries if entry.public
             for grant in dangerous.get(entry.function, ())]
    return sorted(paths, key=lambda p: (p.function, LEVELS.index(p.grant.level), p.entry.kind, p.entry.name,
                                        p.grant.resource, p.grant.what))
