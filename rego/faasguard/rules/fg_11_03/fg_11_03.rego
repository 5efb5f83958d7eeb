# METADATA
# title: FG_11_03 function with no invocation path, or disabled
# description: |
#   A function whose `invoked_by` record is `absent` and that no trigger, API operation, resource-policy
#   statement or URL of the views reaches; a function whose `concurrency_disabled` is "true" (reserved
#   concurrency 0) in every alternative. The Python twin is functions_never_invoked.
package faasguard.rules.fg_11_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_11_03"

# the functions the views already link by a known name or ARN as well as by reference
_invoked contains fn if {
	some view in [model.event_sources, model.api_operations, model.lambda_permissions, model.function_urls]
	some r in view
	some fn in r.functions
}

_no_path[s.resource] := s.functions if {
	some s in model.function_settings
	s.setting == "invoked_by"
	s.value == "absent"
	not s.resource in _invoked
}

_disabled := model.decided({s |
	some s in model.function_settings
	s.setting == "concurrency_disabled"
	s.value == "true"
})

_disabled_functions[s.resource] contains fn if {
	some s in _disabled
	some fn in s.functions
}

_problems[resource] contains concat("", [
	sprintf("function %s has no invocation path: no event, trigger, API integration, permission, URL, ", [resource]),
	"output or other resource invokes or references it",
]) if {
	some resource, _ in _no_path
}

_problems[resource] contains sprintf("function %s has reserved concurrency 0: it is disabled", [resource]) if {
	some resource, _ in _disabled_functions
}

# METADATA
# title: deny
# description: One result per function nothing invokes, or whose reserved concurrency is 0.
deny contains result if {
	some resource, problems in _problems
	no_path := {fn | some fn in object.get(_no_path, resource, [])}
	functions := sort(no_path | object.get(_disabled_functions, resource, set()))
	result := findings.result(_id, model.format, resource, functions, concat("; and ", sort(problems)))
}
