# CloudFormation adapter, API throttling and gateway response records
# api_settings of kinds rest_stage / http_stage / websocket_stage (throttle_burst, throttle_rate) and
# rest_api (default_4xx_response, default_5xx_response): docs/model.md, "API throttling and gateway
# responses"; lib/throttling.
package faasguard.adapters.cloudformation

import data.faasguard.lib.throttling

api_settings contains r if {
	_cloudformation
	some r in throttling.resource_views(input)
}
