# The exposure records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# exposure_views over the resources of its exposure_resource_types with the paths of their nested values
# the adapter cannot settle (apis.rego), and each data.aws_iam_policy_document as written (triggers.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: exposure_views
# scope: document
# description: |
#   The exposure records (api_settings, source_policies) of this input, as an object of sets keyed by
#   view name; empty for other inputs.
default exposure_views := {}

exposure_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.exposure_views with terraform.resources as _exposure_resources
}

_exposure_resources := _written_documents | {object.union_n([_resource(type, key, block), _existence(block), {
	"unknown_paths": _unknown_paths(block),
}]) |
	some type in terraform.exposure_resource_types
	some name, blocks in input.resource[type]
	some block in _as_list(blocks)
	key := sprintf("%s.%s", [type, name])
}
