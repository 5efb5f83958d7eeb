# The secret-store views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# secret_store_views over the resources of its secret_store_resource_types as `views` reads them, each
# with its block as written (`written`: a name keeps its literal parts, an environment its variable
# names whatever their values) and the attributes whose value is a conditional the files do not
# settle (`unsettled`: whether a key is set is then unknown).
package faasguard.adapters.terraform

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
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.secret_store_views with terraform.resources as _secret_store_resources
}

_secret_store_resources contains object.union(r, {"written": block, "unsettled": unsettled}) if {
	some r in _resources
	r.type in terraform.secret_store_resource_types
	[type, name] := split(r.key, ".")
	block := [b | some b in _as_list(input.resource[type][name]); is_object(b)][0]
	unsettled := {attr |
		some attr in r.unknown
		is_string(block[attr])
		regex.match(_conditional, block[attr])
	}
}
