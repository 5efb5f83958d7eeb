# METADATA
# title: FG_06_05 runtime patching frozen (runtime updates set to Manual)
# description: A function_settings `update_runtime_on` record whose mode is Manual.
package faasguard.rules.fg_06_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_06_05"

_manual := model.decided({s |
	some s in model.function_settings
	s.kind == "function"
	s.setting == "update_runtime_on"
	lower(s.value) == "manual"
})

_by_resource[s.resource] contains s if some s in _manual

# METADATA
# title: deny
# description: One result per place runtime updates are set to Manual.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s sets runtime updates to Manual: the pinned runtime version gets no security patches",
		[resource],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
