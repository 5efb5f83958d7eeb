# The EFS records of the plan adapter (this package, plan.rego): lib/terraform's efs_views over the
# resources of its efs_resource_types with the paths of their values after_unknown marks (as apis.rego:
# an unknown attribute the configuration does not set is the provider's default, unset).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: efs_views
# scope: document
# description: |
#   The EFS records (function_settings, store_settings) of this input, as an object of sets keyed by
#   view name; empty for other inputs.
default efs_views := {}

efs_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.efs_views with terraform.resources as _efs_resources
}

_efs_resources contains object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.efs_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}
