# METADATA
# title: FG_07_06 a function's role may read every secret, parameter or key
# description: |
#   An Allow statement of a function role that grants secretsmanager:GetSecretValue,
#   ssm:GetParameter(s/ByPath) or kms:Decrypt on an unscoped resource (docs/semantics.md).
package faasguard.rules.fg_07_06

import data.faasguard.lib.findings
import data.faasguard.lib.least_privilege as lp
import data.faasguard.model

_id := "FG_07_06"

_every := "every secret, parameter or key (Resource * or a wildcard ARN)"

# resource → its statements that grant secret reads on an unscoped resource
_by_resource[s.resource] contains s if {
	some s in model.policy_statements
	count(lp.unscoped_grants(s, lp.secret_reads)) > 0
}

# METADATA
# title: deny
# description: One result per resource carrying such a statement.
deny contains result if {
	some resource, records in _by_resource
	actions := {action | some s in records; some action in lp.unscoped_grants(s, lp.secret_reads)}
	problem := sprintf("%s lets the function read %s through %s", [resource, _every, findings.join(actions)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
