# CloudFormation adapter, API stage monitoring records
# api_settings of kind stage: access_log, execution_logging, metrics, tracing (docs/model.md, "API stage
# monitoring"; lib/api_monitoring).
package faasguard.adapters.cloudformation

import data.faasguard.lib.api_monitoring

api_settings contains r if {
	_cloudformation
	some r in api_monitoring.resource_views(input)
}
