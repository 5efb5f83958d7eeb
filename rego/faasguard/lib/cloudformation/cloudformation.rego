# METADATA
# title: CloudFormation templates
# description: |
#   Intrinsic-function helpers (known values, alternatives, references, conditions) and the
#   per-resource view records of plain CloudFormation resources (AWS::Lambda::Function,
#   AWS::Lambda::Url, AWS::IAM::*), used by lib/template and the sam adapter. Every function takes the
#   template document as its first argument. The Python twin is src/faasguard/model/cloudformation.py.
package faasguard.lib.cloudformation

import data.faasguard.lib.values

# METADATA
# title: alternatives
# description: |
#   What a template value can be, as a set of members: {"value": v} (a known value), {"absent": true}
#   (AWS::NoValue) and {"unknown": true}. Fn::If on a known condition is the branch it picks, on an
#   unknown one both branches; Fn::FindInMap with an unknown key gives every entry at that level.
#   Other values are as `value` reads them.
alternatives(doc, v) := {m | some leaf in _branches(doc, v); some m in _members(doc, leaf)}

# METADATA
# title: value
# description: |
#   The one known value a template value settles to (undefined when it has several alternatives or
#   is unknown): a literal (a string without `${`/`{{resolve:`), a `Ref` to a Parameter with a
#   Default, a plain string equal to a Parameter name (conftest's dropped `!Ref`), Fn::If on a known
#   condition, Fn::FindInMap with known keys. A plain string naming a resource (`R`, `R.Attr`) or a
#   pseudo parameter (`AWS::Region`) is a dropped `!Ref`/`!GetAtt`: unknown. Maps, lists, numbers and
#   booleans are themselves; any other intrinsic is unknown.
value(doc, v) := m.value if {
	members := alternatives(doc, v)
	count(members) == 1
	some m in members
}

# METADATA
# title: known_string
# description: The known value of a template value when it is a string; undefined otherwise.
known_string(doc, v) := s if {
	s := value(doc, v)
	is_string(s)
}

# METADATA
# scope: document
# title: alternatives_at
# description: |
#   The alternatives of obj[k1] or obj[k1][k2] (`keys` holds one or two keys), each level read through
#   its alternatives: an unset level is absent, a level that is not a map unknown
#   (`TracingConfig: !If [C, {Mode: Active}, !Ref AWS::NoValue]` is Active or absent).
alternatives_at(doc, obj, [key]) := _member_at(doc, {"value": obj}, key)

alternatives_at(doc, obj, [key, child]) := {m |
	some parent in _member_at(doc, {"value": obj}, key)
	some m in _member_at(doc, parent, child)
}

_member_at(_, member, key) := {{"absent": true}} if {
	values.is_map(member.value)
	values.is_unset(member.value, key)
}

_member_at(doc, member, key) := alternatives(doc, member.value[key]) if {
	values.is_map(member.value)
	not values.is_unset(member.value, key)
}

_member_at(_, member, _) := {member} if not _is_known(member)

_member_at(_, member, _) := {{"unknown": true}} if {
	_is_known(member)
	not values.is_map(member.value)
}

_is_known(member) if "value" in object.keys(member)

# METADATA
# title: branch
# description: |
#   The value as written that a tree of Fn::If settles to (a reference stays a reference); undefined
#   when an unknown condition leaves different branches.
branch(doc, v) := leaf if {
	leaves := _branches(doc, v)
	count(leaves) == 1
	some leaf in leaves
}

# METADATA
# title: entries
# description: The entries of a list property (through `branch`); a single value is a one-entry list.
entries(doc, v) := values.as_list(branch(doc, v))

_branches(_, v) := {v} if not _is_if(v)

# the leaves reached through Fn::If branches ("Fn::If", 1 or 2, repeated) that the conditions allow
_branches(doc, v) := leaves if {
	_is_if(v)
	leaves := {leaf |
		walk(v, [path, leaf])
		_is_branch_path(path)
		not _is_if(leaf)
		_picked(doc, v, path)
	}
}

_is_if(v) if {
	values.is_intrinsic(v)
	arguments := v["Fn::If"]
	is_array(arguments)
	count(arguments) == 3
	is_string(arguments[0])
}

_is_branch_path(path) if {
	count(path) > 0
	count(path) % 2 == 0
	every i, step in path {
		_branch_step(i % 2, step)
	}
}

_branch_step(0, "Fn::If")

_branch_step(1, 1)

_branch_step(1, 2)

# every Fn::If along the path allows the branch taken: a known condition its own, an unknown one both
_picked(doc, v, path) if {
	every i in numbers.range(0, (count(path) / 2) - 1) {
		node := object.get(v, array.slice(path, 0, 2 * i), null)
		_is_if(node)
		_allows(doc, node["Fn::If"][0], path[(2 * i) + 1])
	}
}

_allows(doc, condition, 1) if not conditions(doc)[condition] == false

_allows(doc, condition, 2) if not conditions(doc)[condition] == true

_no_value := {"Ref": "AWS::NoValue"}

_members(_, leaf) := {{"absent": true}} if leaf == _no_value

_members(doc, leaf) := _mapped_or_unknown(doc, leaf["Fn::FindInMap"]) if values.is_intrinsic(leaf)

_members(doc, leaf) := {_leaf_member(doc, leaf)} if {
	leaf != _no_value
	not _is_find_in_map(leaf)
}

_is_find_in_map(leaf) if {
	values.is_intrinsic(leaf)
	"Fn::FindInMap" in object.keys(leaf)
}

_leaf_member(doc, leaf) := {"value": x} if {
	x := _leaf_value(doc, leaf)
} else := {"unknown": true}

_mapped_or_unknown(doc, arguments) := found if {
	found := _mapped(doc, arguments)
	count(found) > 0
} else := {{"unknown": true}}

# Fn::FindInMap [map, top key, second key]: the entry of a known key, every entry at a level whose key
# is unknown (a known key the map lacks gives nothing)
_mapped(doc, arguments) := {{"value": x} |
	is_array(arguments)
	count(arguments) == 3
	some top in _entries_for(doc, doc.Mappings[arguments[0]], arguments[1])
	some x in _entries_for(doc, top, arguments[2])
}

_entries_for(doc, mapping, key) := [mapping[k] | k := _key_text(doc, key); k in object.keys(mapping)] if {
	is_object(mapping)
	_key_text(doc, key)
}

_entries_for(doc, mapping, key) := [x | some x in mapping] if {
	is_object(mapping)
	not _key_text(doc, key)
}

_key_text(doc, key) := text(_leaf_value(doc, key))

# METADATA
# scope: document
# title: text
# description: A scalar as CloudFormation compares it and names map keys, as text (integral numbers only).
text(x) := x if is_string(x)

text(x) := sprintf("%v", [x]) if is_boolean(x)

text(x) := format_int(x, 10) if {
	is_number(x)
	x == floor(x)
}

# The value of a leaf that is neither an Fn::If, an Fn::FindInMap nor AWS::NoValue.
_leaf_value(doc, v) := _parameter_default(doc, v) if _is_parameter(doc, v)

_leaf_value(doc, v) := _parameter_default(doc, v.Ref) if {
	values.is_intrinsic(v)
	_is_parameter(doc, v.Ref)
}

_leaf_value(doc, v) := v if {
	values.is_literal(v)
	not _is_parameter(doc, v)
	not _is_dropped_reference(doc, v)
}

_leaf_value(_, v) := v if {
	not is_string(v)
	not is_object(v)
}

_leaf_value(_, v) := v if values.is_map(v)

# `!Sub "arn:${AWS::Partition}:iam::aws:policy/…"`, the usual way to name a managed policy: the
# partition is the only variable, and `aws` stands for it (the policy name is what matters)
_leaf_value(_, v) := replace(v["Fn::Sub"], "${AWS::Partition}", "aws") if {
	values.is_intrinsic(v)
	is_string(v["Fn::Sub"])
	regex.replace(v["Fn::Sub"], `\$\{AWS::Partition\}`, "") == regex.replace(v["Fn::Sub"], `\$\{[^}]*\}`, "")
	values.is_literal(replace(v["Fn::Sub"], "${AWS::Partition}", "aws"))
}

# conftest input: `!Ref Resource`, `!GetAtt Resource.Attr` and `!Ref AWS::Region` left as plain strings
_is_dropped_reference(doc, s) if is_object(doc.Resources[s])

_is_dropped_reference(doc, s) if {
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)\.[A-Za-z0-9.]+$`, s, 1)
	is_object(doc.Resources[m[1]])
}

_is_dropped_reference(_, s) if s in _pseudo_parameters

_pseudo_parameters := {
	"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
}

_is_parameter(doc, name) if {
	is_string(name)
	is_object(doc.Parameters[name])
}

_parameter_default(doc, name) := default_value if {
	default_value := doc.Parameters[name].Default
	not is_string(default_value)
	not _ssm_typed(doc, name)
}

_parameter_default(doc, name) := default_value if {
	default_value := doc.Parameters[name].Default
	values.is_literal(default_value)
	not _ssm_typed(doc, name)
}

# an SSM parameter type's Default names the parameter CloudFormation reads at deployment
_ssm_typed(doc, name) if startswith(doc.Parameters[name].Type, "AWS::SSM::Parameter::Value")

# METADATA
# title: referenced
# description: |
#   The logical ids of the created template resources a value references: `Ref R`, `Fn::GetAtt [R, Arn]`
#   (or `R.Arn`), a `Fn::Sub` naming `${R.Arn}`, and conftest's plain strings `R`, `R.Arn`, `…${R.Arn}…`;
#   `PolicyArn` (an AWS::IAM::ManagedPolicy's) as `Arn`.
referenced(doc, v) := {id | some id in _names(v); created(doc)[id]}

# METADATA
# title: referenced_of_type
# description: The logical ids a value references whose resource Type is in the given set.
referenced_of_type(doc, v, types) := {id | some id in referenced(doc, v); doc.Resources[id].Type in types}

_names(v) := {v} | _arn_names(v) if is_string(v)

_names(v) := {v.Ref} if {
	values.is_intrinsic(v)
	is_string(v.Ref)
}

_names(v) := {name} if {
	values.is_intrinsic(v)
	[name, attribute] = v["Fn::GetAtt"]
	attribute in {"Arn", "PolicyArn"}
}

_names(v) := _arn_names(v["Fn::GetAtt"]) if {
	values.is_intrinsic(v)
	is_string(v["Fn::GetAtt"])
}

_names(v) := _arn_names(_sub_template(v["Fn::Sub"])) if values.is_intrinsic(v)

_sub_template(sub) := sub if is_string(sub)

_sub_template(sub) := sub[0] if is_array(sub)

_arn_names(s) := {m[1] |
	some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)\.(?:Policy)?Arn$`, s, 1)
} | {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)\.(?:Policy)?Arn\}`, s, -1)
}

# Resource types whose instances are Lambda functions.
function_types := {"AWS::Lambda::Function", "AWS::Serverless::Function"}

# METADATA
# title: read_types
# description: The resource types faasguard reads; a false Condition on one of them is a notice (not_created).
read_types := function_types | {
	"AWS::Lambda::Url", "AWS::IAM::Role", "AWS::IAM::Policy",
	"AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy",
}

# METADATA
# title: created
# description: The resources of the template that are created (no Condition false), as logical id → resource.
created(doc) := _input_created if doc == input

else := _created(doc)

_input_created := _created(input)

_created(doc) := {id: r |
	absent := not_created(doc)
	some id, r in doc.Resources
	not absent[id]
}

# METADATA
# title: resources_of_type
# description: The created resources of one Type, as logical id → resource.
resources_of_type(doc, type) := {id: r | some id, r in created(doc); r.Type == type}

# METADATA
# title: properties
# description: |
#   The Properties of a resource ({} when missing): a map, or an intrinsic function standing for the
#   whole map, which makes every property unknown (as in the Python model).
properties(resource) := p if {
	p := resource.Properties
	is_object(p)
} else := {}
