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
#   - type: the resource type; data sources are "data.<type>" (data.aws_iam_policy_document,
#     data.aws_iam_policy)
#   - key: the configuration address a reference names ("aws_iam_role.r", "data.aws_iam_policy_document.d")
#   - scope: the module instance references resolve in ("" for the root module)
#   - values: the known attributes (unknown ones left out; nested unknown entries left out or null);
#     a value with alternatives is a `choice` object; a policy document data source carries its
#     normalized statements in values.statements
#   - unknown: names of attributes whose whole value is unknown
#   - refs: attribute name -> keys it references (reference_keys); "for_each" for the for_each expression
#   - index: (optional) the count or for_each key of a planned instance
#   - aliases: (optional, plans) [scope, key] pairs by which a reference in another module names it
#     (`var.role_arn` in module.fn["a"], `module.fn["a"].function_name` in the root): adapters/plan/modules.rego
#   - not_created: (optional) why the files settle that the resource is not created; such a resource
#     is left out of every view but not_created
#
#   src/faasguard/model/terraform.py is the Python twin of these rules.
package faasguard.lib.terraform

import data.faasguard.lib.groups

import data.faasguard.lib.iam

# METADATA
# title: resources
# description: |
#   The normalized resources the views are built from: none here; an adapter evaluates
#   `views with resources as <its resources>`. The value comes from a builtin so that its type is
#   `any`: OPA 1.19-1.21 (conftest 0.69) reject `with` on a rule typed as an empty collection.
resources := json.unmarshal("[]")

# METADATA
# title: no_views
# description: The views of an input of another format (every view empty), an adapter's default.
no_views := {
	"functions": set(),
	"runtimes": set(),
	"tracing": set(),
	"function_urls": set(),
	"environment": set(),
	"policy_statements": set(),
	"managed_policies": set(),
	"roles": set(),
	"identity_pool_statements": set(),
	"not_created": set(),
}

# METADATA
# title: data_source
# description: A normalized data source (type "data.<type>") with the values an adapter read.
data_source(address, type, key, scope, values) := {
	"address": address,
	"type": type,
	"key": key,
	"scope": scope,
	"values": values,
	"unknown": set(),
	"refs": {},
}

# METADATA
# title: choice
# description: |
#   The value of a choice between alternatives (a conditional on an unknown condition): `known` the
#   set of its known alternatives, `unknowns` how many are unknown (all unknown ones count as one).
#   One known alternative and no unknown one is that value; no known one is undefined (unknown); else
#   an object {"faasguard_choice": [known alternatives], "choices": n} that the views turn into choice
#   records (docs/model.md). Mirrors faasguard.model.values.choice_of.
choice(known, unknowns) := value if {
	count(known) == 1
	unknowns == 0
	some value in known
} else := {"faasguard_choice": [v | some v in known], "choices": count(known) + min([unknowns, 1])} if {
	count(known) > 0
}

# [alternative, choice fields] of each known alternative of a value: a plain value is its only
# alternative with no choice fields; a choice's known alternatives carry {"choice": id, "choices": n,
# "alternative": their index} (an unknown alternative, the last index, has no record: model.decided).
_alternatives(value, id) := {[v, _choice_fields(id, value.choices, i)] | some i, v in value.faasguard_choice} if {
	_is_choice(value)
} else := {[value, {}]}

_choice_fields(id, choices, index) := {"choice": id, "choices": choices, "alternative": index}

_is_choice(value) if is_array(value.faasguard_choice)

# The items of an attribute holding one value or a list of values.
_items(value) := value if is_array(value)

else := [value]

# METADATA
# title: views
# description: The model views (docs/model.md) of the normalized resources, as an object of sets.
views := {
	"functions": {_function(f) | some f in _of_type("aws_lambda_function")},
	"runtimes": _runtimes,
	"tracing": _tracing,
	"function_urls": _function_urls,
	"environment": _environment,
	"policy_statements": _policy_statements,
	"managed_policies": _managed_policies,
	"roles": _roles,
	"identity_pool_statements": _identity_pool_statements,
	"not_created": _not_created,
}

# Resources whose count or for_each settles to zero: the adapters mark them (not_created).
_not_created contains {"resource": r.address, "reason": r.not_created} if {
	some r in resources
	is_string(r.not_created)
}

# The resources the views are built from: those not known to be absent.
_live := [r | some r in resources; not _is_not_created(r)]

_is_not_created(r) if is_string(r.not_created)

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
	"iam_resources": iam.strings_of(object.get(block, "resources", [])),
	"iam_not_resources": iam.strings_of(object.get(block, "not_resources", [])),
}

_doc_effect(block) := block.effect if is_string(block.effect)

else := "Allow"

# METADATA
# title: block_document
# description: |
#   The values of an aws_iam_policy_document from its `statement` blocks (known values, blocks whose
#   effect is unknown left out): {statements, trusts_lambda}, trusts_lambda when an Allow block has
#   principals {type = "Service", identifiers = [.., "lambda.amazonaws.com", ..]}.
block_document(blocks) := {
	"statements": {doc_statement(b) | some b in blocks},
	"trusts_lambda": _blocks_trust_lambda(blocks),
}

_blocks_trust_lambda(blocks) if {
	some b in blocks
	iam.is_allow({"effect": _doc_effect(b)})
	_block_trusts_lambda(b)
} else := false

_block_trusts_lambda(block) if {
	some p in _blocks(block, "principals")
	p.type == "Service"
	_lambda_service in iam.strings_of(object.get(p, "identifiers", []))
}

# METADATA
# title: json_document
# description: The values {statements, trusts_lambda} of a policy document known as JSON (a string or an object).
json_document(policy) := {"statements": json_statements(policy), "trusts_lambda": _json_trusts_lambda(policy)}

# METADATA
# title: json_statements
# description: |
#   The normalized statements of a policy document (an object, or a JSON string) with their Resource
#   and NotResource entries (iam_resources, iam_not_resources: strings, a single one as a list).
json_statements(policy) := {object.union(normalized, _resource_entries(s)) |
	some s in iam.statement_list(policy)
	is_object(s)
	some normalized in iam.statements({"Statement": [s]})
}

_resource_entries(s) := {
	"iam_resources": iam.strings_of(object.get(s, "Resource", [])),
	"iam_not_resources": iam.strings_of(object.get(s, "NotResource", [])),
}

_lambda_service := "lambda.amazonaws.com"

# An Allow statement whose Principal.Service (a string or a list) is lambda.amazonaws.com; the Python
# model's json_trusts_lambda.
_json_trusts_lambda(policy) if {
	some s in iam.statement_list(policy)
	iam.is_allow({"effect": s.Effect})
	is_object(s.Principal)
	_lambda_service in iam.strings_of(object.get(s.Principal, "Service", []))
} else := false

# Indexes and groupings are built once, by complete rules, and read with object.get: a partial rule
# is evaluated again for every lookup (plans of a few thousand resources took minutes), and lib/groups
# says why a grouping is sorted rather than written as a comprehension or a rule keyed in its head.
_by_type := groups.by_key([[r.type, r] | some r in _live])

# [scope, key] -> the resources a reference in that module names: by their own key, and by the aliases a
# plan gives them (a module input or output naming them from another module).
_by_ref := groups.by_key(array.concat([[[r.scope, r.key], r] | some r in _live], _alias_pairs))

_alias_pairs := [[alias, r] | some r in _live; some alias in r.aliases]

# [type, identity] -> addresses of the resources of that type a known value names.
_by_id := groups.by_key([[[type, id], address] | some [type, id, address] in _identity_triples])

_identity_triples contains [r.type, id, r.address] if {
	some r in _live
	some id in _identities(r)
}

_of_type(type) := object.get(_by_type, type, set())

_referenced(scope, key) := object.get(_by_ref, [[scope, key]], set())

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

# Links: [resource type, attribute, type of the resources the attribute names]. The Python model's
# LINKS table is the same (tests/test_terraform_reading.py holds them equal).
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
	["aws_cognito_identity_pool_roles_attachment", "roles", "aws_iam_role"],
]

# [address, attribute] -> addresses of the resources the attribute names.
_links := groups.by_key([[[address, attr], target] | some [address, attr, target] in _link_triples])

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

# A container image function has no runtime of its own: its runtime attribute is ignored.
_runtimes contains object.union({"resource": f.address, "value": runtime, "functions": [f.address]}, choice) if {
	some f in _of_type("aws_lambda_function")
	not f.values.package_type == "Image"
	some [runtime, choice] in _alternatives(f.values.runtime, sprintf("%s#runtime", [f.address]))
	is_string(runtime)
}

_tracing contains object.union({"resource": f.address, "mode": mode, "functions": [f.address]}, choice) if {
	some f in _of_type("aws_lambda_function")
	not "tracing_config" in f.unknown
	some [mode, choice] in _tracing_modes(f)
}

# [mode, choice fields]; none when the mode is unknown (or not a string).
_tracing_modes(f) := {["absent", {}]} if {
	count(_blocks(f.values, "tracing_config")) == 0
} else := {[mode, choice] |
	some [mode, choice] in _alternatives(_blocks(f.values, "tracing_config")[0].mode, sprintf("%s#tracing", [f.address]))
	is_string(mode)
}

_function_urls contains object.union(
	{"resource": u.address, "auth_type": auth_type, "functions": sort(_linked(u.address, "function_name"))},
	choice,
) if {
	some u in _of_type("aws_lambda_function_url")
	id := sprintf("%s#auth_type", [u.address])
	some [auth_type, choice] in _alternatives(u.values.authorization_type, id)
	is_string(auth_type)
}

_environment contains object.union(
	{"resource": f.address, "name": name, "value": text, "functions": [f.address]},
	choice,
) if {
	some f in _of_type("aws_lambda_function")
	some block in _blocks(f.values, "environment")
	some variables in _variables(block)
	some name, value in variables
	some [member, choice] in _alternatives(value, sprintf("%s#environment.%s", [f.address, name]))
	text := _text(member)
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
