# Serverless Framework adapter, network settings (the package's METADATA is in serverless.rego):
# network_settings of the security groups of `resources.Resources` the functions use, read as in a
# template (lib/network). A function's SecurityGroupIds are, as the Framework compiles them,
# `functions.<f>.vpc.securityGroupIds`, else `provider.vpc.securityGroupIds` (variables resolved). The
# twin of src/faasguard/model/serverless_network.py. Uses `_doc`, `_provider`, `_functions` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.network
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.values

network_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
	vpc_configs := {name: {"SecurityGroupIds": _function_group_ids(fn)} | some name, fn in _functions}
	some r in network.resource_views(resources, vpc_configs)
}

# the function's own group ids when its `vpc` sets them (an unknown value: none), else the provider's
_function_group_ids(fn) := _group_ids(fn) if _sets_group_ids(fn)

else := _group_ids(_provider) if _sets_group_ids(_provider)

else := null

_sets_group_ids(owner) if {
	vpc := sls.resolve(_doc, object.get(owner, "vpc", null))
	apis.is_map(vpc)
	not values.is_unset(vpc, "securityGroupIds")
}

_group_ids(owner) := ids if {
	vpc := sls.resolve(_doc, owner.vpc)
	written := sls.resolve(_doc, vpc.securityGroupIds)
	ids := _resolved_entries(written)
} else := null

_resolved_entries(written) := [entry | some raw in written; entry := sls.resolve(_doc, raw)] if is_array(written)

else := written
