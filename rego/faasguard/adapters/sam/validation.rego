# AWS SAM adapter, request validation
# The request settings of api_settings (docs/model.md, "Request validation"): SAM Api events (on the
# function), AWS::Serverless::Api DefinitionBody (on the API) and the plain CloudFormation resources of
# the template (lib/validation).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.template
import data.faasguard.lib.validation

api_settings contains r if {
	_sam
	some r in validation.resource_views(input, cfn_apis.no_host)
}

api_settings contains r if {
	_sam
	some r in validation.sam_views(input, template.sam_functions)
}
