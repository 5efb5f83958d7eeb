# The limit records of lib/terraform (this package, terraform.rego; docs/model.md, "Function limits"): of
# each aws_lambda_function its reserved_concurrent_executions (-1, the default, reserves nothing), timeout,
# memory_size, ephemeral_storage[0].size, the number of vpc_config[0].subnet_ids and its tags keys (on the
# function); recursive_loop of each aws_lambda_function_recursion_config (on that resource, for the
# functions its function_name names). The Python twin is src/faasguard/model/terraform_limits.py.
#
# The adapters hand these rules the resources of limit_resource_types with their unknown_paths (apis.rego),
# each function with `limit_subnets`: the subnet_ids list to count (HCL: as written, a reference is one
# entry; a plan: the planned entries or those after_unknown marks), absent when unknown or unset.
package faasguard.lib.terraform

import data.faasguard.lib.limits

# METADATA
# title: limit_resource_types
# description: The resource types the limit records read (aliases name functions).
limit_resource_types := {"aws_lambda_function", "aws_lambda_alias", "aws_lambda_function_recursion_config"}

# METADATA
# title: limit_views
# description: The limit records of the normalized resources, as an object of sets.
limit_views := {"function_settings": _limit_function_settings}

_limit_function_settings := ((_limit_numbers | _limit_loops) | _limit_subnets) | _limit_tags

# setting → attribute path, value when unset, how a known value reads
_limit_number_specs := {
	"reserved_concurrency": {"path": ["reserved_concurrent_executions"], "unset": "absent", "known": "concurrency"},
	"timeout_seconds": {"path": ["timeout"], "unset": limits.defaults.lambda_timeout, "known": "number"},
	"memory_mb": {"path": ["memory_size"], "unset": limits.defaults.lambda_memory, "known": "number"},
	"ephemeral_storage_mb": {
		"path": ["ephemeral_storage", 0, "size"],
		"unset": limits.defaults.ephemeral_storage, "known": "number",
	},
}

_limit_numbers contains r if {
	some f in _of_type("aws_lambda_function")
	some setting, spec in _limit_number_specs
	some r in _limit_records(f, setting, spec.path, [f.address], spec.unset, spec.known)
}

_limit_loops contains r if {
	some config in _of_type("aws_lambda_function_recursion_config")
	functions := sort(_api_functions_named(config, "function_name"))
	some r in _limit_records(config, "recursive_loop", ["recursive_loop"], functions, _limit_default_loop, "text")
}

_limit_default_loop := limits.defaults.recursive_loop

# the records of a setting's known alternatives: unset is `unset`, known ones read by `known`
_limit_records(r, setting, path, functions, unset, known) := {object.union(record, choice) |
	not _api_unknown(r, path)
	choice_id := sprintf("%s#function_settings:function:%s", [r.address, setting])
	some [member, choice] in _alternatives(_api_value(r, path), choice_id)
	text := _limit_text(member, unset, known)
	record := limits.record(r.address, setting, text, functions)
}

_limit_text(null, unset, _) := unset

_limit_text(member, _, known) := limits.text_of(known, member) if member != null

_limit_subnets contains limits.record(f.address, "subnet_count", number, [f.address]) if {
	some f in _of_type("aws_lambda_function")
	not _api_unknown(f, ["vpc_config"])
	number := limits.count_of(f.limit_subnets)
	number != "0"
}

_limit_tags contains r if {
	some f in _of_type("aws_lambda_function")
	some r in limits.tag_records(f.address, _limit_tag_map(_api_value(f, ["tags"])), [f.address])
}

# conftest's HCL shape writes a map attribute as a one-element list of it
_limit_tag_map(tags) := tags[0] if is_array(tags)

else := tags
