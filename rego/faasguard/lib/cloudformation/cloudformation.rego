# METADATA
# title: CloudFormation templates
# description: |
#   Intrinsic-function helpers (known values, references) and the per-resource view records of plain
#   CloudFormation resources (AWS::Lambda::Function, AWS::Lambda::Url, AWS::IAM::*), used by lib/template
#   and the sam adapter. Every function takes the template document as its first argument.
package faasguard.lib.cloudformation

import data.faasguard.lib.values

# METADATA
# scope: document
# title: value
# description: |
#   The known value of a template value: a literal (a string without `${`/`{{resolve:`), a `Ref` to a
#   Parameter with a Default (that default), or a plain string equal to a Parameter name (conftest's
#   dropped `!Ref`), treated as that Ref. Likewise a plain string naming a resource (`R`, `R.Attr`) or
#   a pseudo parameter (`AWS::Region`) is a dropped `!Ref`/`!GetAtt`: unknown. Maps, lists, numbers
#   and booleans are themselves; any other intrinsic is unknown (undefined).
value(doc, v) := _parameter_default(doc, v) if _is_parameter(doc, v)

value(doc, v) := _parameter_default(doc, v.Ref) if {
	values.is_intrinsic(v)
	_is_parameter(doc, v.Ref)
}

value(doc, v) := v if {
	values.is_literal(v)
	not _is_parameter(doc, v)
	not _is_dropped_reference(doc, v)
}

value(_, v) := v if {
	not is_string(v)
	not is_object(v)
}

value(_, v) := v if values.is_map(v)

# `!Sub "arn:${AWS::Partition}:iam::aws:policy/…"`, the usual way to name a managed policy: the
# partition is the only variable, and `aws` stands for it (the policy name is what matters)
value(_, v) := replace(v["Fn::Sub"], "${AWS::Partition}", "aws") if {
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
}

_parameter_default(doc, name) := default_value if {
	default_value := doc.Parameters[name].Default
	values.is_literal(default_value)
}

# METADATA
# title: known_string
# description: The known value of a template value when it is a string; undefined otherwise.
known_string(doc, v) := s if {
	s := value(doc, v)
	is_string(s)
}

# METADATA
# title: referenced
# description: |
#   The logical ids of the template resources a value references: `Ref R`, `Fn::GetAtt [R, Arn]`
#   (or `R.Arn`), a `Fn::Sub` naming `${R.Arn}`, and conftest's plain strings `R`, `R.Arn`, `…${R.Arn}…`.
referenced(doc, v) := {id | some id in _names(v); is_object(doc.Resources[id])}

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
	[name, "Arn"] = v["Fn::GetAtt"]
}

_names(v) := _arn_names(v["Fn::GetAtt"]) if {
	values.is_intrinsic(v)
	is_string(v["Fn::GetAtt"])
}

_names(v) := _arn_names(_sub_template(v["Fn::Sub"])) if values.is_intrinsic(v)

_sub_template(sub) := sub if is_string(sub)

_sub_template(sub) := sub[0] if is_array(sub)

_arn_names(s) := {m[1] | some m in regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)\.Arn$`, s, 1)} | {
m[1] |
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)\.Arn\}`, s, -1)
}

# Resource types whose instances are Lambda functions.
function_types := {"AWS::Lambda::Function", "AWS::Serverless::Function"}

# METADATA
# title: resources_of_type
# description: The resources of one Type, as logical id → resource.
resources_of_type(doc, type) := {id: r | some id, r in doc.Resources; r.Type == type}

# METADATA
# title: properties
# description: The Properties map of a resource ({} when missing).
properties(resource) := p if {
	p := resource.Properties
	values.is_map(p)
} else := {}
