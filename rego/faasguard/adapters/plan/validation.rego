# The request validation records of the plan adapter (this package, plan.rego): lib/terraform's
# validation_views over the functions and aliases as `views` reads them and the resources of its
# validation_resource_types with the paths of their values after_unknown marks (as apis.rego: an unknown
# attribute the configuration does not set is the provider's default, unset).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: validation_views
# scope: document
# description: |
#   The request validation records (api_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default validation_views := {}

validation_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.validation_views with terraform.resources as _validation_resources
}

_validation_resources := {r | some r in _resources; r.type in terraform.api_function_types} | {object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
}) |
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.validation_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}
