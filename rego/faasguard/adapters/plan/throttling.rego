# The API throttling and gateway response records of the plan adapter (this package, plan.rego):
# lib/terraform's throttling_views over the resources of its throttling_resource_types with the paths of
# their values after_unknown marks (as apis.rego: an unknown attribute the configuration does not set is
# the provider's default, unset).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: throttling_views
# scope: document
# description: |
#   The API throttling and gateway response records (api_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default throttling_views := {}

throttling_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.throttling_views with terraform.resources as _throttling_resources
}

_throttling_resources contains object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.throttling_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}
