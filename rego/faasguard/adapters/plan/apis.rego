# The API views of the plan adapter (this package, plan.rego): lib/terraform's api_views over the
# functions and aliases as `views` reads them and the API and Cognito resources with the paths of
# their values after_unknown marks (unknown_paths, lib/terraform/apis.rego). As for every planned
# value, an unknown attribute the configuration does not set is computed by the provider from its
# default: absent (an unset password_policy is AWS's default policy, not an unknown one).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: api_views
# scope: document
# description: |
#   The API views (api_operations, lambda_permissions, authorizers, cognito) of this input, as an
#   object of sets keyed by view name; empty for other inputs.
default api_views := {}

api_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.api_views with terraform.resources as _api_resources
}

_api_resources := {r | some r in _resources; r.type in terraform.api_function_types} | _api_read_resources

_api_read_resources contains object.union(r, {
	"unknown": {attr | some attr in r.unknown; _configured(config, attr)},
	"unknown_paths": {path |
		walk(rc.change.after_unknown, [path, true])
		count(path) > 0
		_configured(config, path[0])
	},
}) if {
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type in terraform.api_resource_types
	_planned(rc)
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	r := _resource(rc, config)
}

# Whether the configuration sets an attribute (every attribute counts without a configuration).
# (a key lookup: object.keys would build the set of keys again for each attribute of each resource)
_configured(config, attr) if _ = config.expressions[attr]

_configured(config, _) if not _has_expressions(config)

_has_expressions(config) if is_object(config.expressions)
