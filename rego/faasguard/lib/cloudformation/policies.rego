package faasguard.lib.cloudformation

import data.faasguard.lib.iam
import data.faasguard.lib.values

# Policy documents, trust policies and permissions boundaries of a template. The Python twin is
# src/faasguard/model/cloudformation_iam.py.

# METADATA
# title: statement_objects
# description: |
#   The statement maps of a policy document (a map, or a JSON string): its Statement list and each
#   statement read through Fn::If (one no known condition settles is left out, as is AWS::NoValue).
statement_objects(doc, document) := [s |
	some entry in values.as_list(branch(doc, _policy_map(branch(doc, document)).Statement))
	s := branch(doc, entry)
	values.is_map(s)
]

_policy_map(document) := document if values.is_map(document)

_policy_map(document) := parsed if {
	is_string(document)
	json.is_valid(document)
	parsed := json.unmarshal(document)
	values.is_map(parsed)
}

# METADATA
# title: document_statements
# description: |
#   The statements of a policy document as view records {effect, actions, not_actions, iam_resources,
#   iam_not_resources}: Effect and actions resolved (Parameter defaults, known Fn::If), Resource and
#   NotResource entries read by `iam_resource`; entries the template does not settle are left out.
document_statements(doc, document) := {_statement_record(doc, s) | some s in statement_objects(doc, document)}

_statement_record(doc, s) := {
	"effect": _effect(doc, object.get(s, "Effect", "")),
	"actions": _known_strings(doc, object.get(s, "Action", [])),
	"not_actions": _known_strings(doc, object.get(s, "NotAction", [])),
	"iam_resources": _resource_strings(doc, object.get(s, "Resource", null)),
	"iam_not_resources": _resource_strings(doc, object.get(s, "NotResource", null)),
}

_effect(doc, written) := effect if {
	effect := known_string(doc, written)
} else := ""

_known_strings(doc, v) := sort([s |
	some entry in v
	s := known_string(doc, entry)
	values.is_literal(s)
]) if {
	is_array(v)
}

_known_strings(doc, v) := [s | s := known_string(doc, v); values.is_literal(s)] if not is_array(v)

_resource_strings(doc, written) := sort([r | some entry in entries(doc, written); r := iam_resource(doc, entry)])

# METADATA
# title: literal_statement
# description: |
#   A statement whose values are plain strings already (an expanded SAM policy template) as a view
#   record; values that are not literal strings are left out.
literal_statement(s) := {
	"effect": _literal_effect(object.get(s, "Effect", "")),
	"actions": _literals(object.get(s, "Action", [])),
	"not_actions": _literals(object.get(s, "NotAction", [])),
	"iam_resources": _literals(object.get(s, "Resource", [])),
	"iam_not_resources": _literals(object.get(s, "NotResource", [])),
}

_literal_effect(effect) := effect if is_string(effect)

else := ""

_literals(v) := [s | some s in iam.strings_of(v); values.is_literal(s)]

# METADATA
# title: iam_resource
# description: |
#   The known string a Resource entry (or a SAM policy template argument) stands for: what the
#   template settles (literal, Parameter default, known Fn::If), an Fn::Sub ARN whose variables are
#   the partition (`aws`), the region or account as whole ARN fields (`*`: any) or Parameters with
#   defaults, an Fn::Join of known strings. Undefined otherwise: a reference names one resource.
iam_resource(doc, written) := s if {
	s := known_string(doc, branch(doc, written))
} else := s if {
	s := _sub_arn(doc, branch(doc, written)["Fn::Sub"])
} else := s if {
	s := _joined(doc, branch(doc, written)["Fn::Join"])
}

_sub_arn(doc, text) := s if {
	is_string(text)
	any_region := replace(replace(text, "${AWS::Partition}", "aws"), ":${AWS::Region}:", ":*:")
	fields := replace(any_region, ":${AWS::AccountId}:", ":*:")
	s := strings.replace_n(_parameter_defaults(doc, fields), fields)
	values.is_literal(s)
}

# `${Name}` → the known string default of Parameter Name, for each variable of a Fn::Sub string
_parameter_defaults(doc, text) := {variable[0]: value |
	some variable in regex.find_all_string_submatch_n(`\$\{([^}]*)\}`, text, -1)
	value := known_string(doc, {"Ref": variable[1]})
}

_joined(doc, argument) := s if {
	is_array(argument)
	count(argument) == 2
	is_string(argument[0])
	is_array(argument[1])
	parts := [part | some written in argument[1]; part := known_string(doc, written)]
	count(parts) == count(argument[1])
	s := concat(argument[0], parts)
	values.is_literal(s)
}

# METADATA
# title: template_arguments
# description: |
#   The arguments of a SAM policy template as `sam_policy_template` takes them: name → the known
#   string (`iam_resource`), or null when only deployment settles it (a reference, a parameter
#   without default).
template_arguments(doc, arguments) := {name: _argument(doc, v) | some name, v in branch(doc, arguments)} if {
	values.is_map(branch(doc, arguments))
} else := {}

_argument(doc, written) := s if {
	s := iam_resource(doc, written)
} else := null

# METADATA
# title: trusts_lambda
# description: |
#   True when an Allow statement of a role's AssumeRolePolicyDocument names lambda.amazonaws.com in
#   Principal.Service (a string or a list).
trusts_lambda(doc, props) if {
	some s in statement_objects(doc, object.get(props, "AssumeRolePolicyDocument", null))
	lower(known_string(doc, object.get(s, "Effect", ""))) == "allow"
	principal := branch(doc, object.get(s, "Principal", null))
	values.is_map(principal)
	some service in entries(doc, object.get(principal, "Service", null))
	known_string(doc, service) == "lambda.amazonaws.com"
}

# METADATA
# title: permissions_boundary
# description: |
#   Whether a role (or a SAM function's generated role) has a PermissionsBoundary: false only when
#   every alternative is absent (unset, null, AWS::NoValue); a reference counts as set.
permissions_boundary(doc, props) if {
	some member in alternatives_at(doc, props, ["PermissionsBoundary"])
	not _absent(member)
}

_absent(member) if member.absent

_absent(member) if member.value == null
