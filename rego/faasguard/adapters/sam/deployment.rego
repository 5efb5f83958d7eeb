# AWS SAM adapter, deployment records (docs/model.md, "Container images and runtime updates"): as for
# CloudFormation, with the SAM functions' ImageUri / PackageType / RuntimeManagementConfig merged with
# Globals.Function (lib/deployment).
package faasguard.adapters.sam

import data.faasguard.lib.deployment
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in deployment.function_records(
		input,
		object.union(template.lambda_functions, template.sam_functions),
		{id | some id in object.keys(template.sam_functions)},
	)
}

store_settings contains r if {
	_sam
	some r in deployment.resource_views(input)
}
