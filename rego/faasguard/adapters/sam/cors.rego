# AWS SAM adapter, CORS settings
# The `cors_*` settings of api_settings (docs/model.md "CORS settings") of a SAM template: SAM APIs with
# their Globals (an implicit API's at the functions whose events create it), FunctionUrlConfig.Cors, and
# the plain CloudFormation resources of the template (lib/cloudformation_cors).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_cors as cors
import data.faasguard.lib.template

api_settings contains r if {
	_sam
	some r in cors.resource_views(input)
}

api_settings contains r if {
	_sam
	some r in cors.sam_views(input, template.sam_functions, api_operations)
}
