# CloudFormation adapter, failure routing (docs/model.md, "Failure routing"): function_settings
# `async_failure_route` of each function, store_settings of the stream event source mappings, the queues
# that trigger functions, the Lambda subscriptions and the rule targets that are functions (lib/failures).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.failures
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in failures.function_records(input, template.lambda_functions, set())
}

store_settings contains r if {
	_cloudformation
	some r in failures.resource_records(input, event_sources, apis.no_host)
}
