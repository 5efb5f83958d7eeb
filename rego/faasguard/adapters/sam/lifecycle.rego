# AWS SAM adapter, lifecycle records (docs/model.md, "Lifecycle settings"): as for CloudFormation, with the
# trigger events of SAM functions, the versions AutoPublishAlias publishes and the Tags merged with
# Globals.Function (lib/lifecycle).
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.lifecycle
import data.faasguard.lib.template

function_settings contains r if {
	_sam
	some r in (lifecycle.function_records(
		input,
		object.union(template.lambda_functions, template.sam_functions),
		{id | some id in object.keys(template.sam_functions)},
	) | lifecycle.resource_views(input, apis.no_host))
}
