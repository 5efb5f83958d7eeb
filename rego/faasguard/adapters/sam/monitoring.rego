# AWS SAM adapter, monitoring records
# monitoring_settings of the plain CloudFormation resources and of the SAM state machines (docs/model.md,
# "Monitoring settings"; lib/monitoring).
package faasguard.adapters.sam

import data.faasguard.lib.monitoring

monitoring_settings contains r if {
	_sam
	some r in monitoring.template_views(input)
}

monitoring_settings contains r if {
	_sam
	some r in monitoring.sam_views(input)
}
