# METADATA
# title: FG_05_01 X-Ray active tracing missing
# description: A function whose tracing mode is not Active (absent, PassThrough, Disabled, false).
package faasguard.rules.fg_05_01

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_01"

_untraced := model.decided({r | some r in model.tracing; r.mode != "Active"})

_text("absent") := "it sets no mode"

_text(mode) := sprintf("it sets %q", [mode]) if mode != "absent"

# resource → its offending records
_by_resource[r.resource] contains r if some r in _untraced

# METADATA
# title: deny
# description: One result per resource where the effective tracing mode is set (or should be).
deny contains result if {
	some resource, records in _by_resource
	texts := {_text(r.mode) | some r in records}
	problem := sprintf("%s does not set the tracing mode to Active (%s)", [resource, findings.join(texts)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
