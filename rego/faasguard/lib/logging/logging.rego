# METADATA
# title: Function logs
# description: |
#   The log group of each function and its retention (docs/model.md, "Function logs"), read by the
#   cloudformation, sam and serverless adapters. A function logs to the group its
#   LoggingConfig.LogGroup names, else to /aws/lambda/<its name>; names are compared as text
#   (`name_text`), the groups indexed by that text once. The Python twin is
#   src/faasguard/model/cloudformation_logging.py.
package faasguard.lib.logging

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

_prefix := "/aws/lambda/"

_log_group_type := "AWS::Logs::LogGroup"

_variable_pattern := `\$\{([A-Za-z0-9_:.]+)\}`

# METADATA
# title: setting
# description: A settings view record.
setting(resource, kind, name, value, functions) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": functions,
}

# METADATA
# title: resource_views
# description: |
#   {function_settings, store_settings}: a `log_group` record per function whose group the template
#   settles (the group's id, or "absent" when it declares none), and the `retention_days` of each
#   group some function logs to. `functions`: logical id → (SAM: Globals-merged) properties.
resource_views(doc, functions) := {
	"function_settings": {setting(id, "function", "log_group", group, [id]) |
		some id, group in links
		not group in {"unknown", "external"}
	},
	"store_settings": retention_records(doc, users),
} if {
	links := function_log_groups(doc, functions)
	users := {group: sort({id | some id, g in links; g == group}) |
		some group in {g | some g in links}
		cfn.created(doc)[group]
	}
}

# METADATA
# title: retention_records
# description: The `retention_days` records of log groups of a template; `users` group id → its functions.
retention_records(doc, users) := {r |
	some id, functions in users
	members := {_as_text(m) | some m in cfn.alternatives_at(doc, cfn.properties(doc.Resources[id]), ["RetentionInDays"])}
	some r in cfn.choice_records(
		setting(id, "log_group", "retention_days", null, functions),
		"value", sprintf("%s#store_settings:log_group:retention_days", [id]), members,
	)
}

# each member keeps what was written, so that 30 and "30" stay two alternatives, as in Python
_as_text(member) := {"value": "absent"} if member.absent

else := {"value": cfn.text(member.value), "written": member.value} if not is_string(member.value)

else := member

# METADATA
# title: function_log_groups
# description: |
#   Function id → the id of its log group, "absent" (the template declares none: Lambda creates it),
#   "unknown" (only deployment settles which) or "external" (a group the template does not declare).
function_log_groups(doc, functions) := {id: _settled(link, open, lambda_group, doc, functions[id]) |
	some id, link in direct
} if {
	# regal ignore:non-loop-expression
	groups := cfn.resources_of_type(doc, _log_group_type)
	texts := {id: text |
		some id, group in groups
		text := name_text(doc, object.get(cfn.properties(group), "LogGroupName", null))
	}
	by_text := {text: sort({id | some id, t in texts; t == text}) | some text in {t | some t in texts}}
	direct := {id: _linked(doc, id, props, by_text) | some id, props in functions}
	linked := {g | some g in direct}
	unlinked := {id | some id, _ in groups; not id in linked}
	open := _any_open(groups, texts, unlinked)
	lambda_group := _any_lambda_group(texts, unlinked, open)
}

_any_open(groups, texts, unlinked) if {
	some id in unlinked
	_may_be_lambda_group(cfn.properties(groups[id]), id, texts)
} else := false

_any_lambda_group(_, _, true) := true

_any_lambda_group(texts, unlinked, false) if {
	some id in unlinked
	startswith(texts[id], _prefix)
} else := false

# a group whose name only deployment settles and may be /aws/lambda/<a function's name> (one without
# LogGroupName is named <stack>-<logical id>-<suffix> by CloudFormation)
_may_be_lambda_group(props, id, texts) if {
	not values.is_unset(props, "LogGroupName")
	not texts[id]
}

_may_be_lambda_group(props, id, texts) if {
	not values.is_unset(props, "LogGroupName")
	contains(texts[id], "${")
	_lambda_or_variable(texts[id])
}

_lambda_or_variable(text) if startswith(text, _prefix)

_lambda_or_variable(text) if startswith(text, "${")

# a function with no group is undecided when a group may be its own: one whose name only deployment
# settles, or one named /aws/lambda/… when the function's own name is not settled
_settled("absent", true, _, _, _) := "unknown"

_settled("absent", false, true, doc, props) := "unknown" if not _name_settled(doc, props)

_settled(link, open, lambda_group, doc, props) := link if {
	not _unsettled(link, open, lambda_group, doc, props)
}

_unsettled("absent", true, _, _, _)

_unsettled("absent", false, true, doc, props) if not _name_settled(doc, props)

# no FunctionName (a generated name with a random suffix no other name spells), or a known one
_name_settled(_, props) if values.is_unset(props, "FunctionName")

_name_settled(doc, props) if cfn.value(doc, props.FunctionName)

_linked(doc, id, props, by_text) := _named_group(doc, named, by_text) if {
	named := object.get(props, ["LoggingConfig", "LogGroup"], null)
	named != null
} else := found[0] if {
	found := sort({group | some text in function_texts(doc, id, props); some group in object.get(by_text, text, [])})
	count(found) > 0
} else := "absent"

# a LoggingConfig.LogGroup: a group of the template by reference or by name
_named_group(doc, named, by_text) := sort(found)[0] if {
	found := cfn.referenced_of_type(doc, cfn.branch(doc, named), {_log_group_type})
	count(found) > 0
} else := group if {
	group := by_text[name_text(doc, named)][0]
} else := "external" if {
	text := name_text(doc, named)
	not contains(text, "${")
} else := "unknown"

# METADATA
# title: groups_named
# description: The log groups of a template whose LogGroupName is that text (sorted).
groups_named(doc, name) := sort({id |
	some id, group in cfn.resources_of_type(doc, _log_group_type)
	name_text(doc, object.get(cfn.properties(group), "LogGroupName", null)) == name
})

# METADATA
# title: function_texts
# description: The texts that name a function's default log group (`/aws/lambda/${Id}` and its name's).
function_texts(doc, id, props) := {sprintf("%s${%s}", [_prefix, id])} | {concat("", [_prefix, text]) |
	text := name_text(doc, object.get(props, "FunctionName", null))
}

# METADATA
# title: name_text
# description: |
#   A name as comparable text: a known string, or the text of an Fn::Sub, Fn::Join or conftest's plain
#   string where each reference stays `${X}` and parameters with a default are replaced by it.
name_text(doc, value) := concat(arguments[0], parts) if {
	arguments := cfn.branch(doc, value)["Fn::Join"]
	is_array(arguments)
	count(arguments) == 2
	is_string(arguments[0])
	is_array(arguments[1])
	parts := [text | some part in arguments[1]; text := _leaf_text(doc, cfn.branch(doc, part))]
	count(parts) == count(arguments[1])
} else := _leaf_text(doc, cfn.branch(doc, value))

_leaf_text(doc, value) := _reference_text(doc, value) if _is_reference_name(doc, value)

_leaf_text(doc, value) := _with_parameters(doc, value) if {
	is_string(value)
	not _is_reference_name(doc, value)
}

_leaf_text(doc, value) := _reference_text(doc, value.Ref) if {
	values.is_intrinsic(value)
	is_string(value.Ref)
}

_leaf_text(doc, value) := _with_parameters(doc, text) if {
	values.is_intrinsic(value)
	text := _sub_text(value["Fn::Sub"])
}

_sub_text(argument) := argument if is_string(argument)

_sub_text(argument) := argument[0] if {
	is_array(argument)
	count(argument) == 1
	is_string(argument[0])
}

_sub_text(argument) := argument[0] if {
	is_array(argument)
	count(argument) == 2
	is_string(argument[0])
	argument[1] in {null, {}, false, "", 0, []}
}

# conftest's plain string for a dropped `!Ref`: a parameter or resource name
_is_reference_name(doc, name) if is_object(doc.Parameters[name])

_is_reference_name(doc, name) if is_object(doc.Resources[name])

# a Ref: a parameter's default as text, else `${name}`
_reference_text(doc, name) := _default_text(cfn.value(doc, {"Ref": name})) if {
	is_object(doc.Parameters[name])
} else := sprintf("${%s}", [name])

_default_text(value) := value if is_string(value)

_default_text(value) := format_int(value, 10) if {
	is_number(value)
	value == floor(value)
}

_with_parameters(doc, text) := strings.replace_n(
	{m[0]: _reference_text(doc, m[1]) |
		some m in regex.find_all_string_submatch_n(_variable_pattern, text, -1)
		is_object(doc.Parameters[m[1]])
	},
	text,
)
