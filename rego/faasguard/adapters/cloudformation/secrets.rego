# CloudFormation adapter, secret settings
# The secret_settings records (docs/model.md, "Secrets") of the functions of a CloudFormation
# template (lib/cloudformation_secrets).
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation_secrets as secrets
import data.faasguard.lib.template

secret_settings contains r if {
	_cloudformation
	some id, p in template.lambda_functions
	some r in secrets.records(input, id, p)
}

secret_settings contains r if {
	_cloudformation
	some r in secrets.consumer_records(input)
}
