# METADATA
# title: FG_04_04 a function's role has a broad AWS managed policy
# description: A managed policy the bundle's dated list calls broad, attached to a function role.
package faasguard.rules.fg_04_04

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_04_04"

_broad := model.decided({m | some m in model.managed_policies; iam.broad_managed_policy(m.policy)})

_by_resource[m.resource] contains m if some m in _broad

# METADATA
# title: deny
# description: One result per resource attaching a broad managed policy.
deny contains result if {
	some resource, records in _by_resource
	names := {iam.broad_managed_policy(m.policy) | some m in records}
	problem := sprintf("%s attaches the broad AWS managed policy %s", [resource, findings.join(names)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
