# The usage records of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# usage_views over this module's resources, with the references of its `output` blocks and `module`
# calls (referrers `output.<name>`, `module.<name>`, prefixed with faasguard_module).
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: usage_views
# scope: document
# description: |
#   The usage records (function_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default usage_views := {}

usage_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.usage_views with terraform.resources as _resources with terraform.usage_outside as _outside
}

_outside contains [concat("", [_prefix, kind, ".", name]), _scope, keys] if {
	some kind in ["output", "module"]
	some name, blocks in object.get(input, kind, {})
	keys := {key |
		walk(blocks, [_, text])
		is_string(text)
		contains(text, "${")
		some key in terraform.reference_keys(text)
	}
}
