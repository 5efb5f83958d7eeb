# The trigger views of the plan adapter (this package, plan.rego): lib/terraform's trigger_views over
# the resources of its trigger_resource_types as `views` reads them. A plan's policy documents carry
# no block as written: a source policy is read from the planned `policy` JSON.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: trigger_views
# scope: document
# description: |
#   The trigger views (event_sources, source_policies) of this input, as an object of sets keyed by
#   view name; empty for other inputs.
default trigger_views := {}

trigger_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.trigger_views with terraform.resources as _trigger_resources
}

_trigger_resources contains r if {
	some r in _resources
	r.type in terraform.trigger_resource_types
}
