# The function-log views of lib/terraform (this package, terraform.rego; docs/model.md, "Function logs"):
# the function_settings `log_group` of each function and the store_settings `retention_days` of the
# aws_cloudwatch_log_group resources functions log to. A function logs to the group its
# `logging_config[0].log_group` names (by reference or known name), else to `/aws/lambda/<function_name>`:
# a group whose known name is that text, whose name as written (the HCL adapter's `logging_written`) is
# the same text, or whose name expression references the function (HCL: `"/aws/lambda/${…}"`; a plan: a
# name known only after apply). The Python twin is src/faasguard/model/terraform_logging.py.
package faasguard.lib.terraform

import data.faasguard.lib.groups

import data.faasguard.lib.storage

_logging_prefix := "/aws/lambda/"

# METADATA
# title: logging_resource_types
# description: The resource types the function-log views read.
logging_resource_types := {"aws_lambda_function", "aws_cloudwatch_log_group"}

# METADATA
# title: logging_views
# description: The function-log views of the normalized resources, as an object of sets.
logging_views := {
	"function_settings": {storage.setting(address, "function", "log_group", link, [address]) |
		some address, link in _logging_links
		not link in {"unknown", "external"}
	},
	"store_settings": {record |
		some group in _of_type("aws_cloudwatch_log_group")
		functions := sort(_logging_users[group.address])
		some record in _store_records(group, "log_group", "retention_in_days", "retention_days", "absent", functions)
	},
}

_logging_groups := _of_type("aws_cloudwatch_log_group")

_logging_functions := _of_type("aws_lambda_function")

# the texts a name is compared by: its known value, else (HCL) its expression as written; a block with
# a settled for_each (`name = "/aws/lambda/${each.value}"`) has one text per instance
_logging_texts(r, attr) := {r.values[attr]} if {
	is_string(r.values[attr])
} else := texts if {
	written := r.logging_written[attr]
	is_string(written)
	contains(written, "${each.")
	instances := _logging_instances(object.get(r.values, "for_each", null))
	texts := {replace(replace(written, "${each.key}", key), "${each.value}", value) | some key, value in instances}
} else := {written} if {
	written := r.logging_written[attr]
	is_string(written)
	contains(written, "${")
} else := set()

# each.key → each.value of a settled for_each of strings (a set's key is its value)
_logging_instances(for_each) := {v: v | some v in for_each} if {
	is_array(for_each)
	every v in for_each { is_string(v) }
} else := {sprintf("%v", [k]): v | some k, v in for_each} if {
	is_object(for_each)
	every v in for_each { is_string(v) }
}

_logging_names contains [text, group.address] if {
	some group in _logging_groups
	some text in _logging_texts(group, "name")
}

_logging_by_name := groups.by_key(_logging_names)

# function address → the groups whose name expression references it
_logging_naming := groups.by_key(_logging_naming_pairs)

_logging_naming_pairs contains [function.address, group.address] if {
	some group in _logging_groups
	some key in object.get(group.refs, "name", [])
	some function in _referenced(group.scope, key)
	function.type == "aws_lambda_function"
	_logging_names_function(group, function)
}

_logging_names_function(group, _) if startswith(group.logging_written.name, _logging_prefix)

_logging_names_function(group, function) if {
	not group.logging_written
	"name" in group.unknown
	_logging_same_instance(group, function)
}

_logging_same_instance(group, _) if not "index" in object.keys(group)

_logging_same_instance(_, function) if not "index" in object.keys(function)

_logging_same_instance(group, function) if group.index == function.index

# regal ignore:prefer-set-or-object-rule
_logging_direct := {function.address: _logging_link(function) | some function in _logging_functions}

_logging_link(function) := sort(referenced)[0] if {
	referenced := {t.address | some t in _api_referenced(function, "logging_config", "aws_cloudwatch_log_group")}
	count(referenced) > 0
} else := _logging_named(named) if {
	named := function.values.logging_config[0].log_group
	is_string(named)
	not contains(named, "${")
} else := "unknown" if {
	# HCL: a log_group only deployment settles (a plan's unknown one is computed: unset)
	function.logging_written.log_group != null
} else := sort(found)[0] if {
	texts := {concat("", [_logging_prefix, text]) | some text in _logging_texts(function, "function_name")}
	named := {address | some text in texts; some address in object.get(_logging_by_name, text, set())}
	found := named | object.get(_logging_naming, function.address, set())
	count(found) > 0
} else := "absent"

_logging_named(name) := sort(named)[0] if {
	named := object.get(_logging_by_name, name, set())
	count(named) > 0
}

else := "external"

_logging_linked := {link | some link in _logging_direct}

_logging_unlinked := [group | some group in _logging_groups; not group.address in _logging_linked]

# a group whose name only deployment settles and may be /aws/lambda/<a function's name>
_logging_open if {
	some group in _logging_unlinked
	"name" in group.unknown
	_logging_may_be_lambda(group)
}

# a plan's group has no logging_written (object.get: `not` over an undefined ref would fail)
_logging_may_be_lambda(group) if not is_string(object.get(group, ["logging_written", "name"], null))

_logging_may_be_lambda(group) if startswith(group.logging_written.name, _logging_prefix)

_logging_may_be_lambda(group) if startswith(group.logging_written.name, "${")

_logging_lambda_group if _logging_open

_logging_lambda_group if {
	some group in _logging_unlinked
	is_string(group.values.name)
	startswith(group.values.name, _logging_prefix)
}

# a function with no group is undecided when a group may be its own
_logging_undecided(_) if _logging_open

_logging_undecided(function) if {
	_logging_lambda_group

	# object.get: `not is_string(<undefined ref>)` fails instead of holding
	not is_string(object.get(function.values, "function_name", null))
}

_logging_links[function.address] := "unknown" if {
	some function in _logging_functions
	_logging_direct[function.address] == "absent"
	_logging_undecided(function)
}

_logging_links[function.address] := link if {
	some function in _logging_functions
	link := _logging_direct[function.address]
	not _logging_undecided_absent(link, function)
}

_logging_undecided_absent("absent", function) if _logging_undecided(function)

_logging_users[group] contains address if {
	some address, group in _logging_links
	not group in {"unknown", "external", "absent"}
}
