# METADATA
# title: FG_06_01 deprecated Lambda runtime
# description: |
#   A function whose effective runtime is known and has a deprecation date on or before the scan's
#   date (data.faasguard.runtimes, read through lib/metadata; the date from lib/config).
#   Container-image functions have no runtime and pass.
package faasguard.rules.fg_06_01

import data.faasguard.lib.findings
import data.faasguard.lib.lifecycle
import data.faasguard.lib.metadata
import data.faasguard.model

_id := "FG_06_01"

# deprecated by the scan's date (lib/lifecycle, shared with FG_11_01)
_deprecated := model.decided(lifecycle.deprecated_runtimes(model.runtimes))

_text(r) := sprintf("%q (deprecated on %s)", [r.value, metadata.runtimes[r.value].deprecated])

# resource → its offending records
_by_resource[r.resource] contains r if some r in _deprecated

# METADATA
# title: deny
# description: One result per resource setting a deprecated runtime.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s sets the deprecated runtime %s", [resource, findings.join({_text(r) | some r in records})])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
