# The API views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's api_views
# over the functions and aliases as `views` reads them and the API and Cognito resources with the
# paths of their nested values the adapter cannot settle (unknown_paths, lib/terraform/apis.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: api_views
# scope: document
# description: |
#   The API views (api_operations, lambda_permissions, authorizers, cognito) of this input, as an
#   object of sets keyed by view name; empty for other inputs.
default api_views := {}

api_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.api_views with terraform.resources as _api_resources
}

_api_resources := {r | some r in _resources; r.type in terraform.api_function_types} | _api_read_resources

_api_read_resources contains object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
}]) if {
	some type in terraform.api_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}

# The paths of the strings in a block whose value this adapter cannot settle (_value is undefined).
_unknown_paths(block) := {path |
	walk(block, [path, value])
	count(path) > 0
	is_string(value)
	contains(value, "${")
	count({v | v := _value(value)}) == 0
}
