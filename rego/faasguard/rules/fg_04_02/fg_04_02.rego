# METADATA
# title: FG_04_02 a function's role allows every action of a service
# description: An Allow statement of a function role with an action `<service>:*` (docs/semantics.md).
package faasguard.rules.fg_04_02

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_04_02"

# resource → its Allow statements with a service-wide wildcard
_by_resource[s.resource] contains s if {
	some s in model.policy_statements
	iam.is_allow(s)
	count(iam.service_wildcards(s.actions)) > 0
}

# METADATA
# title: deny
# description: One result per resource carrying a statement with a service-wide wildcard.
deny contains result if {
	some resource, records in _by_resource
	actions := {action | some s in records; some action in iam.service_wildcards(s.actions)}
	problem := sprintf("%s grants every action of a service through %s", [resource, findings.join(actions)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
