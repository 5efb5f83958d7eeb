# Serverless Framework function roles: the roles, policy_statements and managed_policies views of a
# serverless.yml (docs/formats/serverless.md, "Function roles"); the Python twin is
# src/faasguard/model/serverless_iam.py. Each function has one role: its own `role` (a logical id of
# resources.Resources or `!GetAtt Role.Arn`: that CloudFormation role; an ARN is a role the files do not
# hold), else a role generated for it alone (id: its key) when `provider.iam.role.mode` is perFunction,
# it has an `iam.role` map or it sets `iamRoleStatements`, else the shared role (`provider` when the
# Framework generates it). Value helpers: lib/serverless (policies.rego).
package faasguard.adapters.serverless

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

_plugin := "serverless-iam-roles-per-function"

# --- resources.Resources --------------------------------------------------------------------------

_template_resources[id] := resource if {
	resources := sls.field(_doc, sls.merged(_doc, _doc.resources), "Resources")
	values.is_map(resources)
	some id, resource in resources
	values.is_map(resource)
}

_properties(resource) := props if {
	props := sls.field(_doc, resource, "Properties")
	values.is_map(props)
} else := {}

_cfn_roles[id] := _properties(resource) if {
	some id, resource in _template_resources
	resource.Type == "AWS::IAM::Role"
}

_cfn_role_ids := object.keys(_cfn_roles)

# a `role` setting: a logical id (how the Framework reads a name that is not an ARN) or GetAtt Role.Arn
_named_role(value) := value if {
	is_string(value)
	value in _cfn_role_ids
}

_named_role(value) := id if {
	values.is_intrinsic(value)
	id := _getatt_role(value["Fn::GetAtt"])
	id in _cfn_role_ids
}

# conftest drops the !GetAtt tag: `Role.Arn`
_named_role(value) := id if {
	is_string(value)
	id := _getatt_role(value)
	id in _cfn_role_ids
}

_getatt_role([id, "Arn"]) := id

_getatt_role(text) := parts[0] if {
	is_string(text)
	parts := split(text, ".")
	count(parts) == 2
	parts[1] == "Arn"
}

# an IAM policy's `Roles` entry: `!Ref Role` or the logical id as text
_referenced_role(value) := value if _named_role(value) == value

_referenced_role(value) := value.Ref if {
	values.is_intrinsic(value)
	value.Ref in _cfn_role_ids
}

# the roles whose trust policy lets Lambda assume them (Principal.Service, string or list)
_lambda_roles contains role if {
	some role, props in _cfn_roles
	document := sls.resolve(_doc, object.get(props, "AssumeRolePolicyDocument", null))
	some statement in sls.document_statements(document)
	lower(sls.field(_doc, statement, "Effect")) == "allow"
	principal := sls.field(_doc, statement, "Principal")
	values.is_map(principal)
	some entry in sls.entries(_doc, object.get(principal, "Service", null))
	sls.resolve(_doc, entry) == "lambda.amazonaws.com"
}

# --- which role each function uses --------------------------------------------------------------

# the generated shared role, or the resources role that `provider.role` / `provider.iam.role` names
_shared_role := "provider" if {
	values.is_unset(_provider, "role")
	_generated_role
}

_shared_role := _named_role(sls.field(_doc, _provider, "role"))

_shared_role := _named_role(sls.at(_doc, _provider, ["iam", "role"])) if {
	values.is_unset(_provider, "role")
	not _generated_role
	values.is_map(sls.field(_doc, _provider, "iam"))
}

# provider.iam.role is not an ARN or name (a string) nor an intrinsic: the Framework generates the role
_generated_role if values.is_unset(_provider, "iam")

_generated_role if {
	provider_iam := sls.field(_doc, _provider, "iam")
	values.is_map(provider_iam)
	values.is_unset(provider_iam, "role")
}

_generated_role if values.is_map(sls.at(_doc, _provider, ["iam", "role"]))

_per_function_mode if sls.at(_doc, _provider, ["iam", "role", "mode"]) == "perFunction"

# function key → the id of its role (undefined for a role the files do not hold)
_role_of[key] := _named_role(sls.field(_doc, fn, "role")) if {
	some key, fn in _functions
	not values.is_unset(fn, "role")
}

_role_of[key] := key if some key in _own_roles

_role_of[key] := _shared_role if {
	some key, fn in _functions
	values.is_unset(fn, "role")
	not key in _own_roles
}

# functions with a role generated for them alone
_own_roles contains key if {
	some key in _native_roles
}

_own_roles contains key if {
	some key, fn in _functions
	values.is_unset(fn, "role")
	not values.is_unset(fn, "iamRoleStatements")
}

# per-function roles configured like the provider's (v4): they take the provider's settings too
_native_roles contains key if {
	_per_function_mode
	some key, fn in _functions
	values.is_unset(fn, "role")
}

_native_roles contains key if {
	some key, fn in _functions
	values.is_unset(fn, "role")
	values.is_map(sls.at(_doc, fn, ["iam", "role"]))
}

# plugin roles that take the provider's statements: iamRoleStatementsInherit, or the plugin's
# defaultInherit unless the function says false
_inheriting_roles contains key if {
	some key in _own_roles
	not key in _native_roles
	sls.truthy(sls.field(_doc, _functions[key], "iamRoleStatementsInherit"))
}

_inheriting_roles contains key if {
	sls.truthy(sls.at(_doc, _doc, ["custom", _plugin, "defaultInherit"]))
	some key in _own_roles
	not key in _native_roles
	not _refuses_inheritance(_functions[key])
}

_refuses_inheritance(fn) if sls.field(_doc, fn, "iamRoleStatementsInherit") == false

# role id → the sorted keys of the functions using it; the roles trusting Lambda that no function uses
_users[role] := sort({key | some key, r in _role_of; r == role}) if some role in _used_roles

_users[role] := [] if {
	some role in _lambda_roles
	not role in _used_roles
}

_used_roles contains role if some role in _role_of

_functions_of(roles) := sort({key | some role in roles; some key in _users[role]})

# METADATA
# title: roles
# description: "{resource, functions, permissions_boundary}: the function roles (docs/model.md)."
roles contains {"resource": role, "functions": functions, "permissions_boundary": role in _bounded} if {
	some role, functions in _users
}

_bounded contains role if {
	some role, props in _cfn_roles
	sls.has_setting(_doc, props, ["PermissionsBoundary"])
}

_bounded contains key if {
	some key in _own_roles
	some path in _function_boundaries
	sls.has_setting(_doc, _functions[key], path)
}

# a generated role copies the provider role's boundary (the plugin clones that role), and takes the
# plugin's global one
_bounded contains role if {
	_generated_role_bounded
	some role in object.keys(_users)
	not role in _cfn_role_ids
}

_generated_role_bounded if {
	some path in _provider_boundaries
	sls.has_setting(_doc, _provider, path)
}

_generated_role_bounded if sls.has_setting(_doc, _doc, ["custom", _plugin, "iamGlobalPermissionsBoundary"])

_provider_boundaries := [
	["iam", "role", "permissionsBoundary"],
	["iam", "role", "permissionBoundary"],
	["rolePermissionsBoundary"],
]

_function_boundaries := [
	["iam", "role", "permissionsBoundary"],
	["iam", "role", "permissionBoundary"],
	["iamPermissionsBoundary"],
]

# --- where each policy reaches ------------------------------------------------------------------

_statement_paths := [["iam", "role", "statements"], ["iamRoleStatements"]]

_managed_paths := [["iam", "role", "managedPolicies"], ["iamManagedPolicies"]]

_shared_reach := {"provider"} & object.keys(_users)

# the plugin takes `iam.role.statements` when `provider.iam` is set, else `iamRoleStatements`
default _plugin_source := 1

_plugin_source := 0 if not values.is_unset(_provider, "iam")

# roles the provider's statement list at each index of _statement_paths reaches: the generated shared
# role, the per-function roles configured like it and the plugin roles that inherit it
_statement_reach[index] := (_shared_reach | _native_roles) | _inherited_at(index) if {
	some index in numbers.range(0, 1)
}

_inherited_at(index) := _inheriting_roles if index == _plugin_source

_inherited_at(index) := set() if index != _plugin_source

# [kind, owner, list as written, roles it reaches (sorted)]
_sources contains ["statements", "provider", written, sort(reached)] if {
	some index, reached in _statement_reach
	count(reached) > 0
	written := sls.written_at(_doc, _provider, _statement_paths[index])
}

_sources contains ["managed", "provider", written, sort(reached)] if {
	reached := _shared_reach | _native_roles
	count(reached) > 0
	some path in _managed_paths
	written := sls.written_at(_doc, _provider, path)
}

_sources contains ["statements", key, written, [key]] if {
	some key in _own_roles
	some path in _statement_paths
	written := sls.written_at(_doc, _functions[key], path)
}

_sources contains ["managed", key, written, [key]] if {
	some key in _own_roles
	written := sls.written_at(_doc, _functions[key], ["iam", "role", "managedPolicies"])
}

# the ManagedPolicyArns of resources.Resources roles that are function roles
_sources contains ["managed", role, props.ManagedPolicyArns, [role]] if {
	some role, props in _cfn_roles
	role in object.keys(_users)
}

# [owner, document as written, roles] of the policies reaching function roles
_documents contains d if some d in _role_documents(object.keys(_users))

_documents contains d if {
	some [kind, _, list, reached] in _sources
	kind == "managed"
	some d in _managed_documents(list, reached)
}

# [owner, document as written, roles] of the resources.Resources roles among role_ids (function roles or
# identity-pool roles): their Policies (→ the role), and the AWS::IAM::Policy and AWS::IAM::ManagedPolicy
# resources whose Roles name them (→ that policy, with every such role)
_role_documents(role_ids) := {[role, policy.PolicyDocument, [role]] |
	some role in role_ids
	some entry in sls.entries(_doc, object.get(_cfn_roles[role], "Policies", null))
	policy := sls.resolve(_doc, entry)
	values.is_map(policy)
} | {[policy, props.PolicyDocument, reached] |
	some policy, resource in _template_resources
	resource.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	props := _properties(resource)
	reached := sort({role |
		some entry in sls.entries(_doc, object.get(props, "Roles", null))
		role := _referenced_role(sls.resolve(_doc, entry))
		role in role_ids
	})
	count(reached) > 0
}

# [policy, document as written, reached] of each entry `!Ref Policy` of a managed-policy list (as
# written) naming an AWS::IAM::ManagedPolicy of resources.Resources
_managed_documents(list, reached) := {[policy, props.PolicyDocument, reached] |
	some entry in sls.listed(_doc, list)
	policy := sls.managed_value(_doc, entry).Ref
	_template_resources[policy].Type == "AWS::IAM::ManagedPolicy"
	props := _properties(_template_resources[policy])
}

# METADATA
# scope: document
# title: policy_statements
# description: Statements of the policies that reach function roles (docs/model.md).
policy_statements contains _statement_record(owner, statement, reached) if {
	some [kind, owner, list, reached] in _sources
	kind == "statements"
	some entry in sls.listed(_doc, list)
	statement := sls.resolve(_doc, entry)
	values.is_map(statement)
}

policy_statements contains _statement_record(owner, statement, reached) if {
	some [owner, document, reached] in _documents
	some statement in sls.document_statements(sls.resolve(_doc, document))
}

_statement_record(owner, statement, reached) := object.union(
	sls.statement(_doc, statement),
	{"resource": owner, "roles": reached, "functions": _functions_of(reached)},
)

# METADATA
# title: managed_policies
# description: Managed policies (ARN or name) attached to function roles (docs/model.md).
managed_policies contains {"resource": owner, "policy": policy, "roles": reached, "functions": functions} if {
	some [kind, owner, list, reached] in _sources
	kind == "managed"
	functions := _functions_of(reached)
	some entry in sls.listed(_doc, list)
	policy := sls.managed_value(_doc, entry)
	values.is_literal(policy)
	policy != ""
}
