# METADATA
# title: FG_06_07 runtime deprecated within the warning window
# description: |
#   A function whose effective runtime is known and will be deprecated after the scan's date and at most
#   `runtime_warning_days` days after it (data.faasguard.config, default 180; the dates from the
#   generated runtime table through lib/metadata).
package faasguard.rules.fg_06_07

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.lib.metadata
import data.faasguard.model

_id := "FG_06_07"

_day_ns := ((24 * 60) * 60) * 1000000000

# the last day of the window, YYYY-MM-DD (dates compare as strings)
_horizon := sprintf("%04d-%02d-%02d", time.date(_today_ns + (config.runtime_warning_days * _day_ns)))

_today_ns := time.parse_ns("2006-01-02", config.today)

_soon := model.decided({r |
	some r in model.runtimes
	deprecated := metadata.runtimes[r.value].deprecated
	config.today < deprecated
	deprecated <= _horizon
})

_text(r) := sprintf("%q (deprecated on %s)", [r.value, metadata.runtimes[r.value].deprecated])

_by_resource[r.resource] contains r if some r in _soon

# METADATA
# title: deny
# description: One result per resource setting a runtime deprecated within the warning window.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s sets the runtime %s, deprecated within %d days",
		[resource, findings.join({_text(r) | some r in records}), config.runtime_warning_days],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
