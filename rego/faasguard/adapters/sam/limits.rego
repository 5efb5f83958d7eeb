# AWS SAM adapter, limit records (docs/model.md, "Function limits"): as for CloudFormation, with the SAM
# functions' properties merged with Globals.Function and their Tags a map (lib/limits).
package faasguard.adapters.sam

import data.faasguard.lib.limits
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in limits.function_records(
		input,
		object.union(template.lambda_functions, template.sam_functions),
		{id | some id in object.keys(template.sam_functions)},
	)
}
