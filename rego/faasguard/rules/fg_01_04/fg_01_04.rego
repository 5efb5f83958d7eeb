# METADATA
# title: FG_01_04 an API custom domain accepts TLS 1.0, or an OpenAPI definition lists plain http
# description: |
#   A custom domain whose security policy is TLS_1_0 (api_settings `tls_policy`), or a REST API definition
#   whose Swagger 2 `schemes` list `http` (`openapi_scheme`) (docs/model.md, "Edge settings").
package faasguard.rules.fg_01_04

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_01_04"

_problems := {
	"tls_policy": "its custom domain has security policy TLS_1_0 (clients may use TLS 1.0); set TLS_1_2",
	"openapi_scheme": "its OpenAPI definition lists the plain http scheme; list only https",
}

_weak := model.decided({s |
	some s in model.api_settings
	_weak_setting(s)
})

_weak_setting(s) if {
	s.setting == "tls_policy"
	s.value == "TLS_1_0"
}

_weak_setting(s) if {
	s.setting == "openapi_scheme"
	s.value == "http"
}

_by_resource[s.resource] contains s if some s in _weak

# METADATA
# title: deny
# description: One result per domain (or resource declaring it) and API definition.
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some s in records; some f in s.functions})
	problem := sprintf("%s: %s", [resource, concat("; ", sort({_problems[s.setting] | some s in records}))])
	result := findings.result(_id, model.format, resource, functions, problem)
}
