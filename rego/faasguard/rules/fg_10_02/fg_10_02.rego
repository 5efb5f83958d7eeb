# METADATA
# title: FG_10_02 Lambda log level DEBUG or TRACE
# description: |
#   A function_settings `application_log_level` or `system_log_level` record of DEBUG or TRACE on a
#   function whose log format is JSON in every alternative (Text logs have no levels).
package faasguard.rules.fg_10_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_10_02"

_settings(setting) := {r | some r in model.function_settings; r.kind == "function"; r.setting == setting}

_json contains f if {
	some r in model.decided({r | some r in _settings("log_format"); r.value == "JSON"})
	some f in r.functions
}

_verbose := model.decided({r |
	some setting in ["application_log_level", "system_log_level"]
	some r in _settings(setting)
	r.value in {"DEBUG", "TRACE"}
	some f in r.functions
	f in _json
})

_by_resource[r.resource] contains r if some r in _verbose

# METADATA
# title: deny
# description: One result per resource where a debug log level is set.
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some f in findings.functions_of(records); f in _json})
	problem := sprintf(
		"%s logs at %s: debug output reaches CloudWatch; use INFO or above in deployed stages",
		[resource, concat(", ", sort({sprintf("%s %s", [r.setting, r.value]) | some r in records}))],
	)
	result := findings.result(_id, model.format, resource, functions, problem)
}
