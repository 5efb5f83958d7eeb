# AWS SAM adapter, secret-store views (docs/model.md, "Secret stores"): the KMS key and the presence of
# environment variables of each function (function_settings; a SAM function's properties merged with
# Globals.Function), and the Secrets Manager secrets and SSM parameters of the template
# (secret_settings), read by lib/cloudformation_secret_stores.
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_secret_stores as stores
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some functions in [template.lambda_functions, template.sam_functions]
	some r in stores.function_records(input, functions)
}

secret_settings contains r if {
	_sam
	some r in stores.resource_records(input)
}
