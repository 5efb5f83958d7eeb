# METADATA
# title: FG_11_05 function versions pile up
# description: |
#   A function_settings `old_versions` record whose value lets versions pile up (retained, or Terraform's
#   unaliased) in every alternative.
package faasguard.rules.fg_11_05

import data.faasguard.lib.findings
import data.faasguard.lib.lifecycle
import data.faasguard.model

_id := "FG_11_05"

_sprawl := {
	"retained": "keeps the versions it publishes when they are replaced (nothing deletes or prunes them)",
	"unaliased": "publishes a version on every change and no alias points at the function",
}

_sprawling := model.decided({s |
	some s in model.function_settings
	s.setting == lifecycle.old_versions
	s.value in lifecycle.sprawling
})

_by_resource[s.resource] contains s if some s in _sprawling

# METADATA
# title: deny
# description: One result per resource whose versions pile up.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s %s: old versions pile up", [resource, concat("; ", {_sprawl[r.value] | some r in records})])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
