# The error-handling records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# error_views over the functions, each with its block as written (`written`), which tells a nested
# attribute only deployment settles from an unset one.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: error_views
# scope: document
# description: |
#   The error-handling records (function_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default error_views := {}

error_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.error_views with terraform.resources as _errors_resources
}

# the functions with their blocks as written (persistence.rego reads them too)
_errors_resources contains object.union(r, {"written": block}) if {
	some r in _resources
	r.type in terraform.errors_resource_types
	[type, name] := split(r.key, ".")
	block := [b | some b in _as_list(input.resource[type][name]); is_object(b)][0]
}
