# METADATA
# title: Terraform views
# description: |
#   Shared by the Terraform HCL adapter and the plan adapter. Each turns its input into a set of
#   normalized resources; views(resources) links functions to roles, roles to policies and URLs to
#   functions, and builds the model views (docs/model.md) with the semantics of docs/semantics.md.
#
#   A normalized resource is an object:
#   - address: the id a finding points at (plan: with module path and index; HCL: without index)
#   - type: the resource type; policy document data sources are "data.aws_iam_policy_document"
#   - key: the configuration address a reference names ("aws_iam_role.r", "data.aws_iam_policy_document.d")
#   - scope: the module instance references resolve in ("" for the root module)
#   - values: the known attributes (unknown ones left out; nested unknown entries left out or null);
#     a policy document data source carries its normalized statements in values.statements
#   - unknown: names of attributes whose whole value is unknown
#   - refs: attribute name -> keys it references (reference_keys), "for_each" for the for_each expression
#   - index: (optional) the count or for_each key of a planned instance
package faasguard.lib.terraform

import data.faasguard.lib.iam

# METADATA
# title: views
# description: The seven model views of a set of normalized resources, as an object of sets.
views(resources) := result if {
	idx := _index(resources)
	role_functions := _role_functions(idx)
	result := {
		"functions": {_function(f) | some f in _of_type(idx, "aws_lambda_function")},
		"runtimes": _runtimes(idx),
		"tracing": _tracing(idx),
		"function_urls": _function_urls(idx),
		"environment": _environment(idx),
		"policy_statements": _policy_statements(idx, role_functions),
		"managed_policies": _managed_policies(idx, role_functions),
	}
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

# Indexes: by type, by [scope, key] (references) and by [type, identity] (known values).
_index(resources) := {
	"by_type": {type: [r | some r in resources; r.type == type] | some type in {r.type | some r in resources}},
	"by_ref": {scope: _keys_in_scope(resources, scope) | some scope in {r.scope | some r in resources}},
	"by_id": _by_id({[r.type, id, r.address] | some r in resources; some id in _identities(r)}),
}

_keys_in_scope(resources, scope) := {key: [r | some r in in_scope; r.key == key] |
	in_scope := [r | some r in resources; r.scope == scope]
	some key in {r.key | some r in in_scope}
}

_by_id(triples) := {type: {id: {a | some [t, i, a] in triples; t == type; i == id} |
	some [t2, id, _] in triples
	t2 == type
} |
	some [type, _, _] in triples
}

_of_type(idx, type) := object.get(idx.by_type, type, [])

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

# The addresses of the resources of a type that attribute attr of r points at: by reference in the
# same module (a reference to each.value also counts the for_each expression), or by known value.
_targets(idx, r, attr, type) := ({t.address |
	some key in object.get(r.refs, attr, [])
	some t in object.get(idx.by_ref, [r.scope, key], [])
	t.type == type
} | {t.address |
	some t in _each_targets(idx, r, attr)
	t.type == type
}) | {a |
	some value in iam.strings_of(object.get(r.values, attr, null))
	some id in _value_ids(value)
	some a in object.get(idx.by_id, [type, id], set())
}

# each.value in a resource with for_each: the instance with the same key of what for_each references.
_each_targets(idx, r, attr) := {t |
	"each.value" in object.get(r.refs, attr, [])
	some key in object.get(r.refs, "for_each", [])
	some t in object.get(idx.by_ref, [r.scope, key], [])
	_same_index(t, r)
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

_runtimes(idx) := {{"resource": f.address, "value": f.values.runtime, "functions": [f.address]} |
	some f in _of_type(idx, "aws_lambda_function")
	is_string(f.values.runtime)
}

_tracing(idx) := {{"resource": f.address, "mode": mode, "functions": [f.address]} |
	some f in _of_type(idx, "aws_lambda_function")
	not "tracing_config" in f.unknown
	some mode in _tracing_mode(_blocks(f.values, "tracing_config"))
}

# A set: empty when the mode is unknown.
_tracing_mode(blocks) := {"absent"} if count(blocks) == 0

else := {blocks[0].mode | is_string(blocks[0].mode)}

_function_urls(idx) := {rec |
	some u in _of_type(idx, "aws_lambda_function_url")
	is_string(u.values.authorization_type)
	rec := {
		"resource": u.address,
		"auth_type": u.values.authorization_type,
		"functions": sort(_targets(idx, u, "function_name", "aws_lambda_function")),
	}
}

_environment(idx) := {{"resource": f.address, "name": name, "value": text, "functions": [f.address]} |
	some f in _of_type(idx, "aws_lambda_function")
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

_text(value) := sprintf("%v", [value]) if {
	not is_string(value)
	not is_null(value)
	not is_object(value)
	not is_array(value)
}

# Role address -> set of addresses of the functions whose role it is.
_role_functions(idx) := {role: {f | some [r, f] in pairs; r == role} | some [role, _] in pairs} if {
	pairs := {[role, f.address] |
		some f in _of_type(idx, "aws_lambda_function")
		some role in _targets(idx, f, "role", "aws_iam_role")
	}
}

_functions_of(role_functions, roles) := {f | some role in roles; some f in object.get(role_functions, role, set())}

# Statements, each with the resource that carries it and the role it applies to.
_statement_sources(idx) := (inline | role_policies) | attached if {
	inline := {[r.address, r.address, s] |
		some r in _of_type(idx, "aws_iam_role")
		some s in _inline_statements(idx, r)
	}
	role_policies := {[p.address, role, s] |
		some p in _of_type(idx, "aws_iam_role_policy")
		some role in _role_policy_roles(idx, p)
		some s in _body_statements(idx, p, "policy")
	}
	attached := {[p.address, role, s] |
		some [p, role] in _attached_policies(idx)
		some s in _body_statements(idx, p, "policy")
	}
}

_policy_statements(idx, role_functions) := {object.union(s, {"resource": carrier, "functions": sort(functions)}) |
	sources := _statement_sources(idx)
	some [carrier, _, s] in sources
	functions := _functions_of(role_functions, {role | some [c, role, s2] in sources; c == carrier; s2 == s})
	count(functions) > 0
}

_managed_policies(idx, role_functions) := {{"resource": carrier, "policy": arn, "functions": sort(functions)} |
	sources := {[a.address, role, arn] |
		some [a, role, attr] in _attachers(idx)
		some arn in iam.strings_of(object.get(a.values, attr, null))
	}
	some [carrier, _, arn] in sources
	functions := _functions_of(role_functions, {role | some [c, role, a2] in sources; c == carrier; a2 == arn})
	count(functions) > 0
}

# Resources attaching managed policies: [type, attribute naming the roles, attribute naming the policies].
_attachments := [
	["aws_iam_role_policy_attachment", "role", "policy_arn"],
	["aws_iam_policy_attachment", "roles", "policy_arn"],
	["aws_iam_role_policy_attachments_exclusive", "role_name", "policy_arns"],
]

# [attaching resource, role address, attribute naming the policies]; a role attaches its managed_policy_arns.
_attachers(idx) := {[a, role, attr] |
	some [type, roles_attr, attr] in _attachments
	some a in _of_type(idx, type)
	some role in _targets(idx, a, roles_attr, "aws_iam_role")
} | {[r, r.address, "managed_policy_arns"] | some r in _of_type(idx, "aws_iam_role")}

# [aws_iam_policy resource, role address] for each customer managed policy attached to a role.
_attached_policies(idx) := {[p, role] |
	some [a, role, attr] in _attachers(idx)
	some address in _targets(idx, a, attr, "aws_iam_policy")
	some p in _of_type(idx, "aws_iam_policy")
	p.address == address
}

# An aws_iam_role_policy applies to the role it names, and to the role of an
# aws_iam_role_policies_exclusive that lists it.
_role_policy_roles(idx, p) := _targets(idx, p, "role", "aws_iam_role") | {role |
	some e in _of_type(idx, "aws_iam_role_policies_exclusive")
	p.address in _targets(idx, e, "policy_names", "aws_iam_role_policy")
	some role in _targets(idx, e, "role_name", "aws_iam_role")
}

_inline_statements(idx, r) := {s |
	some block in _blocks(r.values, "inline_policy")
	some s in iam.statements(object.get(block, "policy", null))
} | _unknown_inline_statements(idx, r)

# An inline policy whose body is unknown: the policy documents its configuration references.
_unknown_inline_statements(idx, r) := _doc_statements(idx, r, "inline_policy") if {
	_has_unknown_inline_policy(r)
} else := set()

_has_unknown_inline_policy(r) if "inline_policy" in r.unknown

_has_unknown_inline_policy(r) if {
	some block in _blocks(r.values, "inline_policy")
	not _is_document(object.get(block, "policy", null))
}

_body_statements(idx, r, attr) := iam.statements(r.values[attr]) if {
	_is_document(r.values[attr])
} else := _doc_statements(idx, r, attr)

_is_document(body) if is_string(body)

_is_document(body) if is_object(body)

_doc_statements(idx, r, attr) := {s |
	some key in object.get(r.refs, attr, [])
	some d in object.get(idx.by_ref, [r.scope, key], [])
	d.type == "data.aws_iam_policy_document"
	some s in d.values.statements
}
