# The limit records of the plan adapter (this package, plan.rego): lib/terraform's limit_views over the
# resources of its limit_resource_types with the paths of their values after_unknown marks (as apis.rego:
# an unknown attribute the configuration does not set is the provider's default, unset), each function
# with `limit_subnets`: its planned subnet_ids, or the entries after_unknown marks when references the
# provider settles after apply leave them out.
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: limit_views
# scope: document
# description: |
#   The limit records (function_settings) of this input, as an object of sets keyed by view name; empty
#   for other inputs.
default limit_views := {}

limit_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.limit_views with terraform.resources as _limit_resources
}

_limit_resources contains object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
	"limit_subnets": _limit_subnets(rc.change),
}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.limit_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}

_limit_subnets_path := ["vpc_config", 0, "subnet_ids"]

_limit_subnets(change) := marks if {
	marks := object.get(change.after_unknown, _limit_subnets_path, null)
	is_array(marks)
	count(marks) > count(_limit_planned_subnets(change))
} else := _limit_planned_subnets(change)

_limit_planned_subnets(change) := subnets if {
	subnets := object.get(change.after, _limit_subnets_path, [])
	is_array(subnets)
} else := []
