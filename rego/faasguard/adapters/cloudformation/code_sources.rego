# CloudFormation adapter, code-source records (docs/model.md, "Code sources"): the code-signing config
# and layers of each AWS::Lambda::Function, the code-signing configs and layer version permissions of
# the template (function_settings), read by lib/code_sources.
package faasguard.adapters.cloudformation

import data.faasguard.lib.code_sources
import data.faasguard.lib.template

function_settings contains r if {
	_cloudformation
	some r in code_sources.function_records(input, template.lambda_functions)
}

function_settings contains r if {
	_cloudformation
	linked := {id: c | some id, props in template.lambda_functions; c := code_sources.code_signing(input, props)}
	some r in code_sources.resource_records(input, linked)
}
