# METADATA
# title: FG_09_04 an API resource policy lets anyone invoke the API
# description: |
#   A statement of a REST API's resource policy that allows `execute-api:Invoke` to everyone with no
#   condition narrowing the callers, unless a public Deny of the same policy with such a condition
#   restricts it.
package faasguard.rules.fg_09_04

import data.faasguard.lib.findings
import data.faasguard.lib.iam
import data.faasguard.model

_id := "FG_09_04"

_apis := {s.resource | some s in model.api_settings; s.setting == "default_endpoint"; s.kind == "rest_api"} | {o.api |
	some o in model.api_operations
	o.kind == "rest"
}

_public contains p if {
	some p in model.source_policies
	p.target in _apis
	p.public
	some action in p.actions
	iam.action_matches(action, "execute-api:Invoke")
}

_restricted contains p.target if {
	some p in _public
	p.effect == "Deny"
	p.constrained
}

_by_resource[p.resource] contains p if {
	some p in _public
	p.effect == "Allow"
	not p.constrained
	not p.target in _restricted
}

# METADATA
# title: deny
# description: One result per resource carrying the policy.
deny contains result if {
	some resource, records in _by_resource
	apis := findings.join({p.target | some p in records})
	problem := sprintf(
		"%s lets anyone invoke %s (Allow to * on execute-api:Invoke with no source condition)",
		[resource, apis],
	)
	result := findings.result(_id, model.format, resource, [], problem)
}
