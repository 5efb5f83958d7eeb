# METADATA
# title: FG_01_03 a function is triggered by a publicly writable source
# description: |
#   A trigger (event_sources record) of functions of the document whose source the document declares
#   and lets anyone write to (lib/public_write, FG_09_02's decision), reported where the trigger is
#   written.
package faasguard.rules.fg_01_03

import data.faasguard.lib.findings
import data.faasguard.lib.public_write
import data.faasguard.model

_id := "FG_01_03"

_writable := public_write.writable_targets(model.source_policies)

_by_resource[e.resource] contains e if {
	some e in model.event_sources
	_writable[e.source]
}

# METADATA
# title: deny
# description: One result per place a trigger from a publicly writable source is written.
deny contains result if {
	some resource, records in _by_resource
	sources := findings.join({_source(e) | some e in records})
	problem := sprintf(
		"the trigger %s invokes functions from %s, which anyone can write to: an untrusted event injection path",
		[resource, sources],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

_source(e) := sprintf("%s source %s (public write allowed by %s)", [e.kind, e.source, policies]) if {
	policies := findings.join({s.resource | some s in _writable[e.source]})
}
