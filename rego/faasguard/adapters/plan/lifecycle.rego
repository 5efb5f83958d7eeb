# The lifecycle records of the plan adapter (this package, plan.rego): lib/terraform's lifecycle_views over
# the resources of its lifecycle_resource_types with the paths of their values after_unknown marks (an
# unknown attribute the configuration does not set is the provider's default, unset), each function with
# `lifecycle_tags`: the keys of its planned `tags_all` (its tags with the provider's default tags), else
# `tags`, with the keys after_unknown marks.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.lifecycle
import data.faasguard.lib.terraform

# METADATA
# title: lifecycle_views
# scope: document
# description: |
#   The lifecycle records (function_settings) of this input, as an object of sets keyed by view name;
#   empty for other inputs.
default lifecycle_views := {}

lifecycle_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.lifecycle_views with terraform.resources as _lifecycle_resources
}

_lifecycle_resources contains object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
	"lifecycle_tags": [{"resource": "", "keys": _lifecycle_keys(rc.change, config)}],
}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.lifecycle_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}

_lifecycle_attribute(change) := "tags_all" if is_object(change.after.tags_all)

else := "tags"

_lifecycle_keys(change, config) := [lifecycle.any_key] if {
	attribute := _lifecycle_attribute(change)
	change.after_unknown[attribute] == true
	_configured(config, attribute)
} else := object.keys(object.union(unknown, known)) if {
	attribute := _lifecycle_attribute(change)
	unknown := _lifecycle_map(change.after_unknown, attribute)
	known := _lifecycle_map(change.after, attribute)
}

_lifecycle_map(values, attribute) := values[attribute] if is_object(values[attribute])

else := {}
