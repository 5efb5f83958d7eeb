# METADATA
# title: FG_09_02 a resource that triggers functions is publicly writable
# description: |
#   A statement of a bucket, topic, queue, event bus or stream policy (or a public-read-write ACL)
#   that allows a public principal, without a source condition, an action that writes to it.
package faasguard.rules.fg_09_02

import data.faasguard.lib.findings
import data.faasguard.lib.public_write
import data.faasguard.model

_id := "FG_09_02"

_by_resource[s.resource] contains s if {
	some s in model.source_policies
	public_write.is_public_write(s)
}

# source -> the functions it triggers, built once (not once per offending policy)
_triggered[e.source] contains f if {
	some e in model.event_sources
	e.source != ""
	some f in e.functions
}

_functions(targets) := sort({f | some t in targets; some f in object.get(_triggered, t, set())})

# METADATA
# title: deny
# description: One result per policy resource that lets anyone write to its target.
deny contains result if {
	some resource, records in _by_resource
	targets := {s.target | some s in records}
	named := findings.join({_named(t) | some t in targets})
	problem := sprintf("%s lets anyone write to %s (a public Allow without a source condition)", [resource, named])
	result := findings.result(_id, model.format, resource, _functions(targets), problem)
}

_named("") := "a resource declared elsewhere"

_named(target) := target if target != ""
