# The function-log views of the Terraform HCL adapter (this package, terraform.rego): lib/terraform's
# logging_views over the functions and log groups, each with the expressions of its names as written
# (`logging_written`), which the views compare when only deployment settles them.
package faasguard.adapters.terraform

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: logging_views
# scope: document
# description: |
#   The function-log views (function_settings, store_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default logging_views := {}

logging_views := built if {
	format.format == "terraform"

	# regal ignore:with-outside-test-context
	built := terraform.logging_views with terraform.resources as _logging_resources
}

_logging_resources contains object.union(r, {"logging_written": _logging_written(r)}) if {
	some r in _resources
	r.type in terraform.logging_resource_types
}

_logging_paths := {
	"name": ["name"], "function_name": ["function_name"],
	"log_group": ["logging_config", 0, "log_group"],
}

_logging_written(r) := {attr: object.get(block, path, null) | some attr, path in _logging_paths} if {
	some block in _as_list(input.resource[r.type][trim_prefix(r.key, concat("", [r.type, "."]))])
}
