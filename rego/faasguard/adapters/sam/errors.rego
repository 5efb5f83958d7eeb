# AWS SAM adapter, error-handling records (docs/model.md, "Function log levels"): as for CloudFormation,
# with the SAM functions' LoggingConfig merged with Globals.Function (lib/errors).
package faasguard.adapters.sam

import data.faasguard.lib.errors
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in errors.function_records(input, object.union(template.lambda_functions, template.sam_functions))
}
