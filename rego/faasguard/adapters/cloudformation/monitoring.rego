# CloudFormation adapter, monitoring records
# monitoring_settings: state machine tracing (level OFF without logging configuration), alarms on
# Lambda metrics, CloudTrail Lambda data events (docs/model.md, "Monitoring settings"; lib/monitoring).
package faasguard.adapters.cloudformation

import data.faasguard.lib.monitoring

monitoring_settings contains r if {
	_cloudformation
	some r in monitoring.template_views(input)
}
