# The function-log views of the plan adapter (this package, plan.rego): lib/terraform's logging_views
# over the functions and log groups. As for every planned value, an unknown attribute the configuration
# does not set is computed by the provider from its default: unset.
package faasguard.adapters.plan

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
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.logging_views with terraform.resources as _logging_resources
}

_logging_resources contains object.union(r, {"unknown": configured}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.logging_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
	configured := {attr | some attr in r.unknown; _configured(config, attr)}
}
