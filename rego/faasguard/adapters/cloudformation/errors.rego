# CloudFormation adapter, error-handling records (docs/model.md, "Function log levels"): function_settings
# `log_format`, `application_log_level` and `system_log_level` of the functions that write a
# LoggingConfig (lib/errors).
package faasguard.adapters.cloudformation

import data.faasguard.lib.errors
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in errors.function_records(input, template.lambda_functions)
}
