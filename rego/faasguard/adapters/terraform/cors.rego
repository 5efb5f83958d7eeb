# The CORS settings of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# cors_views over the resources of its cors_resource_types as `views` reads them.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: cors_views
# scope: document
# description: The CORS settings (api_settings) of this input, as an object of sets; empty for other inputs.
default cors_views := {}

cors_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.cors_views with terraform.resources as _cors_resources
}

_cors_resources contains r if {
	some r in _resources
	r.type in terraform.cors_resource_types
}
