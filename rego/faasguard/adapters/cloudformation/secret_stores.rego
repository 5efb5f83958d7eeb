# CloudFormation adapter, secret-store views (docs/model.md, "Secret stores"): the KMS key and the
# presence of environment variables of each AWS::Lambda::Function (function_settings), and the Secrets
# Manager secrets and SSM parameters of the template (secret_settings), read by
# lib/cloudformation_secret_stores.
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_secret_stores as stores
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in stores.function_records(input, template.lambda_functions)
}

secret_settings contains r if {
	_cloudformation
	some r in stores.resource_records(input)
}
