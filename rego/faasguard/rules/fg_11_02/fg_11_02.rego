# METADATA
# title: FG_11_02 disabled trigger left in place
# description: |
#   A function_settings `trigger_enabled` record whose value is "false" in every alternative: an event
#   source mapping, rule or schedule (kind `trigger`), or an event of a SAM / Serverless function (kind
#   `event <name>`).
package faasguard.rules.fg_11_02

import data.faasguard.lib.findings
import data.faasguard.lib.lifecycle
import data.faasguard.model

_id := "FG_11_02"

_disabled := model.decided({s |
	some s in model.function_settings
	s.setting == lifecycle.trigger_enabled
	s.value == "false"
})

_by_resource[s.resource] contains s if some s in _disabled

_what(records) := sprintf("declares disabled events %s", [findings.join(events)]) if {
	events := {substring(r.kind, count("event "), -1) | some r in records; r.kind != "trigger"}
	count(events) > 0
} else := "is a disabled trigger"

# METADATA
# title: deny
# description: One result per disabled trigger, or per function declaring disabled events.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s %s: remove it if it is obsolete, or document why it stays", [resource, _what(records)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
