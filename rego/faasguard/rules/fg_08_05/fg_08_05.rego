# METADATA
# title: FG_08_05 Lambda's recursive-loop detection is turned off for a function
# description: A function_settings `recursive_loop` record whose mode is Allow (case-insensitive).
package faasguard.rules.fg_08_05

import data.faasguard.lib.findings
import data.faasguard.lib.limits
import data.faasguard.model

_id := "FG_08_05"

_allowed := model.decided({r |
	some r in limits.of(model.function_settings, "recursive_loop")
	lower(r.value) == "allow"
})

_by_resource[r.resource] contains r if some r in _allowed

_harm := "a function that triggers itself through a queue, topic or bucket runs and bills without end"

# METADATA
# title: deny
# description: One result per place recursive-loop detection is turned off.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s turns Lambda's recursive-loop detection off (RecursiveLoop Allow): %s", [resource, _harm])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
