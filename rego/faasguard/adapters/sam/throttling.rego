# AWS SAM adapter, API throttling and gateway response records (docs/model.md, "API throttling and
# gateway responses"; lib/throttling): those of the plain CloudFormation resources of the template and of
# the SAM API stages with their Globals (an implicit API's at the functions whose events create it).
package faasguard.adapters.sam

import data.faasguard.lib.throttling

api_settings contains r if {
	_sam
	some r in throttling.resource_views(input)
}

api_settings contains r if {
	_sam
	some r in throttling.sam_views(input, api_operations)
}
