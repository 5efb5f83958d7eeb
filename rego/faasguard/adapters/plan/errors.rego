# The error-handling records of the plan adapter (this package, plan.rego): lib/terraform's error_views
# over the functions, each with its change's `after_unknown` (a nested attribute planned unknown is
# only settled by deployment). As for every planned value, an unknown attribute the configuration does
# not set is computed by the provider from its default: unset.
package faasguard.adapters.plan

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
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.error_views with terraform.resources as _errors_resources
}

# the planned functions (persistence.rego reads them too)
_errors_resources contains object.union(r, {"unknown": configured, "after_unknown": after_unknown}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.errors_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
	configured := {attr | some attr in r.unknown; _configured(config, attr)}
	after_unknown := {attr: value |
		some attr, value in object.get(rc.change, "after_unknown", {})
		_configured(config, attr)
	}
}
