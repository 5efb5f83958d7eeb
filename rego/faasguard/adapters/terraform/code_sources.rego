# The code-source records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# code_source_views over the resources of its code_source_resource_types as `views` reads them, each
# with its block as written (`written`: a layer entry keeps the references it names).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: code_source_views
# scope: document
# description: |
#   The code-source records (function_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default code_source_views := {}

code_source_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.code_source_views with terraform.resources as _code_source_resources
}

_code_source_resources contains object.union(r, {"written": block}) if {
	some r in _resources
	r.type in terraform.code_source_resource_types
	[type, name] := split(r.key, ".")
	block := [b | some b in _as_list(input.resource[type][name]); is_object(b)][0]
}
