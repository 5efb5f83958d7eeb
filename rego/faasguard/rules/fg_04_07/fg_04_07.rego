# METADATA
# title: FG_04_07 a function's role has no permissions boundary
# description: A function role without a permissions boundary (docs/semantics.md).
package faasguard.rules.fg_04_07

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_04_07"

# METADATA
# title: deny
# description: One result per function role without a boundary.
deny contains result if {
	some role in model.roles
	not role.permissions_boundary
	problem := sprintf("%s has no permissions boundary", [role.resource])
	result := findings.result(_id, model.format, role.resource, role.functions, problem)
}
