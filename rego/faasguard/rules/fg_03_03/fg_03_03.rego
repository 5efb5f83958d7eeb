# METADATA
# title: FG_03_03 wildcard CORS on an authenticated API or function URL, with credentials, or on S3 writes
# description: |
#   An allowed origin `*` (in every alternative) with credentials allowed; on a function URL that
#   requires IAM authentication; on a REST or HTTP API with an operation (not OPTIONS) that requires
#   authorization; or an S3 CORS rule allowing PUT, POST or DELETE from `*` (docs/semantics.md).
package faasguard.rules.fg_03_03

import data.faasguard.lib.cors
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_03_03"

_cors := [s | some s in model.api_settings; startswith(s.setting, "cors_")]

# [resource, kind] of the settings `setting` = `value` in every alternative
_places(setting, value) := {[s.resource, s.kind] |
	some s in model.decided({s | some s in _cors; s.setting == setting; s.value == value})
}

_wildcard := _places(cors.settings.origin, "*")

_authenticated_apis contains o.api if {
	some o in model.decided({o | some o in model.api_operations; o.method != "OPTIONS"; o.authorization != "NONE"})
	o.api != ""
}

_iam_urls contains u.resource if {
	some u in model.decided({u | some u in model.function_urls; u.auth_type == "AWS_IAM"})
}

_problems[resource] contains "allows any origin (`*`) with credentials" if {
	some [resource, kind] in (_wildcard & _places(cors.settings.credentials, "true"))
}

_problems[resource] contains "allows any origin (`*`) on a function URL that requires IAM authentication" if {
	some [resource, kind] in _wildcard
	kind == cors.kinds.url
	resource in _iam_urls
}

_problems[resource] contains sprintf(
	"allows any origin (`*`) on API %s, whose operations require authorization",
	[api],
) if {
	some [resource, kind] in _wildcard
	some s in _cors
	[s.resource, s.kind, s.setting] == [resource, kind, cors.settings.api]
	api := s.value
	api in _authenticated_apis
}

_problems[resource] contains "lets any origin (`*`) PUT, POST or DELETE objects of the bucket" if {
	some [resource, _] in _places(cors.settings.write_origin, "*")
}

# METADATA
# title: deny
# description: One result per resource carrying an offending CORS setting.
deny contains result if {
	some resource, found in _problems
	problem := sprintf("%s: CORS %s; name the allowed origins", [resource, concat("; ", sort(found))])
	functions := findings.functions_of({s | some s in _cors; s.resource == resource})
	result := findings.result(_id, model.format, resource, functions, problem)
}
