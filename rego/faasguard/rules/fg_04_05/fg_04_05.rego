# METADATA
# title: FG_04_05 several functions share one execution role
# description: A function role with permissions used by more than one function (docs/semantics.md).
package faasguard.rules.fg_04_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_04_05"

# roles that some statement or managed policy reaches
_granting contains role if {
	some r in (model.policy_statements | model.managed_policies)
	some role in r.roles
}

# METADATA
# title: deny
# description: One result per shared role.
deny contains result if {
	some role in model.roles
	count(role.functions) > 1
	role.resource in _granting
	problem := sprintf("%s is the execution role of %d functions", [role.resource, count(role.functions)])
	result := findings.result(_id, model.format, role.resource, role.functions, problem)
}
