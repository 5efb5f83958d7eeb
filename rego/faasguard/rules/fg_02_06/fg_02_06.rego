# METADATA
# title: FG_02_06 an authorizer is not attached, or a JWT authorizer is loose
# description: |
#   An authorizer no method, route or event uses, or a JWT authorizer without both an issuer and an
#   audience (docs/semantics.md).
package faasguard.rules.fg_02_06

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_06"

_problem(a) := sprintf("authorizer %s is declared but no method or route uses it", [a.name]) if not a.attached

_problem(a) := sprintf("JWT authorizer %s does not pin both an issuer and an audience", [a.name]) if {
	a.attached
	a.kind == "JWT"
	not _pinned(a)
}

_pinned(a) if {
	a.jwt_issuer != ""
	count(a.jwt_audiences) > 0
}

_by_resource[a.resource] contains _problem(a) if some a in model.authorizers

# METADATA
# title: deny
# description: One result per resource with a loose authorizer.
deny contains result if {
	some resource, problems in _by_resource
	problem := sprintf("%s: %s", [resource, concat("; ", sort(problems))])
	result := findings.result(_id, model.format, resource, [], problem)
}
