# The request validation records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# validation_views over the resources of its validation_resource_types with the paths of their nested values
# the adapter cannot settle (apis.rego), and the functions and aliases as they are.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: validation_views
# scope: document
# description: |
#   The request validation records (api_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default validation_views := {}

validation_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.validation_views with terraform.resources as _validation_resources
}

_validation_resources := {r | some r in _resources; r.type in terraform.api_function_types} | {object.union_n([
	_resource(type, key, block), _existence(block),
	{"unknown_paths": _unknown_paths(block)},
]) |
	some type in terraform.validation_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}
