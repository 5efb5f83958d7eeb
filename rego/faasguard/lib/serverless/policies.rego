# Helpers for the IAM settings of a Serverless document (adapters/serverless/iam.rego): paths, flags,
# lists, policy statements and their Resource entries. Every function takes the document first, as
# `resolve` does; the Python twin is src/faasguard/model/serverless_iam.py.
package faasguard.lib.serverless

import data.faasguard.lib.iam
import data.faasguard.lib.values

# METADATA
# scope: document
# title: merged
# description: |
#   `functions` or `resources` as the Framework reads them: a list of maps (each item resolved, e.g. a
#   `${self:}` variable) merged in order into one map (Service.mergeArrays, lodash `_.merge`); a value
#   that is not a list is itself (resolved). Undefined for a list with an unknown item or one that is
#   not a map (faasguard cannot see it).
merged(doc, value) := resolved if {
	resolved := resolve(doc, value)
	not is_array(resolved)
}

merged(doc, value) := object.union_n([item | some raw in list; item := resolve(doc, raw); item != null]) if {
	list := resolve(doc, value)
	is_array(list)
	every raw in list {
		_mergeable(resolve(doc, raw))
	}
}

_mergeable(null)

_mergeable(item) if values.is_map(item)

# METADATA
# scope: document
# title: at
# description: The resolved value at a path of one to three keys (each step resolved).
at(doc, obj, [key]) := field(doc, obj, key)

at(doc, obj, [first, second]) := field(doc, field(doc, obj, first), second)

at(doc, obj, [first, second, third]) := field(doc, field(doc, field(doc, obj, first), second), third)

# METADATA
# scope: document
# title: written_at
# description: The value as written at a path (the steps before the last resolved).
written_at(_, obj, [key]) := object.get(obj, key, null)

written_at(doc, obj, [first, key]) := object.get(field(doc, obj, first), key, null)

written_at(doc, obj, [first, second, key]) := object.get(at(doc, obj, [first, second]), key, null)

# METADATA
# title: has_setting
# description: |
#   A setting written with a value: a reference or an unresolved variable counts; null, "", false and
#   AWS::NoValue do not.
has_setting(doc, obj, path) if {
	written := written_at(doc, obj, path)
	written != null
	written != {"Ref": "AWS::NoValue"}
	not _resolves_to_nothing(doc, written)
}

# (a helper: `not` over an undefined call would not be true)
_resolves_to_nothing(doc, written) if resolve(doc, written) in {null, false, ""}

# METADATA
# title: truthy
# description: A known value JavaScript reads as true (how the Framework and its plugins test flags).
truthy(value) if not value in {null, false, 0, ""}

# METADATA
# scope: document
# title: entries
# description: The entries of a string-or-list value, the list itself resolved when it is a variable.
entries(doc, value) := list if {
	list := resolve(doc, value)
	is_array(list)
} else := [] if {
	value == null
} else := [value]

# METADATA
# title: listed
# description: The entries of a list as written (resolved when it is a variable); [] for anything else.
listed(doc, written) := list if {
	list := resolve(doc, written)
	is_array(list)
} else := []

# METADATA
# title: document_statements
# description: The statement maps of a policy document (a map, or a JSON string).
document_statements(document) := [s | some s in _statement_entries(_parsed(document)); values.is_map(s)]

_parsed(document) := parsed if {
	is_string(document)
	json.is_valid(document)
	parsed := json.unmarshal(document)
	values.is_map(parsed)
}

_parsed(document) := document if values.is_map(document)

_statement_entries(document) := document.Statement if is_array(document.Statement)

_statement_entries(document) := [document.Statement] if {
	not is_array(document.Statement)
	document.Statement != null
}

# METADATA
# title: statement
# description: |
#   A statement map as the views hold it: {effect, actions, not_actions, iam_resources,
#   iam_not_resources}, variables resolved, known strings only (see known_resource).
statement(doc, s) := {
	"effect": _effect(doc, s),
	"actions": _actions(doc, object.get(s, "Action", null)),
	"not_actions": _actions(doc, object.get(s, "NotAction", null)),
	"iam_resources": _resources(doc, object.get(s, "Resource", null)),
	"iam_not_resources": _resources(doc, object.get(s, "NotResource", null)),
}

_effect(doc, s) := effect if {
	effect := field(doc, s, "Effect")
	is_string(effect)
} else := ""

_actions(doc, written) := [action |
	some action in iam.strings_of(_resolved_entries(doc, written))
	values.is_literal(action)
]

_resolved_entries(doc, written) := [v | some entry in list; v := resolve(doc, entry)] if {
	list := resolve(doc, written)
	is_array(list)
} else := resolve(doc, written)

_resources(doc, written) := sort([text | some entry in entries(doc, written); text := known_resource(doc, entry)])

# METADATA
# scope: document
# title: known_resource
# description: |
#   A Resource / NotResource entry the files settle: a literal, a variable that resolves to one, or text
#   (also an Fn::Sub or Fn::Join) whose references do not touch the ARN's resource part
#   (`arn:aws:dynamodb:${aws:region}:*:table/*` is every table: the references become `*`). Undefined
#   for text that is only references (it could be anything) or whose reference names the resource
#   (`arn:aws:s3:::${self:custom.bucket}/*`), and for other intrinsics (`!GetAtt Table.Arn`).
known_resource(doc, entry) := _known_text(value) if {
	value := _entry_value(doc, entry)
	is_string(value)
}

known_resource(doc, entry) := _known_text(intrinsic_text(value)) if {
	value := _entry_value(doc, entry)
	values.is_intrinsic(value)
}

_entry_value(doc, entry) := value if {
	value := resolve(doc, entry)
} else := entry

_known_text(text) := text if {
	holed := _with_holes(text)
	not contains(holed, _hole)
	not contains(holed, "${")
}

_known_text(text) := replace(holed, _hole, "*") if {
	holed := _with_holes(text)
	_references_outside_resource(holed, _hole)
}

# the holes of an ARN are in its partition, service, region or account, not in its resource part
_references_outside_resource(holed, hole) if {
	contains(holed, hole)
	trim_space(replace(holed, hole, "")) != ""
	not contains(holed, "${")
	not contains(holed, "{{resolve:")
	some match in regex.find_all_string_submatch_n(`(?s)^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$`, holed, 1)
	not contains(match[1], hole)
}

_hole := "\u0001"

# a variable or a dynamic reference inside a string (one nesting level is undone in two passes)
_reference := `\$\{[^{}]*\}|\{\{resolve:[^{}]*\}\}`

_with_holes(text) := regex.replace(regex.replace(text, _reference, _hole), _reference, _hole)

# METADATA
# scope: document
# title: intrinsic_text
# description: |
#   The text of an Fn::Sub or Fn::Join: `${AWS::Partition}` is `aws`, each other reference a hole (a
#   character no ARN holds); undefined for other values.
intrinsic_text(value) := _with_holes(replace(template, "${AWS::Partition}", "aws")) if {
	template := _sub_template(value["Fn::Sub"])
	is_string(template)
}

intrinsic_text(value) := concat(join[0], [_join_part(part) | some part in join[1]]) if {
	join := value["Fn::Join"]
	is_array(join)
	count(join) == 2
	is_string(join[0])
	is_array(join[1])
}

_sub_template(sub) := sub if is_string(sub)

_sub_template(sub) := sub[0] if is_array(sub)

_join_part(part) := part if is_string(part)

_join_part(part) := "aws" if part == {"Ref": "AWS::Partition"}

_join_part(part) := _hole if {
	not is_string(part)
	part != {"Ref": "AWS::Partition"}
}

# METADATA
# title: managed_value
# description: |
#   A managed policy entry: its ARN when an Fn::Sub / Fn::Join holds only AWS::Partition (the
#   Framework's own way to name AWS policies), else the value resolved (undefined when unknown).
managed_value(doc, entry) := text if {
	text := intrinsic_text(resolve(doc, entry))
	not contains(text, _hole)
	not contains(text, "${")
} else := resolve(doc, entry)
