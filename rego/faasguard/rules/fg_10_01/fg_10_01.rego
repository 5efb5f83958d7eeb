# METADATA
# title: FG_10_01 debugging switched on in a deployed environment variable
# description: |
#   An environment variable the `debug_variables` setting names, set to a value it lists (NAME=value,
#   compared case-insensitively; NAME=* for any value). Reported where the variable is written.
package faasguard.rules.fg_10_01

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_10_01"

# upper-cased variable name → the lower-cased values that switch debugging on (`*`: any value)
_switches[upper(trim_space(substring(entry, 0, i)))] contains lower(trim_space(substring(entry, i + 1, -1))) if {
	some entry in config.setting("debug_variables")
	i := indexof(entry, "=")
	i > 0
}

_switched_on(r) if "*" in _switches[upper(r.name)]

_switched_on(r) if lower(trim_space(r.value)) in _switches[upper(r.name)]

_debug := model.decided({r | some r in model.environment; _switched_on(r)})

_by_resource[r.resource] contains r if some r in _debug

# METADATA
# title: deny
# description: One result per resource where a debug switch is written.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"debugging switched on in the deployed environment: %s; remove it or set it per stage, off in deployed stages",
		[concat(", ", sort({sprintf("%s=%s", [r.name, r.value]) | some r in records}))],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
