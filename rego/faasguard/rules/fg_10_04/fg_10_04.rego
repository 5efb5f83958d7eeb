# METADATA
# title: FG_10_04 REST API stage logging execution at INFO
# description: |
#   A REST API stage whose execution logging level (api_settings of kind stage, setting
#   execution_logging) is INFO: INFO-level execution logs record request details and full error messages.
package faasguard.rules.fg_10_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_10_04"

_verbose := model.decided({s |
	some s in model.api_settings
	s.kind == "stage"
	s.setting == "execution_logging"
	s.value == "INFO"
})

_by_resource[s.resource] contains s if some s in _verbose

# SAM's implicit API is reported on the function whose events create it
_stage_name(resource, records) := sprintf("the implicit REST API of %s", [resource]) if {
	findings.functions_of(records) == [resource]
} else := sprintf("REST API stage %s", [resource])

# METADATA
# title: deny
# description: One result per REST stage (the function, for SAM's implicit API; provider, for Serverless).
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s logs execution at INFO", [_stage_name(resource, records)])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
