# AWS SAM adapter, persistence records (docs/model.md, "Function state and tenancy"): as for
# CloudFormation, with the SAM functions' properties merged with Globals.Function and their Tags a map
# (lib/persistence).
package faasguard.adapters.sam

import data.faasguard.lib.persistence
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in persistence.function_records(
		input,
		object.union(template.lambda_functions, template.sam_functions),
		{id | some id in object.keys(template.sam_functions)},
	)
}
