# METADATA
# title: Terraform views
# description: |
#   Shared by the Terraform HCL adapter and the plan adapter. Each turns its input into a set of
#   normalized resources and evaluates `views with resources as <its resources>`; the rules here link
#   functions to roles, roles to policies and URLs to functions, with indexes, and build the model
#   views (docs/model.md) with the semantics of docs/semantics.md.
#
#   A normalized resource is an object:
#   - address: the id a finding points at (plan: with module path and index; HCL: without index)
#   - type: the resource type; policy document data sources are "data.aws_iam_policy_document"
#   - key: the configuration address a reference names ("aws_iam_role.r", "data.aws_iam_policy_document.d")
#   - scope: the module instance references resolve in ("" for the root module)
#   - values: the known attributes (unknown ones left out; nested unknown entries left out or null);
#     a policy document data source carries its normalized statements in values.statements
#   - unknown: names of attributes whose whole value is unknown
#   - refs: attribute name -> keys it references (reference_keys); "for_each" for the for_each expression
#   - index: (optional) the count or for_each key of a planned instance
package faasguard.lib.terraform

import data.faasguard.lib.iam

# METADATA
# title: resources
# description: |
#   The normalized resources the views are built from: none here; an adapter evaluates
#   `views with resources as <its resources>`. The value comes from a builtin so that its type is
#   `any`: OPA 1.19-1.21 (conftest 0.69) reject `with` on a rule typed as an empty collection.
resources := json.unmarshal("[]")

# METADATA
# title: views
# description: The seven model views of the normalized resources, as an object of sets.
views := {
	"functions": {_function(f) | some f in _of_type("aws_lambda_function")},
	"runtimes": _runtimes,
	"tracing": _tracing,
	"function_urls": _function_urls,
	"environment": _environment,
	"policy_statements": _policy_statements,
	"managed_policies": _managed_policies,
	"not_created": _not_created,
}

# Resources whose count or for_each settles to zero: the adapters mark them (values.not_created).
_not_created contains {"resource": r.address, "reason": r.not_created} if {
	some r in resources
	is_string(r.not_created)
}

# METADATA
# title: reference_keys
# description: |
#   The resource keys a reference or a "${…}" expression names: "aws_iam_role.r.arn" and
#   "${aws_iam_role.r[0].name}" name "aws_iam_role.r"; "data.aws_iam_policy_document.d.json" names
#   "data.aws_iam_policy_document.d". Other references (var.x, each.value, …) are kept as they are.
reference_keys(expression) := {key |
	some key in regex.find_n(`(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*`, expression, -1)
}

# METADATA
# title: doc_statement
# description: |
#   A `statement` block of an aws_iam_policy_document (known values only) as a normalized statement;
#   the effect defaults to Allow.
doc_statement(block) := {
	"effect": _doc_effect(block),
	"actions": iam.strings_of(object.get(block, "actions", [])),
	"not_actions": iam.strings_of(object.get(block, "not_actions", [])),
}

_doc_effect(block) := block.effect if is_string(block.effect)

else := "Allow"

# Indexes and groupings are complete rules built with comprehensions, which OPA indexes and evaluates
# once; a partial rule looked up by key, or a comprehension in a function, is evaluated again for
# every lookup, which made plans of a few thousand resources take minutes.
# regal ignore:prefer-set-or-object-rule
_by_type := {type: group |
	some type in {r.type | some r in resources}
	group := [r | some r in resources; r.type == type]
}

# [scope, key] -> the resources a reference in that module names.
# regal ignore:prefer-set-or-object-rule
_by_ref := {[scope, key]: group |
	some [scope, key] in {[r.scope, r.key] | some r in resources}
	group := [r | some r in resources; r.scope == scope; r.key == key]
}

# [type, identity] -> addresses of the resources of that type a known value names.
# regal ignore:prefer-set-or-object-rule
_by_id := {[type, id]: group |
	some [type, id, _] in _identity_triples
	group := {x[2] | some x in _identity_triples; x[0] == type; x[1] == id}
}

_identity_triples contains [r.type, id, r.address] if {
	some r in resources
	some id in _identities(r)
}

_of_type(type) := object.get(_by_type, type, [])

_referenced(scope, key) := object.get(_by_ref, [[scope, key]], [])

# The strings a known value may use to name a resource: its name or ARN, and for a role, policy or
# function the resource part of its ARN ("role/<path><name>", "policy/<path><name>", "function:<name>").
_identities(r) := {v | some attr in _identity_attributes[r.type]; v := r.values[attr]; is_string(v)} | _arn_part(r)

_identity_attributes := {
	"aws_iam_role": ["name", "arn"],
	"aws_iam_policy": ["arn"],
	"aws_iam_role_policy": ["name"],
	"aws_lambda_function": ["function_name", "arn"],
}

_arn_part(r) := {concat("", ["role", _iam_path(r.values), r.values.name])} if {
	r.type == "aws_iam_role"
	is_string(r.values.name)
} else := {concat("", ["policy", _iam_path(r.values), r.values.name])} if {
	r.type == "aws_iam_policy"
	is_string(r.values.name)
} else := {concat("", ["function:", r.values.function_name])} if {
	r.type == "aws_lambda_function"
	is_string(r.values.function_name)
} else := set()

_iam_path(values) := values.path if is_string(values.path)

else := "/"

# The ids a known value is looked up by: itself, and the resource part of a customer IAM or Lambda ARN
# (AWS managed policy ARNs, account "aws", never match a resource of the configuration).
_value_ids(value) := {value} | {m[1] |
	some pattern in [`^arn:[^:]+:iam::[0-9]*:((?:role|policy)/.+)$`, `^arn:[^:]+:lambda:[^:]*:[0-9]*:(function:[^:]+)`]
	some m in regex.find_all_string_submatch_n(pattern, value, 1)
}

# Links: [resource type, attribute, type of the resources the attribute names].
_link_specs := [
	["aws_lambda_function", "role", "aws_iam_role"],
	["aws_lambda_function_url", "function_name", "aws_lambda_function"],
	["aws_iam_role_policy", "role", "aws_iam_role"],
	["aws_iam_role", "managed_policy_arns", "aws_iam_policy"],
	["aws_iam_role_policy_attachment", "role", "aws_iam_role"],
	["aws_iam_role_policy_attachment", "policy_arn", "aws_iam_policy"],
	["aws_iam_policy_attachment", "roles", "aws_iam_role"],
	["aws_iam_policy_attachment", "policy_arn", "aws_iam_policy"],
	["aws_iam_role_policy_attachments_exclusive", "role_name", "aws_iam_role"],
	["aws_iam_role_policy_attachments_exclusive", "policy_arns", "aws_iam_policy"],
	["aws_iam_role_policies_exclusive", "role_name", "aws_iam_role"],
	["aws_iam_role_policies_exclusive", "policy_names", "aws_iam_role_policy"],
]

# [address, attribute] -> addresses of the resources the attribute names.
# regal ignore:prefer-set-or-object-rule
_links := {[address, attr]: group |
	some [address, attr, _] in _link_triples
	group := {x[2] | some x in _link_triples; x[0] == address; x[1] == attr}
}

_link_triples contains [r.address, attr, target] if {
	some [type, attr, target_type] in _link_specs
	some r in _of_type(type)
	some target in _targets(r, attr, target_type)
}

_linked(address, attr) := object.get(_links, [[address, attr]], set())

# The resources of a type that attribute attr of r names: by reference in the same module (each.value
# in a resource with for_each: the instance with the same key of what for_each references), or by
# known value (a name, an ARN).
_targets(r, attr, type) := ({t.address |
	some key in object.get(r.refs, attr, [])
	some t in _referenced(r.scope, key)
	t.type == type
} | {t.address |
	"each.value" in object.get(r.refs, attr, [])
	some key in object.get(r.refs, "for_each", [])
	some t in _referenced(r.scope, key)
	t.type == type
	_same_index(t, r)
}) | {address |
	some value in iam.strings_of(object.get(r.values, attr, null))
	some id in _value_ids(value)
	some address in object.get(_by_id, [[type, id]], set())
}

_same_index(a, b) if a.index == b.index

_same_index(a, b) if {
	not "index" in object.keys(a)
	not "index" in object.keys(b)
}

# The nested blocks of an attribute (arrays of objects; a lone object is taken as one block).
_blocks(values, attr) := [b | some b in values[attr]; is_object(b)] if is_array(values[attr])

else := [values[attr]] if is_object(values[attr])

else := []

_function(f) := {"resource": f.address, "name": _function_name(f)}

_function_name(f) := f.values.function_name if is_string(f.values.function_name)

else := f.address

_runtimes contains {"resource": f.address, "value": f.values.runtime, "functions": [f.address]} if {
	some f in _of_type("aws_lambda_function")
	is_string(f.values.runtime)
}

_tracing contains {"resource": f.address, "mode": mode, "functions": [f.address]} if {
	some f in _of_type("aws_lambda_function")
	not "tracing_config" in f.unknown
	some mode in _tracing_mode(_blocks(f.values, "tracing_config"))
}

# A set: empty when the mode is unknown.
_tracing_mode(blocks) := {"absent"} if count(blocks) == 0

else := {blocks[0].mode | is_string(blocks[0].mode)}

_function_urls contains {
	"resource": u.address,
	"auth_type": u.values.authorization_type,
	"functions": sort(_linked(u.address, "function_name")),
} if {
	some u in _of_type("aws_lambda_function_url")
	is_string(u.values.authorization_type)
}

_environment contains {"resource": f.address, "name": name, "value": text, "functions": [f.address]} if {
	some f in _of_type("aws_lambda_function")
	some block in _blocks(f.values, "environment")
	some variables in _variables(block)
	some name, value in variables
	text := _text(value)
}

# environment[0].variables: an object, or a one-element array of an object.
_variables(block) := [v | some v in block.variables; is_object(v)] if is_array(block.variables)

else := [block.variables] if is_object(block.variables)

else := []

# Terraform turns numbers and booleans of a map(string) into strings.
_text(value) := value if is_string(value)

_text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

_text(value) := json.marshal(value) if {
	is_number(value)
	value != floor(value)
}

_text(value) := json.marshal(value) if is_boolean(value)

# Role address -> addresses of the functions whose role it is.
# regal ignore:prefer-set-or-object-rule
_role_functions := {role: group |
	some [role, _] in _role_function_pairs
	group := {x[1] | some x in _role_function_pairs; x[0] == role}
}

_role_function_pairs contains [role, f.address] if {
	some f in _of_type("aws_lambda_function")
	some role in _linked(f.address, "role")
}

_functions_of(roles) := {f | some role in roles; some f in object.get(_role_functions, role, set())}

_policy_statements contains object.union(s, {"resource": carrier, "functions": sort(functions)}) if {
	some carrier, roles in _carrier_roles
	functions := _functions_of(roles)
	count(functions) > 0
	some s in object.get(_statements, carrier, set())
}

_managed_policies contains {"resource": carrier, "policy": arn, "functions": sort(functions)} if {
	some carrier, roles in _attacher_roles
	functions := _functions_of(roles)
	count(functions) > 0
	some arn in object.get(_managed_arns, carrier, set())
}

# Address of a resource carrying statements -> its statements: a role's inline policies, an
# aws_iam_role_policy's and an aws_iam_policy's policy.
# regal ignore:prefer-set-or-object-rule
_statements := {address: group |
	some [address, _] in _statement_pairs
	group := {x[1] | some x in _statement_pairs; x[0] == address}
}

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
# regal ignore:prefer-set-or-object-rule
_carrier_roles := {address: group |
	some [address, _] in _carrier_role_pairs
	group := {x[1] | some x in _carrier_role_pairs; x[0] == address}
}

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
# regal ignore:prefer-set-or-object-rule
_attacher_roles := {address: group |
	some [address, _, _] in _attacher_triples
	group := {x[1] | some x in _attacher_triples; x[0] == address}
}

# Address of an attaching resource -> the known managed policy ARNs it attaches.
# regal ignore:prefer-set-or-object-rule
_managed_arns := {address: group |
	some [address, _] in _managed_arn_pairs
	group := {x[1] | some x in _managed_arn_pairs; x[0] == address}
}

_managed_arn_pairs contains [a.address, arn] if {
	some type, attr in _policies_attribute
	some a in _of_type(type)
	some arn in iam.strings_of(object.get(a.values, attr, null))
}

_inline_statements(r) := {s |
	some block in _blocks(r.values, "inline_policy")
	some s in iam.statements(object.get(block, "policy", null))
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

_body_statements(r, attr) := iam.statements(r.values[attr]) if {
	_is_document(r.values[attr])
} else := _doc_statements(r, attr)

_is_document(body) if is_string(body)

_is_document(body) if is_object(body)

_doc_statements(r, attr) := {s |
	some key in object.get(r.refs, attr, [])
	some d in _referenced(r.scope, key)
	d.type == "data.aws_iam_policy_document"
	some s in d.values.statements
}
