# The EFS records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's efs_views
# over the resources of its efs_resource_types with the paths of their nested values the adapter cannot
# settle (unknown_paths, apis.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: efs_views
# scope: document
# description: |
#   The EFS records (function_settings, store_settings) of this input, as an object of sets keyed by
#   view name; empty for other inputs.
default efs_views := {}

efs_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.efs_views with terraform.resources as _efs_resources
}

_efs_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
}]) if {
	some type in terraform.efs_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}
