# METADATA
# title: Attack paths
# description: |
#   Who can make each function run, and what it may do then (docs/attack-paths.md): the public entry
#   points of each function, its dangerous grants (admin, privilege escalation, service-wide; an explicit
#   Deny on every resource removes the grants it covers whole) and the functions with both (rule
#   FG_00_01). Read from the views alone. The Python twin is src/faasguard/model/attack_paths.py.
package faasguard.lib.attack_paths

import data.faasguard.lib.api_auth
import data.faasguard.lib.groups
import data.faasguard.lib.iam
import data.faasguard.lib.iam_data
import data.faasguard.lib.public_write
import data.faasguard.model

# METADATA
# title: levels
# description: The dangerous grant levels, most dangerous first.
levels := ["admin", "privilege escalation", "service-wide"]

# --- entry points -------------------------------------------------------------------------------------

# a value with alternatives is public only when it is in every alternative
_open_operations := model.decided({o | some o in model.api_operations; api_auth.is_unauthenticated(o)})

_open_urls := model.decided({u | some u in model.function_urls; u.auth_type == "NONE"})

_writable := public_write.writable_targets(model.source_policies)

_public_entries contains [f, _entry("api", _operation_name(o), o.resource)] if {
	some o in _open_operations
	some f in o.functions
}

_public_entries contains [f, _entry("function URL", "function URL", u.resource)] if {
	some u in _open_urls
	some f in u.functions
}

_public_entries contains [f, _entry("permission", sprintf("invoke permission for %s", [p.principal]), p.resource)] if {
	some p in model.lambda_permissions
	p.principal == "*"
	not p.constrained
	object.get(p, "function_url_auth_type", "") != "AWS_IAM"
	some f in p.functions
}

_public_entries contains [f, _entry("trigger", sprintf("%s source %s", [e.kind, e.source]), e.resource)] if {
	some e in model.event_sources
	_writable[e.source]
	some f in e.functions
}

_entry(kind, name, resource) := {"kind": kind, "name": name, "resource": resource}

_operation_name(o) := sprintf("%s %s", [_api_kind(o.kind), trim_space(sprintf("%s %s", [o.method, o.path]))])

_api_kind("rest") := "REST"

_api_kind("http") := "HTTP API"

_api_kind("websocket") := "WebSocket"

# METADATA
# title: public_entry_points
# description: |
#   function → its entry points anyone can use, each {kind, name, resource}: kind "api", "function URL",
#   "permission" or "trigger"; resource where it is written.
public_entry_points := groups.by_key(_public_entries)

# --- grants -------------------------------------------------------------------------------------------

# function → its policy statements, its managed policies
_statements := groups.by_key([[f, s] | some s in model.policy_statements; some f in s.functions])

_managed := groups.by_key([[f, m] | some m in model.managed_policies; some f in m.functions])

_granted := object.keys(_statements) | object.keys(_managed)

# the functions that share a role share their statements and managed policies: judged once per set
# (complete rules, built once: lib/groups)
# regal ignore:prefer-set-or-object-rule
_profiles := {f: [object.get(_statements, f, set()), object.get(_managed, f, set())] | some f in _granted}

# regal ignore:prefer-set-or-object-rule
_dangerous_by_profile := {profile: _dangerous(profile[0], profile[1]) | some profile in {p | some p in _profiles}}

# METADATA
# title: dangerous_grants
# description: |
#   function → its admin, privilege-escalation and service-wide grants, each {level, what, resource};
#   functions without one are absent.
dangerous_grants[f] := grants if {
	some f, profile in _profiles
	grants := _dangerous_by_profile[profile]
	count(grants) > 0
}

_dangerous(statements, managed) := ((_admin(admins) | _escalation_methods(allowed, admins, denies)) | _unscoped(
	allowed - admins,
	denies,
)) | _managed_grants(managed, denies) if {
	allowed := {s | some s in statements; iam.is_allow(s)}
	denies := {s | some s in statements; _denies_everywhere(s)}
	admins := _admins(allowed, denies)
}

_grant(level, what, resource) := {"level": level, "what": what, "resource": resource}

# a Deny on every resource
_denies_everywhere(s) if {
	is_string(s.effect)
	lower(s.effect) == "deny"
	count(object.get(s, "iam_not_resources", [])) == 0
	some resource in object.get(s, "iam_resources", [])
	iam.is_unscoped(resource)
}

# some Deny covers the whole of a granted action or pattern as written (`s3:*` covers `s3:Get*`)
_denied(denies, granted) if {
	some deny in denies
	_covers(deny, granted)
}

_covers(deny, granted) if {
	some pattern in deny.actions
	iam.action_matches(pattern, granted)
}

_covers(deny, granted) if {
	count(deny.not_actions) > 0
	not _matches_any(deny.not_actions, granted)
}

_matches_any(patterns, granted) if {
	some pattern in patterns
	iam.action_matches(pattern, granted)
}

# the statements that grant every action, unless a Deny removes every action; an admin statement is
# shown as admin alone: it covers whatever else it grants
_admins(allowed, denies) := {s | some s in allowed; iam.is_admin(s)} if not _denied(denies, "*")

_admins(_, denies) := set() if _denied(denies, "*")

_admin(admins) := {_grant("admin", _admin_text(s), s.resource) | some s in admins}

_admin_text(s) := "Action *" if {
	some action in s.actions
	action in {"*", "*:*"}
} else := sprintf("every action except NotAction %s", [concat(", ", s.not_actions)])

# each privilege-escalation method the Allow statements grant together, on each statement other than an
# admin one that grants one of its actions
_escalation_methods(allowed, admins, denies) := {_grant("privilege escalation", what, s.resource) |
	some method in iam.escalation_methods(allowed)
	actions := iam.method_actions(method)
	not _any_denied(denies, actions)
	what := sprintf("escalation method %s (%s)", [method, concat(", ", actions)])
	some s in (allowed - admins)
	some action in actions
	iam.grants_action(s, action)
}

_any_denied(denies, actions) if {
	some action in actions
	_denied(denies, action)
}

# what a statement grants on every resource: permissions management (escalation), whole services (a
# whole service is shown once, as service-wide, saying when it includes permissions management)
_unscoped(allowed, denies) := {_grant(level, sprintf("%s on every resource", [what]), s.resource) |
	some s in allowed
	iam.grants_unscoped(s)
	some [level, what, covered] in _unscoped_entries(s)
	not _denied(denies, covered)
}

# [level, what, what a Deny must cover to remove it]
_unscoped_entries(s) := {["privilege escalation", entry, _denied_as(entry)] |
	some entry in managing
	not entry in wildcards
} | {["service-wide", _service_text(wildcard, managing), wildcard] | some wildcard in wildcards} if {
	wildcards := iam.service_wildcards(s.actions)
	managing := iam.permissions_management_actions(s)
}

_service_text(wildcard, managing) := sprintf("%s (with its permissions-management actions)", [wildcard]) if {
	wildcard in managing
} else := wildcard

_denied_as("NotAction") := "*"

_denied_as(entry) := entry if entry != "NotAction"

# a dangerous managed policy counts only when it is dangerous in every alternative of its value
_settled_managed := model.decided({m | some m in model.managed_policies; _managed_danger(m.policy, set())})

_managed_grants(managed, denies) := {_grant(level, what, m.resource) |
	some m in managed
	m in _settled_managed
	[level, what] := _managed_danger(m.policy, denies)
}

# [level, what] of a dangerous managed policy: admin, or service-wide when the data lists a `svc:*`
# grant of it (data/managed_policies.yaml); undefined for any other
_managed_danger(policy, denies) := ["admin", sprintf("%s (every action)", [policy])] if {
	iam.is_admin_managed_policy(policy)
	not _denied(denies, "*")
}

_managed_danger(policy, denies) := ["service-wide", what] if {
	not iam.is_admin_managed_policy(policy)
	listed := iam_data.broad_managed_policies[iam.broad_managed_policy(policy)].grants
	wildcards := [wildcard |
		some entry in listed
		wildcard := _service_grant(entry)
		not _denied(denies, wildcard)
	]
	count(wildcards) > 0
	what := sprintf("%s (%s on every resource)", [policy, concat(", ", wildcards)])
}

# the `svc:*` of a managed policy's listed grant `svc:*`, alone or "… on every …"
_service_grant(entry) := action if {
	action := split(entry, " ")[0]
	count(iam.service_wildcards([action])) > 0
	_alone_or_everywhere(entry, action)
}

_alone_or_everywhere(entry, action) if entry == action

_alone_or_everywhere(entry, action) if startswith(entry, sprintf("%s on every ", [action]))

# --- attack paths -------------------------------------------------------------------------------------

# METADATA
# title: functions_with_paths
# description: The functions with a public entry point and a dangerous grant.
functions_with_paths contains f if {
	some f, _ in public_entry_points
	dangerous_grants[f]
}
