# The failure routing records of the Terraform HCL adapter (this package, terraform.rego):
# lib/terraform's failure_views over the resources of its failure_resource_types, with this input's
# trigger records (triggers.rego).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: failure_views
# scope: document
# description: |
#   The failure routing records (function_settings, store_settings) of this input, as an object of
#   sets keyed by view name; empty for other inputs.
default failure_views := {}

failure_views := built if {
	format.format == "terraform"
	sources := object.get(trigger_views, "event_sources", set())

	# regal ignore:with-outside-test-context
	built := terraform.failure_views(sources) with terraform.resources as _failure_resources
}

_failure_resources contains r if {
	some r in _resources
	r.type in terraform.failure_resource_types
}
