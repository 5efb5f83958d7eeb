# AWS SAM adapter, network settings
# network_settings (docs/model.md, "Network settings"): the egress rules of the security groups the
# functions' VpcConfig names (SAM functions: merged with Globals.Function), read by lib/network.
package faasguard.adapters.sam

import data.faasguard.lib.network
import data.faasguard.lib.template

network_settings contains r if {
	_sam
	functions := object.union(template.lambda_functions, template.sam_functions)
	vpc_configs := {id: object.get(p, "VpcConfig", null) | some id, p in functions}
	some r in network.resource_views(input, vpc_configs)
}
