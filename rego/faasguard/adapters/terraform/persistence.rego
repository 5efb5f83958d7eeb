# The persistence records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# persistence_views over the functions as errors.rego hands them (with their blocks as written).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: persistence_views
# scope: document
# description: |
#   The persistence records (function_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default persistence_views := {}

persistence_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.persistence_views with terraform.resources as _errors_resources
}
