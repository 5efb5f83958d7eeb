# METADATA
# title: FG_09_05 an identity pool's role lets client-side users call functions or data directly
# description: |
#   An Allow statement of a role a Cognito identity pool gives its users that grants lambda:InvokeFunction
#   or lambda:InvokeAsync, or a data-plane action on an unscoped resource (docs/semantics.md).
package faasguard.rules.fg_09_05

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.lib.least_privilege as lp
import data.faasguard.model

_id := "FG_09_05"

# invoke actions on any resource; data-plane actions on an unscoped one
_offending(s) := lp.granted(s, lp.invokes) | _unscoped_data(s)

_unscoped_data(s) := iam.data_plane_actions(s) if iam.grants_unscoped(s)

else := set()

_by_resource[s.resource] contains s if {
	some s in model.identity_pool_statements
	count(_offending(s)) > 0
}

# METADATA
# title: deny
# description: One result per resource carrying such a statement.
deny contains result if {
	some resource, records in _by_resource
	actions := {action | some s in records; some action in _offending(s)}
	roles := {role | some s in records; some role in s.roles}
	problem := sprintf("%s lets client-side identities (role %s) %s through %s", [
		resource,
		findings.join(roles),
		"invoke functions or reach data on every resource directly",
		findings.join(actions),
	])
	result := findings.result(_id, model.format, resource, [], problem)
}
