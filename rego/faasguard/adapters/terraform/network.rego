# The network views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# network_views over the resources of its network_resource_types with the paths of their nested values
# the adapter cannot settle (unknown_paths, apis.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: network_views
# scope: document
# description: |
#   The network views (network_settings) of this input, as an object of sets keyed by view name; empty
#   for other inputs.
default network_views := {}

network_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.network_views with terraform.resources as _network_resources
}

_network_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
}]) if {
	some type in terraform.network_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}
