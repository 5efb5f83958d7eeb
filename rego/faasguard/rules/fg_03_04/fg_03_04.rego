# METADATA
# title: FG_03_04 the default execute-api endpoint stays enabled beside a custom domain
# description: |
#   An API that a custom domain of the document serves (base path mapping, API mapping, SAM Domain,
#   serverless-domain-manager) whose default execute-api endpoint is not disabled.
package faasguard.rules.fg_03_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_03_04"

_served contains [s.resource, s.kind] if {
	some s in model.api_settings
	s.setting == "custom_domain"
}

_open := model.decided({s |
	some s in model.api_settings
	s.setting == "default_endpoint"
	[s.resource, s.kind] in _served
	s.value == "enabled"
})

_by_resource[s.resource] contains s if some s in _open

# METADATA
# title: deny
# description: One result per resource carrying the setting.
deny contains result if {
	some resource, records in _by_resource
	kinds := findings.join({s.kind | some s in records})
	problem := sprintf(
		"%s is served by a custom domain but its default execute-api endpoint stays enabled (%s)",
		[resource, kinds],
	)
	result := findings.result(_id, model.format, resource, [], problem)
}
