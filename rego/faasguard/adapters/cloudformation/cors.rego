# CloudFormation adapter, CORS settings
# The `cors_*` settings of api_settings (docs/model.md "CORS settings") of a CloudFormation template:
# REST integration and gateway responses, HTTP APIs, function URLs, S3 buckets (lib/cloudformation_cors).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_cors as cors

api_settings contains r if {
	_cloudformation
	some r in cors.resource_views(input)
}
