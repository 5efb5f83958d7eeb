# The policy_statements, managed_policies and roles views of lib/terraform (this package, terraform.rego):
# which functions use a role, which roles are function roles, which resources carry statements or attach
# managed policies for which roles.
package faasguard.lib.terraform

import data.faasguard.lib.groups

# Role address -> addresses of the functions whose role it is.
_role_functions := groups.by_key(_role_function_pairs)

_role_function_pairs contains [role, f.address] if {
	some f in _of_type("aws_lambda_function")
	some role in _linked(f.address, "role")
}

_functions_of(roles) := {f | some role in roles; some f in object.get(_role_functions, role, set())}

# Function roles: the roles functions use, and the roles that let Lambda assume them (anyone allowed
# iam:PassRole and lambda:CreateFunction can give such a role a function).
_function_roles := object.keys(_role_functions) | {r.address | some r in _of_type("aws_iam_role"); _trusts_lambda(r)}

# The assume_role_policy: a known document (JSON string, heredoc, jsonencode), else the policy
# documents it references.
_trusts_lambda(role) if {
	_is_document(role.values.assume_role_policy)
	_json_trusts_lambda(role.values.assume_role_policy)
}

_trusts_lambda(role) if {
	not _is_document(object.get(role.values, "assume_role_policy", null))
	some d in _documents(role, "assume_role_policy")
	d.values.trusts_lambda
}

_roles contains {
	"resource": r.address,
	"functions": sort(_functions_of({r.address})),
	"permissions_boundary": _has_permissions_boundary(r),
} if {
	some r in _of_type("aws_iam_role")
	r.address in _function_roles
}

# Set to anything, a reference or a choice included; null or absent is no boundary.
_has_permissions_boundary(r) if {
	"permissions_boundary" in r.unknown
} else if {
	r.values.permissions_boundary != null
} else := false

_policy_statements contains object.union(_known_parts(s), _record(carrier, roles)) if {
	some carrier, all_roles in _carrier_roles
	roles := all_roles & _function_roles
	count(roles) > 0
	some s in object.get(_statements, carrier, set())
}

_record(carrier, roles) := {"resource": carrier, "roles": sort(roles), "functions": sort(_functions_of(roles))}

# The statements reaching the roles an aws_cognito_identity_pool_roles_attachment's `roles` map names
# (authenticated, unauthenticated): identity_pool_statements, with no functions.
_identity_pool_statements contains object.union(_known_parts(s), {
	"resource": carrier,
	"roles": sort(roles),
	"functions": [],
}) if {
	some carrier, all_roles in _carrier_roles
	roles := all_roles & _identity_pool_roles
	count(roles) > 0
	some s in object.get(_statements, carrier, set())
}

_identity_pool_roles contains role if {
	some a in _of_type("aws_cognito_identity_pool_roles_attachment")
	some role in _linked(a.address, "roles")
}

# A document with unknown parts (jsonencode of a reference) keeps them as "${…}" strings: those
# entries are unknown and left out (as the Python builder leaves out what values.known_string refuses).
_known_parts(s) := object.union(s, {key: [e | some e in object.get(s, key, []); not _unsettled(e)] |
	some key in ["actions", "not_actions", "iam_resources", "iam_not_resources"]
})

_unsettled(text) if contains(text, "${")

_unsettled(text) if contains(text, "{{resolve:")

_managed_policies contains object.union_n([_record(carrier, roles), {"policy": policy}, choice]) if {
	some carrier, all_roles in _attacher_roles
	roles := all_roles & _function_roles
	count(roles) > 0
	some item in object.get(_managed_arns, carrier, set())
	some [policy, choice] in _alternatives(item, sprintf("%s#managed_policy:%v", [carrier, item]))
	is_string(policy)
}

# Address of a resource carrying statements -> its statements: a role's inline policies, an
# aws_iam_role_policy's and an aws_iam_policy's policy.
_statements := groups.by_key(_statement_pairs)

_statement_pairs contains [r.address, s] if {
	some r in _of_type("aws_iam_role")
	some s in _inline_statements(r)
}

_statement_pairs contains [r.address, s] if {
	some type in ["aws_iam_role_policy", "aws_iam_policy"]
	some r in _of_type(type)
	some s in _body_statements(r, "policy")
}

# Address of a resource carrying statements -> the roles they apply to.
_carrier_roles := groups.by_key(_carrier_role_pairs)

_carrier_role_pairs contains [r.address, r.address] if some r in _of_type("aws_iam_role")

# An aws_iam_role_policy applies to the role it names, and to the role of an
# aws_iam_role_policies_exclusive that lists it.
_carrier_role_pairs contains [p.address, role] if {
	some p in _of_type("aws_iam_role_policy")
	some role in _linked(p.address, "role")
}

_carrier_role_pairs contains [p, role] if {
	some e in _of_type("aws_iam_role_policies_exclusive")
	some p in _linked(e.address, "policy_names")
	some role in _linked(e.address, "role_name")
}

# A customer managed policy applies to the roles of what attaches it.
_carrier_role_pairs contains [p, role] if {
	some [a, role, attr] in _attacher_triples
	some p in _linked(a, attr)
}

# Resources attaching managed policies: type -> attribute naming the roles (a role attaches its own
# managed_policy_arns), and type -> attribute naming the policies.
_attachments := {
	"aws_iam_role_policy_attachment": "role",
	"aws_iam_policy_attachment": "roles",
	"aws_iam_role_policy_attachments_exclusive": "role_name",
}

_policies_attribute := {
	"aws_iam_role": "managed_policy_arns",
	"aws_iam_role_policy_attachment": "policy_arn",
	"aws_iam_policy_attachment": "policy_arn",
	"aws_iam_role_policy_attachments_exclusive": "policy_arns",
}

# [attaching resource address, role address, attribute naming the policies]
_attacher_triples contains [a.address, role, attr] if {
	some type, roles_attr in _attachments
	attr := _policies_attribute[type]
	some a in _of_type(type)
	some role in _linked(a.address, roles_attr)
}

_attacher_triples contains [r.address, r.address, "managed_policy_arns"] if some r in _of_type("aws_iam_role")

# Address of an attaching resource -> the roles it attaches to.
_attacher_roles := groups.by_key([[address, role] | some [address, role, _] in _attacher_triples])

# Address of an attaching resource -> the managed policies it attaches: known ARNs (or choices of
# them), and the ARN or name of the data "aws_iam_policy" sources it references.
_managed_arns := groups.by_key(_managed_arn_pairs)

_managed_arn_pairs contains [a.address, item] if {
	some type, attr in _policies_attribute
	some a in _of_type(type)
	some item in _items(a.values[attr])
	_is_policy_item(item)
}

_managed_arn_pairs contains [a.address, policy] if {
	some type, attr in _policies_attribute
	some a in _of_type(type)
	some key in object.get(a.refs, attr, [])
	some d in _referenced(a.scope, key)
	d.type == "data.aws_iam_policy"
	policy := _data_policy(d.values)
}

_is_policy_item(item) if is_string(item)

_is_policy_item(item) if _is_choice(item)

_data_policy(values) := values.arn if is_string(values.arn)

else := values.name if is_string(values.name)

_inline_statements(r) := {s |
	some block in _blocks(r.values, "inline_policy")
	some s in json_statements(object.get(block, "policy", null))
} | _unknown_inline_statements(r)

# An inline policy whose body is unknown: the policy documents its configuration references.
_unknown_inline_statements(r) := _doc_statements(r, "inline_policy") if {
	_has_unknown_inline_policy(r)
} else := set()

_has_unknown_inline_policy(r) if "inline_policy" in r.unknown

_has_unknown_inline_policy(r) if {
	some block in _blocks(r.values, "inline_policy")
	not _is_document(object.get(block, "policy", null))
}

_body_statements(r, attr) := json_statements(r.values[attr]) if {
	_is_document(r.values[attr])
} else := _doc_statements(r, attr)

_is_document(body) if is_string(body)

_is_document(body) if {
	is_object(body)
	not _is_choice(body)
}

_doc_statements(r, attr) := {s | some d in _documents(r, attr); some s in d.values.statements}

# The policy documents (data sources) an attribute references.
_documents(r, attr) := {d |
	some key in object.get(r.refs, attr, [])
	some d in _referenced(r.scope, key)
	d.type == "data.aws_iam_policy_document"
}
