# The limit records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's limit_views
# over the resources of its limit_resource_types with the paths of their nested values the adapter cannot
# settle (unknown_paths, apis.rego), each function with `limit_subnets`: vpc_config's subnet_ids as written
# (each entry, a reference too, is one subnet; a whole variable is its default).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: limit_views
# scope: document
# description: |
#   The limit records (function_settings) of this input, as an object of sets keyed by view name; empty
#   for other inputs.
default limit_views := {}

limit_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.limit_views with terraform.resources as _limit_resources
}

_limit_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
	"limit_subnets": _limit_subnets(block),
}]) if {
	some type in terraform.limit_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}

_limit_subnets(block) := subnets if {
	subnets := _value(_as_list(block.vpc_config)[0].subnet_ids)
	is_array(subnets)
} else := [written] if {
	# faasguard's loader writes a one-entry list `[aws_subnet.a.id]` as that entry: one resource's id
	written := _as_list(block.vpc_config)[0].subnet_ids
	regex.match(`^\$\{(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*\.id\}$`, written)
} else := written if {
	# or a literal subnet id (count_of counts its comma-separated entries, as Python does)
	written := _as_list(block.vpc_config)[0].subnet_ids
	is_string(written)
	not contains(written, "${")
} else := []
