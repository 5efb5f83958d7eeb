# METADATA
# title: FG_05_07 CloudTrail trail does not log Lambda data events
# description: |
#   A trail the document declares whose event selectors name no AWS::Lambda::Function data resource
#   (monitoring_settings kind trail, lambda_data_events false).
package faasguard.rules.fg_05_07

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_07"

# METADATA
# title: deny
# description: One result per trail.
deny contains result if {
	some s in model.decided({s |
		some s in model.monitoring_settings
		s.kind == "trail"
		s.setting == "lambda_data_events"
		s.value == "false"
	})
	what := sprintf("CloudTrail trail %s does not log Lambda data events (Invoke)", [s.resource])
	result := findings.result(_id, model.format, s.resource, [], what)
}
