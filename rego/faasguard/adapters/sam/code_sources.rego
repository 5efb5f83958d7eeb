# AWS SAM adapter, code-source records (docs/model.md, "Code sources"): the code-signing config and
# layers of each function (a SAM function's properties merged with Globals.Function: Layers lists
# concatenate), the code-signing configs and layer version permissions of the template
# (function_settings), read by lib/code_sources.
package faasguard.adapters.sam

import data.faasguard.lib.code_sources
import data.faasguard.lib.template

_code_source_functions := object.union(template.lambda_functions, template.sam_functions) if _sam

function_settings contains r if {
	_sam
	some r in code_sources.function_records(input, _code_source_functions)
}

function_settings contains r if {
	_sam
	linked := {id: c | some id, props in _code_source_functions; c := code_sources.code_signing(input, props)}
	some r in code_sources.resource_records(input, linked)
}
