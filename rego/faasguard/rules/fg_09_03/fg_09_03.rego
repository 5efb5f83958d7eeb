# METADATA
# title: FG_09_03 a function's role may invoke every Lambda function
# description: |
#   An Allow statement of a function role that grants lambda:InvokeFunction or lambda:InvokeAsync on an
#   unscoped resource, or an AWS managed policy that grants it on every function (docs/semantics.md).
package faasguard.rules.fg_09_03

import data.faasguard.lib.findings
import data.faasguard.lib.least_privilege as lp
import data.faasguard.model

_id := "FG_09_03"

_statements[s.resource] contains s if {
	some s in model.policy_statements
	count(lp.unscoped_grants(s, lp.invokes)) > 0
}

_managed := model.decided({m |
	some m in model.managed_policies
	some action in lp.invokes
	lp.managed_grants(m.policy, action)
})

_by_resource[r.resource] contains r if some r in _managed

_by_resource[resource] contains s if {
	some resource, records in _statements
	some s in records
}

# METADATA
# title: deny
# description: One result per resource carrying such a statement or attaching such a policy.
deny contains result if {
	some resource, records in _by_resource
	grants := {action |
		some s in object.get(_statements, resource, set())
		some action in lp.unscoped_grants(s, lp.invokes)
	}
	policies := {m.policy | some m in records; m in _managed}
	problem := sprintf("%s lets the function invoke every Lambda function through %s", [
		resource,
		findings.join(grants | policies),
	])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
