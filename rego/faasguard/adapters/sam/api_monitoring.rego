# AWS SAM adapter, API stage monitoring records
# api_settings of kind stage (docs/model.md, "API stage monitoring") of the plain CloudFormation stages
# of the template and of the SAM APIs with their Globals (an implicit API's at the functions whose events
# create it; lib/api_monitoring).
package faasguard.adapters.sam

import data.faasguard.lib.api_monitoring

api_settings contains r if {
	_sam
	some r in api_monitoring.resource_views(input)
}

api_settings contains r if {
	_sam
	some r in api_monitoring.sam_views(input, api_operations)
}
