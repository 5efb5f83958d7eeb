# The API throttling and gateway response records of the Terraform HCL adapter (this package,
# terraform.rego): lib/terraform's throttling_views over the resources of its throttling_resource_types
# with the paths of their nested values the adapter cannot settle (apis.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: throttling_views
# scope: document
# description: |
#   The API throttling and gateway response records (api_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default throttling_views := {}

throttling_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.throttling_views with terraform.resources as _throttling_resources
}

_throttling_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
}]) if {
	some type in terraform.throttling_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}
