# CloudFormation adapter, network settings
# network_settings (docs/model.md, "Network settings"): the egress rules of the security groups the
# functions' VpcConfig names (lib/network).
package faasguard.adapters.cloudformation

import data.faasguard.lib.network
import data.faasguard.lib.template

network_settings contains r if {
	_cloudformation
	vpc_configs := {id: object.get(p, "VpcConfig", null) | some id, p in template.lambda_functions}
	some r in network.resource_views(input, vpc_configs)
}
