# The storage views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# storage_views over the resources of its storage_resource_types as `views` reads them, with this
# input's trigger records (triggers.rego) naming the functions each store triggers.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: storage_views
# scope: document
# description: |
#   The storage views (store_settings) of this input, as an object of sets keyed by view name; empty
#   for other inputs.
default storage_views := {}

storage_views := built if {
	format.format == "terraform"
	sources := object.get(trigger_views, "event_sources", set())

	# regal ignore:with-outside-test-context
	built := terraform.storage_views(sources) with terraform.resources as _storage_resources
}

_storage_resources contains object.union(r, {"image_pinned": _image_pinned(r)}) if {
	some r in _resources
	r.type in terraform.storage_resource_types
}

# a digest pins a function's image: `@` in its image_uri as written
_image_pinned(r) if {
	r.type == "aws_lambda_function"
	some block in _as_list(input.resource.aws_lambda_function[substring(r.key, count("aws_lambda_function."), -1)])
	contains(block.image_uri, "@")
} else := false
