# METADATA
# title: FG_08_01 a function reserves no concurrency, or more than the allowed ceiling
# description: |
#   A function_settings `reserved_concurrency` record that is `absent` (nothing reserved), or above the
#   setting max_reserved_concurrency when it is above 0. A reserved concurrency of 0 disables the function:
#   not this rule's finding.
package faasguard.rules.fg_08_01

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.lib.limits
import data.faasguard.model

_id := "FG_08_01"

_ceiling := config.setting("max_reserved_concurrency")

_violating := model.decided({r |
	some r in limits.of(model.function_settings, "reserved_concurrency")
	_violates(r)
})

_violates(r) if r.value == "absent"

_violates(r) if {
	_ceiling > 0
	limits.number(r) > _ceiling
}

_by_resource[r.resource] contains r if some r in _violating

_problem(resource, records) := sprintf(
	"%s reserves no concurrency: one flood of events can take the account's whole concurrency",
	[resource],
) if {
	some r in records
	r.value == "absent"
} else := sprintf(
	"%s reserves %s concurrent executions, above the ceiling of %d",
	[resource, findings.join({r.value | some r in records}), _ceiling],
)

# METADATA
# title: deny
# description: One result per function that reserves no concurrency or more than the ceiling.
deny contains result if {
	some resource, records in _by_resource
	result := findings.result(_id, model.format, resource, findings.functions_of(records), _problem(resource, records))
}
