# METADATA
# title: FG_11_01 function on an obsolete runtime
# description: |
#   The runtimes FG_06_01 finds deprecated by the scan's date (lib/lifecycle), reported as an obsolete
#   function to retire or upgrade. Container-image functions have no runtime and pass.
package faasguard.rules.fg_11_01

import data.faasguard.lib.findings
import data.faasguard.lib.lifecycle
import data.faasguard.lib.metadata
import data.faasguard.model

_id := "FG_11_01"

_obsolete := model.decided(lifecycle.deprecated_runtimes(model.runtimes))

_text(r) := sprintf("%q (deprecated since %s)", [r.value, metadata.runtimes[r.value].deprecated])

_by_resource[r.resource] contains r if some r in _obsolete

# METADATA
# title: deny
# description: One result per resource setting an obsolete runtime.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s runs its functions on the obsolete runtime %s: retire the function if it is no longer used, else upgrade it",
		[resource, findings.join({_text(r) | some r in records})],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
