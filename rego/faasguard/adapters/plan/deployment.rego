# The deployment records of the plan adapter (this package, plan.rego): lib/terraform's
# deployment_views over the resources of its deployment_resource_types, each function with
# `image_pinned` as storage.rego reads it (`@` in its planned image_uri, or a reference to an
# image_digest). As for every planned value, an unknown attribute the configuration does not set is
# computed by the provider from its default: unset.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: deployment_views
# scope: document
# description: |
#   The deployment records (function_settings, store_settings) of this input, as an object of sets
#   keyed by view name; empty for other inputs.
default deployment_views := {}

deployment_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.deployment_views with terraform.resources as _deployment_resources
}

_deployment_resources contains object.union(r, {"unknown": configured, "image_pinned": _image_pinned(rc, config)}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.deployment_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
	configured := {attr | some attr in r.unknown; _configured(config, attr)}
}
