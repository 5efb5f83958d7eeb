# The persistence records of the plan adapter (this package, plan.rego): lib/terraform's
# persistence_views over the planned functions as errors.rego hands them.
package faasguard.adapters.plan

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
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.persistence_views with terraform.resources as _errors_resources
}
