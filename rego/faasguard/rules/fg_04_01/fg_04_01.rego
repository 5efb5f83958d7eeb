# METADATA
# title: FG_04_01 a function's role grants every action
# description: |
#   A policy statement (or AWS managed policy) of a role a function uses that allows every action:
#   Allow with Action `*` / `*:*` or with a NotAction, or AdministratorAccess / PowerUserAccess.
package faasguard.rules.fg_04_01

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_04_01"

_grants contains r if {
	some r in model.policy_statements
	iam.is_admin(r)
}

_grants contains r if {
	some r in model.decided({m | some m in model.managed_policies; iam.is_admin_managed_policy(m.policy)})
}

_text(r) := sprintf("the AWS managed policy %s", [r.policy]) if r.policy

_text(r) := sprintf("a statement allowing Action %s", [concat(", ", _wildcards(r.actions))]) if {
	count(_wildcards(r.actions)) > 0
}

_text(r) := sprintf("a statement allowing every action except NotAction %s", [concat(", ", r.not_actions)]) if {
	count(_wildcards(r.actions)) == 0
	count(r.not_actions) > 0
}

_wildcards(actions) := [a | some a in actions; a in {"*", "*:*"}]

# resource → its offending records
_by_resource[r.resource] contains r if some r in _grants

# METADATA
# title: deny
# description: One result per resource that carries an admin grant.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s grants every action through %s", [resource, findings.join({_text(r) | some r in records})])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
