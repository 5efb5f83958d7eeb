package faasguard.lib.cloudformation

import data.faasguard.lib.values

# METADATA
# title: choice_records
# description: |
#   The view records of a value with alternatives (a set of members, see `alternatives`): `fields`
#   with `field` set to each known string alternative. When the value has several alternatives, each
#   record carries `choice` (the decision point), `choices` (how many alternatives, unknown and
#   absent ones included) and `alternative` (its index among them), as model.decided reads them.
choice_records(fields, field, choice, members) := {record |
	some i, m in sort(members)
	is_string(m.value)
	record := _with_choice(object.union(fields, {field: m.value}), choice, members, i)
}

_with_choice(record, _, members, _) := record if count(members) == 1

_with_choice(record, choice, members, i) := object.union(
	record,
	{"choice": choice, "choices": count(members), "alternative": i},
) if {
	count(members) > 1
}

# METADATA
# title: function_record
# description: The `functions` view record of a function resource (FunctionName when known).
function_record(doc, id, props) := {"resource": id, "name": name} if {
	name := known_string(doc, object.get(props, "FunctionName", null))
} else := {"resource": id, "name": id}

# METADATA
# title: runtime_records
# description: The `runtimes` view records of a function with properties `props` (its known Runtime alternatives).
runtime_records(doc, id, props) := choice_records(
	_fields(id),
	"value", sprintf("%s#runtime", [id]),
	alternatives_at(doc, props, ["Runtime"]),
) if {
	not props.PackageType == "Image"
}

# METADATA
# title: tracing_records
# description: |
#   The `tracing` view records of a function: the alternatives of the mode at `path` (["Tracing"] in
#   SAM, ["TracingConfig", "Mode"] in CloudFormation), "absent" where it is not set.
tracing_records(doc, id, props, path) := choice_records(
	_fields(id),
	"mode", sprintf("%s#tracing", [id]),
	{_absent_mode(m) | some m in alternatives_at(doc, props, path)},
)

_absent_mode(member) := {"value": "absent"} if member.absent

else := member

# METADATA
# title: environment_records
# description: The `environment` view records of a function (its `Environment.Variables` with known string values).
environment_records(doc, id, props) := {r |
	environment := branch(doc, object.get(props, "Environment", null))
	values.is_map(environment)
	variables := branch(doc, object.get(environment, "Variables", null))
	values.is_map(variables)
	some name, raw in variables
	some r in choice_records(
		object.union(_fields(id), {"name": name}),
		"value", sprintf("%s#environment.%s", [id, name]),
		alternatives(doc, raw),
	)
}

# METADATA
# title: sam_url_records
# description: The `function_urls` records of a SAM function (its `FunctionUrlConfig.AuthType` alternatives).
sam_url_records(doc, id, props) := choice_records(
	_fields(id),
	"auth_type", sprintf("%s#auth_type", [id]),
	_auth_types(alternatives_at(doc, props, ["FunctionUrlConfig", "AuthType"])),
)

_fields(id) := {"resource": id, "functions": [id]}

# METADATA
# title: url_records
# description: The `function_urls` records of an AWS::Lambda::Url (AuthType alternatives; the functions it targets).
url_records(doc, id, url) := choice_records(
	{"resource": id, "functions": _targets(doc, properties(url))},
	"auth_type", sprintf("%s#auth_type", [id]),
	_auth_types(alternatives_at(doc, properties(url), ["AuthType"])),
)

# upper-cased before they are counted: `none` and `NONE` are one alternative (model.function_urls
# upper-cases auth types)
_auth_types(members) := {_upper(m) | some m in members}

_upper(member) := {"value": upper(member.value)} if is_string(member.value)

else := member

_targets(doc, p) := sort(ids) if {
	ids := referenced_of_type(doc, branch(doc, object.get(p, "TargetFunctionArn", null)), function_types)
} else := []

# METADATA
# title: role_ids
# description: The template AWS::IAM::Role resources a function's `Role` property references.
role_ids(doc, props) := referenced_of_type(doc, branch(doc, object.get(props, "Role", null)), {"AWS::IAM::Role"})

# METADATA
# title: without_role
# description: True when a SAM function has no Role (unset, or AWS::NoValue), so that SAM reads its Policies.
without_role(doc, props) if branch(doc, object.get(props, "Role", null)) in {null, _no_value}

# METADATA
# title: role_policy_documents
# description: The policy documents of an AWS::IAM::Role's own `Policies` list.
role_policy_documents(doc, role) := {entry.PolicyDocument |
	some written in entries(doc, object.get(_role_properties(doc, role), "Policies", null))
	entry := branch(doc, written)
	values.is_map(entry)
	entry.PolicyDocument
}

# METADATA
# title: managed_policy_arns
# description: The entries of an AWS::IAM::Role's `ManagedPolicyArns` ([] for other resources).
managed_policy_arns(doc, role) := entries(doc, object.get(_role_properties(doc, role), "ManagedPolicyArns", null))

_role_properties(doc, role) := properties(doc.Resources[role]) if doc.Resources[role].Type == "AWS::IAM::Role"

# METADATA
# title: managed_policy_ids
# description: The AWS::IAM::ManagedPolicy resources a managed-policy entry (ARN, Ref, name) references.
managed_policy_ids(doc, entry) := referenced_of_type(doc, branch(doc, entry), {"AWS::IAM::ManagedPolicy"})

# METADATA
# title: managed_policy_records
# description: |
#   The `managed_policies` records of a managed-policy entry that is not a template resource: its
#   known ARN or name alternatives, on `owner`, the role (or the SAM function whose generated role)
#   that has it.
managed_policy_records(doc, owner, entry, functions) := choice_records(
	{"resource": owner, "roles": [owner], "functions": functions},
	"policy", sprintf("%s#managed_policy:%v", [owner, entry]),
	alternatives(doc, entry),
) if {
	not _references_resource(doc, entry)
}

_references_resource(doc, entry) if count(referenced(doc, branch(doc, entry))) > 0

# METADATA
# title: policy_document
# description: The `PolicyDocument` of an IAM policy resource.
policy_document(doc, id) := properties(doc.Resources[id]).PolicyDocument

# METADATA
# title: attached_roles
# description: |
#   The roles an IAM policy resource is attached to: the `Roles` list of AWS::IAM::Policy and
#   AWS::IAM::ManagedPolicy, the `RoleName` of AWS::IAM::RolePolicy.
attached_roles(doc, resource) := {role |
	resource.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	some entry in entries(doc, object.get(properties(resource), "Roles", null))
	some role in referenced(doc, branch(doc, entry))
} | {role |
	resource.Type == "AWS::IAM::RolePolicy"
	some role in referenced(doc, branch(doc, object.get(properties(resource), "RoleName", null)))
}
