# METADATA
# title: FG_05_03 API stage without access logging
# description: |
#   A REST, HTTP or WebSocket API stage (Serverless: the provider's logs for an API the service has)
#   with no access log destination.
package faasguard.rules.fg_05_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_03"

_missing := model.decided({s |
	some s in model.api_settings
	s.kind == "stage"
	s.setting == "access_log"
	s.value == "absent"
})

# resource → its offending records
_by_resource[s.resource] contains s if some s in _missing

# SAM's implicit APIs are reported on the function whose events create them
_stage_name(resource, records) := sprintf("the implicit API of %s", [resource]) if {
	findings.functions_of(records) == [resource]
} else := sprintf("API stage %s", [resource])

# METADATA
# title: deny
# description: One result per stage (the function, for SAM's implicit APIs; provider, for Serverless).
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s writes no access logs", [_stage_name(resource, records)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
