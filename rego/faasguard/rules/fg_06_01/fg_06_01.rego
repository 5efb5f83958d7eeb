# METADATA
# title: FG_06_01 deprecated Lambda runtime
# description: |
#   A function whose effective runtime is known and has a deprecation date on or before today
#   (data.faasguard.runtimes, read through lib/metadata). Container-image functions have no runtime
#   and pass.
package faasguard.rules.fg_06_01

import data.faasguard.lib.findings
import data.faasguard.lib.metadata
import data.faasguard.model

_id := "FG_06_01"

# today as YYYY-MM-DD (UTC), compared with the deprecation dates as strings
_today := sprintf("%04d-%02d-%02d", time.date(time.now_ns()))

_deprecated contains r if {
	some r in model.runtimes
	metadata.runtimes[r.value].deprecated <= _today
}

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
