# METADATA
# title: FG_04_06 a function's role can escalate privileges
# description: |
#   The Allow statements of one function role together grant a privilege-escalation method, or one
#   grants a permissions-management action (or iam:PassRole / sts:AssumeRole) on an unscoped resource.
package faasguard.rules.fg_04_06

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_04_06"

_allowed contains s if {
	some s in model.policy_statements
	iam.is_allow(s)
}

# role → its Allow statements
_by_role[role] contains s if {
	some s in _allowed
	some role in s.roles
}

# statement → what it contributes to an escalation
_offending[s] contains sprintf("escalation method %s (%s)", [method, concat(", ", actions)]) if {
	some statements in _by_role
	some method in iam.escalation_methods(statements)
	actions := iam.method_actions(method)
	some s in statements
	some action in actions
	iam.grants_action(s, action)
}

_offending[s] contains sprintf("%s on every resource", [action]) if {
	some s in _allowed
	iam.grants_unscoped(s)
	some action in iam.permissions_management_actions(s)
}

_by_resource[s.resource] contains [s, texts] if some s, texts in _offending

# METADATA
# title: deny
# description: One result per resource carrying an offending statement.
deny contains result if {
	some resource, pairs in _by_resource
	texts := {text | some [_, ts] in pairs; some text in ts}
	records := {s | some [s, _] in pairs}
	problem := sprintf("%s lets the function escalate its privileges: %s", [resource, findings.join(texts)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
