# Serverless Framework adapter, CORS settings (the package's METADATA is in serverless.rego): the
# `cors_*` settings of api_settings (docs/model.md "CORS settings") as the Framework compiles them:
# `http` events' `cors` (`true` or an object without origins: `*`), `provider.httpApi.cors` and
# `functions.<f>.url.cors` (`true` or an object without `allowedOrigins`: `*`; `null` removes it), and
# the CloudFormation resources of `resources.Resources` (lib/cloudformation_cors). The twin of
# src/faasguard/model/serverless_cors.py. Uses `_doc`, `_provider`, `_functions` (serverless.rego) and
# `_api_events` (apis.rego).
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_cors as cfn_cors
import data.faasguard.lib.cors
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

# METADATA
# title: api_settings
# scope: document
# description: |
#   {resource, kind, setting, value, functions}: the CORS settings of the `http` events (resource the
#   function key), function URLs (the function key) and `provider.httpApi` (provider).
api_settings contains r if {
	some event in _api_events
	event.kind == "http"
	base := _cors_base(event.function, cors.kinds.rest, [event.function])
	found := _rest_cors(base, apis.setting(_doc, event.value, "cors"))
	some r in (found | {_cors_record(base, cors.settings.api, _api_ids.http)})
}

api_settings contains r if {
	some name, fn in _functions
	url := apis.setting(_doc, fn, "url")
	apis.is_map(url)
	some r in _cors_object(_cors_base(name, cors.kinds.url, [name]), apis.setting(_doc, url, "cors"))
}

api_settings contains r if {
	http_api := apis.setting(_doc, _provider, "httpApi")
	apis.is_map(http_api)
	base := _cors_base("provider", cors.kinds.http, [])
	found := _cors_object(base, apis.setting(_doc, http_api, "cors"))
	some r in (found | {_cors_record(base, cors.settings.api, _api_ids.httpApi)})
}

api_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
	some r in cfn_cors.resource_views(resources)
}

_cors_base(resource, kind, functions) := {"resource": resource, "kind": kind, "functions": functions}

_cors_record(base, setting, value) := cors.record(base.resource, base.kind, base.functions, setting, value)

# the records of each known entry of a list (a single value is one entry)
_cors_entries(value) := [apis.value(_doc, e) | some e in value] if is_array(value)

else := [] if value == null

else := [value]

_cors_records(base, setting, entries) := {_cors_record(base, setting, text) |
	some entry in entries
	text := cors.text(entry)
}

# `cors: true`, or {origin, origins, allowCredentials} (no origin at all: `*`); undefined when off
_rest_cors(base, true) := {_cors_record(base, cors.settings.origin, "*")}

_rest_cors(base, value) := origins | _cors_credentials(base, value, "allowCredentials") if {
	apis.is_map(value)
	entries := array.concat(
		_cors_entries(apis.setting(_doc, value, "origins")),
		_cors_entries(apis.setting(_doc, value, "origin")),
	)
	origins := _cors_records(base, cors.settings.origin, _or_any(entries))
}

_or_any([]) := ["*"]

_or_any(entries) := entries if count(entries) > 0

# `cors: true`, or {allowedOrigins (unset: `*`, null: none), allowCredentials, allowedMethods}
_cors_object(base, true) := {_cors_record(base, cors.settings.origin, "*")}

_cors_object(base, value) := (origins | methods) | _cors_credentials(base, value, "allowCredentials") if {
	apis.is_map(value)
	origins := _cors_records(base, cors.settings.origin, _allowed_origins(value))
	methods := {_cors_record(base, cors.settings.method, upper(text)) |
		some entry in _cors_entries(apis.setting(_doc, value, "allowedMethods"))
		text := cors.text(entry)
	}
}

_allowed_origins(value) := _cors_entries(apis.setting(_doc, value, "allowedOrigins")) if {
	"allowedOrigins" in object.keys(value)
} else := ["*"]

_cors_credentials(base, value, key) := _cors_records(base, cors.settings.credentials, [apis.setting(_doc, value, key)])
