# METADATA
# title: FG_02_04 a function's resource policy lets anyone invoke it
# description: |
#   A Lambda permission with principal `*`, no SourceArn / SourceAccount / PrincipalOrgID, that is not
#   a function-URL permission (FG_02_03 judges those).
package faasguard.rules.fg_02_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_04"

_by_resource[p.resource] contains p if {
	some p in model.lambda_permissions
	p.principal == "*"
	not p.constrained
	p.function_url_auth_type == ""
}

# METADATA
# title: deny
# description: One result per open permission.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s lets any AWS account invoke the function", [resource])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
