# The storage views of the plan adapter (this package, plan.rego): lib/terraform's storage_views over
# the resources of its storage_resource_types, with this input's trigger records (triggers.rego)
# naming the functions each store triggers. As for every planned value, an unknown attribute the
# configuration does not set is computed by the provider from its default: unset.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: storage_views
# scope: document
# description: |
#   The storage views (store_settings) of this input, as an object of sets keyed by view name; empty
#   for other inputs.
default storage_views := {}

storage_views := built if {
	format.format == "terraform_plan"
	sources := object.get(trigger_views, "event_sources", set())

	# regal ignore:with-outside-test-context
	built := terraform.storage_views(sources) with terraform.resources as _storage_resources
}

_storage_resources contains object.union(r, {"unknown": configured, "image_pinned": _image_pinned(rc, config)}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.storage_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
	configured := {attr | some attr in r.unknown; _configured(config, attr)}
}

# a digest pins a function's image: `@` in its planned image_uri, or (a plan keeps no expression text)
# a reference to an `image_digest`
_image_pinned(rc, config) if {
	contains(rc.change.after.image_uri, "@")
	is_object(config)
} else if {
	some path, reference
	walk(object.get(config, ["expressions", "image_uri"], {}), [path, reference])
	path[count(path) - 2] == "references"
	endswith(reference, ".image_digest")
}

else := false
