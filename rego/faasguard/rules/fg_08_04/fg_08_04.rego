# METADATA
# title: FG_08_04 API stage without its own throttling limits
# description: |
#   An API stage (api_settings of kind rest_stage, http_stage or websocket_stage) whose burst or rate
#   limit is written nowhere (absent) or, wherever it is written, above the ceiling of the settings
#   api_throttle_max_burst / api_throttle_max_rate; one result per stage naming the limits missing.
package faasguard.rules.fg_08_04

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_08_04"

# stage kind → how a result names the stage
_stage_kinds := {"rest_stage": "REST API", "http_stage": "HTTP API", "websocket_stage": "WebSocket API"}

# limit setting → the setting of its ceiling, how a result names it
_limits := {
	"throttle_burst": {"ceiling": "api_throttle_max_burst", "name": "burst limit"},
	"throttle_rate": {"ceiling": "api_throttle_max_rate", "name": "rate limit"},
}

_records contains s if {
	some s in model.api_settings
	_stage_kinds[s.kind]
	_limits[s.setting]
}

_over(s) if s.value == "absent"

_over(s) if to_number(s.value) > config.setting(_limits[s.setting].ceiling)

_violating := model.decided({s | some s in _records; _over(s)})

# [stage, kind, limit] → the records of every place writing the limit
_groups[[s.resource, s.kind, s.setting]] contains s if some s in _records

# stage → [kind, limit, records] of the limits every place of which violates
_gaps[resource] contains [kind, setting, records] if {
	some [resource, kind, setting], records in _groups
	every r in records {
		r in _violating
	}
}

_text(setting, records) := sprintf("no %s", [_limits[setting].name]) if {
	{r.value | some r in records} == {"absent"}
} else := sprintf("%s %s above %d", [
	_limits[setting].name,
	concat(" / ", sort({r.value | some r in records; r.value != "absent"})),
	config.setting(_limits[setting].ceiling),
])

# SAM's implicit API is reported on the function whose events create it
_stage_name(resource, kind, records) := sprintf("the implicit %s of %s", [_stage_kinds[kind], resource]) if {
	findings.functions_of(records) == [resource]
} else := sprintf("%s stage %s", [_stage_kinds[kind], resource])

_stage_text(resource, kind, gaps) := sprintf("%s: %s", [
	_stage_name(resource, kind, {r | some [k, _, group] in gaps; k == kind; some r in group}),
	findings.join({_text(setting, group) | some [k, setting, group] in gaps; k == kind}),
])

# METADATA
# title: deny
# description: |
#   One result per resource carrying stages (the function, for SAM's implicit APIs; provider, for
#   Serverless).
deny contains result if {
	some resource, gaps in _gaps
	records := {r | some [_, _, group] in gaps; some r in group}
	problem := concat("; ", sort({_stage_text(resource, kind, gaps) | some [kind, _, _] in gaps}))
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
