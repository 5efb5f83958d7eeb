# The secret-store views of the plan adapter (this package, plan.rego): lib/terraform's
# secret_store_views over the resources of its secret_store_resource_types as `views` reads them; a
# function whose environment variables map is after_unknown is marked `variables_unknown`.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: secret_store_views
# scope: document
# description: |
#   The secret-store views (function_settings, secret_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default secret_store_views := {}

secret_store_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.secret_store_views with terraform.resources as _secret_store_resources
}

_secret_store_resources contains object.union(r, {"variables_unknown": r.address in _ss_unknown_variables}) if {
	some r in _resources
	r.type in terraform.secret_store_resource_types
}

_ss_unknown_variables contains rc.address if {
	some rc in input.resource_changes
	rc.type == "aws_lambda_function"
	rc.change.after_unknown.environment[0].variables == true
}
