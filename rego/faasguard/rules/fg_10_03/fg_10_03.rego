# METADATA
# title: FG_10_03 REST API without generic default gateway responses
# description: |
#   A REST API (api_settings of kind rest_api) that declares no DEFAULT_4XX or no DEFAULT_5XX gateway
#   response; one result per API naming the missing types.
package faasguard.rules.fg_10_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_10_03"

# setting → the gateway response type it says the API declares
_responses := {"default_4xx_response": "DEFAULT_4XX", "default_5xx_response": "DEFAULT_5XX"}

_missing := model.decided({s |
	some s in model.api_settings
	s.kind == "rest_api"
	_responses[s.setting]
	s.value == "false"
})

_by_resource[s.resource] contains s if some s in _missing

# SAM's implicit API is reported on the function whose events create it
_api_name(resource, records) := sprintf("the implicit REST API of %s", [resource]) if {
	findings.functions_of(records) == [resource]
} else := sprintf("REST API %s", [resource])

# METADATA
# title: deny
# description: One result per REST API (the function, for SAM's implicit API; provider, for Serverless).
deny contains result if {
	some resource, records in _by_resource
	types := concat(" or ", sort({_responses[s.setting] | some s in records}))
	problem := sprintf("%s defines no %s gateway response", [_api_name(resource, records), types])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
