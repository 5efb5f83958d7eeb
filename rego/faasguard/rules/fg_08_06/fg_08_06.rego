# METADATA
# title: FG_08_06 Failures neither bounded nor routed
# description: |
#   A function invoked asynchronously with neither a dead-letter queue nor an on-failure destination; a
#   stream event source mapping without an on-failure destination; a queue that triggers a function
#   without a redrive policy; a Lambda subscription without a redrive policy; a rule target that is a
#   function without a dead-letter queue.
package faasguard.rules.fg_08_06

import data.faasguard.lib.failures
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_08_06"

_invoked_async := failures.async_functions(
	model.event_sources,
	model.lambda_permissions,
	model.function_settings,
)

_unrouted := model.decided({s |
	some s in model.function_settings
	s.kind == "function"
	s.setting == failures.route_setting
	s.value == "absent"
	some f in s.functions
	f in _invoked_async
})

# store record [kind, setting] → what its absence leaves unrouted
_delivery_gaps := {
	failures.deliveries.mapping: "a stream event source mapping without an on-failure destination",
	failures.deliveries.queue: "a queue without a redrive policy",
	failures.deliveries.subscription: "a Lambda subscription without a redrive policy",
	failures.deliveries.target: "a rule target without a dead-letter queue",
}

_undelivered := model.decided({s |
	some s in model.store_settings
	_delivery_gaps[[s.kind, s.setting]]
	s.value == "absent"
})

_problem(s) := "invoked asynchronously with neither a dead-letter queue nor an on-failure destination" if {
	s.setting == failures.route_setting
} else := _delivery_gaps[[s.kind, s.setting]]

# resource → its offending records
_by_resource[s.resource] contains s if some s in (_unrouted | _undelivered)

# METADATA
# title: deny
# description: |
#   One result per resource that should route its failures (the function, mapping, queue, subscription
#   or rule).
deny contains result if {
	some resource, records in _by_resource
	problem := concat("; ", sort({_problem(s) | some s in records}))
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
