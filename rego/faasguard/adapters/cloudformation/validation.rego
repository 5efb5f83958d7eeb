# CloudFormation adapter, request validation
# The request settings of api_settings (docs/model.md, "Request validation") of REST API methods and
# OpenAPI bodies (lib/validation).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_apis as cfn_apis
import data.faasguard.lib.validation

api_settings contains r if {
	_cloudformation
	some r in validation.resource_views(input, cfn_apis.no_host)
}
