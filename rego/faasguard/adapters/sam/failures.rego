# AWS SAM adapter, failure routing (docs/model.md, "Failure routing"): as for CloudFormation, with the
# SAM functions' DeadLetterQueue and EventInvokeConfig merged with Globals.Function, their asynchronous
# events event_sources does not hold, and the on-failure settings of their stream, SNS and EventBridge
# events (lib/failures).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.failures
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in failures.function_records(
		input,
		object.union(template.lambda_functions, template.sam_functions),
		{id | some id in object.keys(template.sam_functions)},
	)
}

store_settings contains r if {
	_sam
	some r in failures.resource_records(input, event_sources, apis.no_host)
}

store_settings contains r if {
	_sam
	some r in failures.sam_store_records(input, template.sam_functions)
}
