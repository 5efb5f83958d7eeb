# AWS SAM adapter, secret settings
# The secret_settings records (docs/model.md, "Secrets") of the functions of a SAM template, SAM
# functions with `Globals.Function` merged (lib/cloudformation_secrets).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_secrets as secrets
import data.faasguard.lib.template

secret_settings contains r if {
	_sam
	some id, p in template.lambda_functions
	some r in secrets.records(input, id, p)
}

secret_settings contains r if {
	some id, p in template.sam_functions
	some r in secrets.records(input, id, p)
}

secret_settings contains r if {
	_sam
	some r in secrets.consumer_records(input)
}
