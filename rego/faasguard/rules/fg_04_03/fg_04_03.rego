# METADATA
# title: FG_04_03 a function's role allows data access on every resource
# description: |
#   An Allow statement of a function role that grants a data-plane action (Read/Write, restrictable
#   to a resource) on an unscoped resource (docs/semantics.md).
package faasguard.rules.fg_04_03

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_04_03"

# resource → its unscoped Allow statements that grant data-plane actions
_by_resource[s.resource] contains s if {
	some s in model.policy_statements
	iam.is_allow(s)
	iam.grants_unscoped(s)
	count(iam.data_plane_actions(s)) > 0
}

# METADATA
# title: deny
# description: One result per resource carrying such a statement.
deny contains result if {
	some resource, records in _by_resource
	actions := {action | some s in records; some action in iam.data_plane_actions(s)}
	problem := sprintf("%s grants data access on every resource (Resource * or a wildcard ARN) through %s", [
		resource,
		findings.join(actions),
	])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
