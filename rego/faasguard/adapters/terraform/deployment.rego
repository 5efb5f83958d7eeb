# The deployment records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# deployment_views over the resources of its deployment_resource_types, each function with
# `image_pinned` as storage.rego reads it (`@` in its image_uri as written).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: deployment_views
# scope: document
# description: |
#   The deployment records (function_settings, store_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default deployment_views := {}

deployment_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.deployment_views with terraform.resources as _deployment_resources
}

_deployment_resources contains object.union(r, {"image_pinned": _deployment_pinned(r)}) if {
	some r in _resources
	r.type in terraform.deployment_resource_types
}

default _deployment_pinned(_) := false

# a digest in the image_uri as written, or a reference to an image_digest
_deployment_pinned(r) if _image_pinned(r)

_deployment_pinned(r) if {
	r.type == "aws_lambda_function"
	some block in _as_list(input.resource.aws_lambda_function[substring(r.key, count("aws_lambda_function."), -1)])
	contains(block.image_uri, "image_digest")
}
