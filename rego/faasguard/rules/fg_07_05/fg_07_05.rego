# METADATA
# title: FG_07_05 request or response payloads are logged
# description: |
#   An API stage or method settings with data trace on (Serverless: logs.restApi / logs.websocket
#   without fullExecutionData false), or a state machine logging execution data at a level other than OFF.
package faasguard.rules.fg_07_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_07_05"

_traced := model.decided({s | some s in model.api_settings; s.setting == "data_trace"; s.value == "true"})

_logged contains s.resource if {
	some s in model.decided({s |
		some s in model.api_settings
		s.setting == "log_level"
		s.value != "OFF"
	})
}

_included := model.decided({s |
	some s in model.api_settings
	s.setting == "include_execution_data"
	s.value == "true"
	s.resource in _logged
})

_problems[s.resource] := "logs full request and response data (data trace)" if some s in _traced

_problems[s.resource] := "logs execution data (inputs and outputs)" if {
	some s in _included
	not s.resource in {t.resource | some t in _traced}
}

# METADATA
# title: deny
# description: One result per stage, method settings, state machine or provider.
deny contains result if {
	some resource, what in _problems
	result := findings.result(_id, model.format, resource, [], sprintf("%s %s", [resource, what]))
}
