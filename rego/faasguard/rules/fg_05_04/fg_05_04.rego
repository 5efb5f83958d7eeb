# METADATA
# title: FG_05_04 REST API stage without execution logging, detailed metrics or tracing
# description: |
#   A REST API stage whose execution logging is not ERROR or INFO (unset is OFF), whose detailed
#   metrics are off or whose X-Ray tracing is off (both off when unset); one result per stage naming
#   what is missing.
package faasguard.rules.fg_05_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_04"

_gaps := model.decided({s |
	some s in model.api_settings
	s.kind == "stage"
	_misses(s.setting, s.value)
})

_misses("execution_logging", value) if not value in {"ERROR", "INFO"}

_misses("metrics", value) if value != "true"

_misses("tracing", value) if value != "true"

_text("execution_logging", value) := sprintf("execution logging %s", [value])

_text("metrics", _) := "detailed metrics off"

_text("tracing", _) := "X-Ray tracing off"

# resource → its offending records
_by_resource[s.resource] contains s if some s in _gaps

# SAM's implicit API is reported on the function whose events create it
_stage_name(resource, records) := sprintf("the implicit REST API of %s", [resource]) if {
	findings.functions_of(records) == [resource]
} else := sprintf("REST API stage %s", [resource])

# METADATA
# title: deny
# description: One result per REST stage (the function, for SAM's implicit API; provider, for Serverless).
deny contains result if {
	some resource, records in _by_resource
	texts := {_text(s.setting, s.value) | some s in records}
	problem := sprintf("%s: %s", [_stage_name(resource, records), findings.join(texts)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
