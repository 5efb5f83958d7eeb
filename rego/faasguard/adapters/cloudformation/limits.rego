# CloudFormation adapter, limit records (docs/model.md, "Function limits"): reserved concurrency, timeout,
# memory, /tmp size, recursive-loop mode, subnet count and tag keys of each function (lib/limits).
package faasguard.adapters.cloudformation

import data.faasguard.lib.limits
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in limits.function_records(input, template.lambda_functions, set())
}
