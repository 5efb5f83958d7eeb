# The failure routing records of the plan adapter (this package, plan.rego): lib/terraform's
# failure_views over the resources of its failure_resource_types, with this input's trigger records
# (triggers.rego). As for every planned value, an unknown attribute the configuration does not set is
# computed by the provider from its default: unset.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: failure_views
# scope: document
# description: |
#   The failure routing records (function_settings, store_settings) of this input, as an object of
#   sets keyed by view name; empty for other inputs.
default failure_views := {}

failure_views := built if {
	format.format == "terraform_plan"
	sources := object.get(trigger_views, "event_sources", set())

	# regal ignore:with-outside-test-context
	built := terraform.failure_views(sources) with terraform.resources as _failure_resources
}

_failure_resources contains object.union(r, {"unknown": configured}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.failure_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
	configured := {attr | some attr in r.unknown; _configured(config, attr)}
}
