# The code-source records of the plan adapter (this package, plan.rego): lib/terraform's
# code_source_views over the resources of its code_source_resource_types as `views` reads them; each
# function carries the accounts the plan's caller identity read (`caller_accounts`: the deploying
# account, whose layers are allowed). An attribute the configuration does not set that the provider
# computes (a code-signing config's `policies`) is unset, not unknown (Python: TfResource.value).
package faasguard.adapters.plan

import data.faasguard.lib.format
import data.faasguard.lib.terraform

# METADATA
# title: code_source_views
# scope: document
# description: |
#   The code-source records (function_settings) of this input, as an object of sets keyed by view
#   name; empty for other inputs.
default code_source_views := {}

code_source_views := built if {
	format.format == "terraform_plan"

	# regal ignore:with-outside-test-context
	built := terraform.code_source_views with terraform.resources as _code_source_resources
}

_code_source_resources contains object.union(r, {
	"caller_accounts": _cs_caller_accounts,
	"unknown": r.unknown - object.get(_cs_unconfigured, r.address, set()),
}) if {
	some r in _resources
	r.type in terraform.code_source_resource_types
}

# address → the unknown attributes its configuration does not set
_cs_unconfigured[rc.address] := {key |
	some key, unknown in rc.change.after_unknown
	unknown == true
	not key in object.keys(config.expressions)
} if {
	some rc in input.resource_changes
	rc.type in terraform.code_source_resource_types
	config := object.get(_configuration, [[_module_path(rc), _config_address(rc)]], {})
	is_object(config.expressions)
}

_cs_caller_accounts contains account if {
	some [r, _] in _state_data_sources
	r.type == "aws_caller_identity"
	account := r.values.account_id
	is_string(account)
}

_cs_caller_accounts contains account if {
	some rc in input.resource_changes
	rc.mode == "data"
	rc.type == "aws_caller_identity"
	account := rc.change.after.account_id
	is_string(account)
}
