# CloudFormation adapter, usage records (docs/model.md, "Usage"; lib/usage): `invoked_by` of each
# function, `referenced_by` of each AWS::IAM::Role, `concurrency_disabled` and the retention policies of
# functions. The Python twin is src/faasguard/model/cloudformation_usage.py.
package faasguard.adapters.cloudformation

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.template
import data.faasguard.lib.usage

function_settings contains r if {
	_cloudformation
	some r in usage.records(
		usage.types(input, {}), usage.triples(input, {}),
		object.keys(template.lambda_functions),
		{id | some id, _ in cfn.resources_of_type(input, "AWS::IAM::Role")},
		{}, _usage_unsettled,
	)
}

function_settings contains r if {
	_cloudformation
	some id, props in template.lambda_functions
	some r in usage.function_records(input, id, props, cfn.created(input)[id])
}

default _usage_unsettled := {}

_usage_unsettled := {"*": true} if usage.unsettled(input)
