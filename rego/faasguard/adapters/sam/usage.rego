# AWS SAM adapter, usage records (docs/model.md, "Usage"; lib/usage): as for CloudFormation, with the
# SAM functions' own paths (`Events`, `FunctionUrlConfig` merged with Globals.Function). The Python twin
# is src/faasguard/model/cloudformation_usage.py.
package faasguard.adapters.sam

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.template
import data.faasguard.lib.usage

function_settings contains r if {
	_sam
	some r in usage.records(
		usage.types(input, {}), usage.triples(input, {}),
		object.keys(_usage_functions),
		{id | some id, _ in cfn.resources_of_type(input, "AWS::IAM::Role")},
		{id: usage.sam_paths(props) | some id, props in template.sam_functions}, _usage_unsettled,
	)
}

function_settings contains r if {
	_sam
	some id, props in _usage_functions
	some r in usage.function_records(input, id, props, cfn.created(input)[id])
}

_usage_functions := object.union(template.lambda_functions, template.sam_functions)

default _usage_unsettled := {}

_usage_unsettled := {"*": true} if usage.unsettled(input)
