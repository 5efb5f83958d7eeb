# METADATA
# title: FG_01_01 REST API methods validate their input
# description: |
#   A REST method whose body (POST, PUT, PATCH, ANY) no request validator with body validation and
#   request model checks, or whose required parameters no validator with parameter validation checks.
package faasguard.rules.fg_01_01

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_01_01"

# what each request setting says is unvalidated
_gaps := {
	"request_body_validated": "body (needs a request validator with body validation and a request model)",
	"request_parameters_validated": "required parameters (need a request validator with parameter validation)",
}

_unvalidated := model.decided({s |
	some s in model.api_settings
	_gaps[s.setting]
	s.value == "false"
})

_by_resource[s.resource] contains s if some s in _unvalidated

# METADATA
# title: deny
# description: One result per resource carrying the method or event settings.
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some s in records; some f in s.functions})
	gaps := concat("; ", sort({sprintf("%s: %s", [trim_prefix(s.kind, "rest_method "), _gaps[s.setting]]) |
		some s in records
	}))
	problem := sprintf("%s passes unvalidated REST API input: %s", [resource, gaps])
	result := findings.result(_id, model.format, resource, functions, problem)
}
