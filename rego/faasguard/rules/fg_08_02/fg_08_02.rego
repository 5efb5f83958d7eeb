# METADATA
# title: FG_08_02 a function's timeout is above the allowed maximum
# description: |
#   A function_settings `timeout_seconds` record above the setting max_timeout_seconds, or, for a record
#   naming a function an API calls (an api_operations record lists it), above max_api_timeout_seconds.
package faasguard.rules.fg_08_02

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.lib.limits
import data.faasguard.model

_id := "FG_08_02"

_maximum := config.setting("max_timeout_seconds")

_api_maximum := min([_maximum, config.setting("max_api_timeout_seconds")])

_fronted contains f if {
	some operation in model.api_operations
	some f in operation.functions
}

_timeouts := limits.of(model.function_settings, "timeout_seconds")

# record → the longest timeout it may set: the API maximum when a function of it is fronted by an API
_allowed[r] := _api_maximum if {
	some r in _timeouts
	_fronted_by_api(r.functions, _fronted)
}

_allowed[r] := _maximum if {
	some r in _timeouts
	not _fronted_by_api(r.functions, _fronted)
}

_fronted_by_api(functions, fronted) if {
	some f in functions
	f in fronted
}

_violating := model.decided({r |
	some r, allowed in _allowed
	limits.number(r) > allowed
})

_by_resource[r.resource] contains r if some r in _violating

_harm := "a slow or hung call keeps billing and holding concurrency that long"

# METADATA
# title: deny
# description: One result per place a timeout above the maximum is set.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s lets a function run %s s, above the %d s allowed: %s",
		[resource, findings.join({r.value | some r in records}), min({_allowed[r] | some r in records}), _harm],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
