# METADATA
# title: FG_01_02 a public REST API stage has no WAF web ACL
# description: |
#   A REST API stage whose API is EDGE or REGIONAL (EDGE when unset) and that no WAFv2 association of the
#   document names (api_settings `endpoint_type` and `waf`, docs/model.md "Edge settings").
package faasguard.rules.fg_01_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_01_02"

_public contains s.resource if {
	some s in model.decided({s |
		some s in model.api_settings
		s.setting == "endpoint_type"
		s.value in {"EDGE", "REGIONAL"}
	})
}

_unprotected := model.decided({s |
	some s in model.api_settings
	s.setting == "waf"
	s.value == "absent"
})

_by_resource[s.resource] contains s if {
	some s in _unprotected
	s.resource in _public
}

# METADATA
# title: deny
# description: One result per stage (or resource creating it).
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some s in records; some f in s.functions})
	problem := sprintf("%s is a public REST API stage with no WAFv2 web ACL associated", [resource])
	result := findings.result(_id, model.format, resource, functions, problem)
}
