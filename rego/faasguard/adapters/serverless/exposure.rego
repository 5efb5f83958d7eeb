# Serverless Framework adapter, exposure records (the package's METADATA is in serverless.rego), on
# `provider` (docs/model.md, "API exposure"): data_trace of provider.logs.restApi / websocket
# (fullExecutionData defaults to true once logging is on), default_endpoint (provider.apiGateway /
# provider.httpApi disableDefaultEndpoint), custom_domain (serverless-domain-manager's customDomain /
# customDomains), provider.apiGateway.resourcePolicy in source_policies (target ApiGatewayRestApi), and
# the records of `resources.Resources` read as in a template (lib/cloudformation_exposure). The twin of
# src/faasguard/model/serverless_exposure.py. Uses `_doc` and `_functions` of serverless.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.cloudformation_triggers as cfn_triggers
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

api_settings contains r if {
	some key in _api_event_keys
	spec := _exposure_apis[key]
	spec.settings != ""
	written := object.get(_doc, ["provider", spec.settings, "disableDefaultEndpoint"], null)
	some r in exposure.records("provider", spec.kind, "default_endpoint", _sls_members(written, "enabled", "endpoint"))
}

api_settings contains r if {
	some key in _api_event_keys
	spec := _exposure_apis[key]
	spec.logs != ""
	logs := sls.resolve(_doc, object.get(_doc, ["provider", "logs", spec.logs], null))
	not logs in {null, false}
	full := _full_execution_data(logs)
	some r in exposure.records("provider", "stage", "data_trace", _sls_members(full, "true", "flag"))
}

api_settings contains exposure.domain("provider", kind, name) if {
	some config in _domain_configs
	api_type := sls.resolve(_doc, object.get(config, "apiType", "rest"))
	is_string(api_type)
	kind := _domain_kinds[lower(api_type)]
	name := _domain_name(config)
}

api_settings contains r if some r in _embedded_exposure.api_settings

source_policies contains r if {
	"http" in _api_event_keys
	listed := sls.resolve(_doc, object.get(_doc, ["provider", "apiGateway", "resourcePolicy"], null))
	is_array(listed)
	statements := [s | some raw in listed; s := _resolved_statement(raw)]
	document := {"Statement": statements}
	some r in cfn_triggers.policy_records({"Resources": {}}, "provider", "ApiGatewayRestApi", document)
}

source_policies contains r if some r in _embedded_exposure.source_policies

# event key → the API's kind, the provider key of its settings, the provider.logs key ("" for none)
_exposure_apis := {
	"http": {"kind": "rest_api", "settings": "apiGateway", "logs": "restApi"},
	"httpApi": {"kind": "http_api", "settings": "httpApi", "logs": ""},
	"websocket": {"kind": "websocket_api", "settings": "", "logs": "websocket"},
}

_domain_kinds := {"rest": "rest_api", "http": "http_api", "websocket": "websocket_api"}

# the API event keys the functions use (an API exists only when some function has its events)
_api_event_keys contains key if {
	some fn in _functions
	list := apis.setting(_doc, fn, "events")
	is_array(list)
	some raw in list
	entry := apis.value(_doc, raw)
	apis.is_map(entry)
	some key, _ in _exposure_apis
	object.get(entry, key, null) != null
}

# the alternatives of a value as written, as lib/cloudformation_exposure `members` gives them
_sls_members(written, unset, known) := {{"value": unset}} if sls.resolve(_doc, written) == null

else := {{"value": text}} if {
	text := exposure.text_of(known, sls.resolve(_doc, written))
} else := {{"unknown": true}}

_full_execution_data(logs) := object.get(logs, "fullExecutionData", null) if apis.is_map(logs)

else := null

_domain_name(config) := name if {
	name := sls.resolve(_doc, object.get(config, "domainName", null))
	is_string(name)
} else := "customDomain"

_custom := sls.resolve(_doc, object.get(_doc, "custom", null))

_domain_configs contains config if {
	config := sls.resolve(_doc, object.get(_custom, "customDomain", null))
	apis.is_map(config)
}

_domain_configs contains object.union(config, {"apiType": key}) if {
	some entry in _domain_entries
	some key, written in entry
	_domain_kinds[key]
	config := sls.resolve(_doc, written)
	apis.is_map(config)
}

_domain_configs contains entry if {
	some entry in _domain_entries
	count({key | some key, _ in entry; _domain_kinds[key]}) == 0
}

_domain_entries contains entry if {
	listed := sls.resolve(_doc, object.get(_custom, "customDomains", null))
	is_array(listed)
	some raw in listed
	entry := sls.resolve(_doc, raw)
	apis.is_map(entry)
}

# a statement with its variables resolved (an Action list entry by entry; unknown values left out)
_resolved_statement(raw) := object.union(resolved, {"Action": actions}) if {
	resolved := _resolved_fields(raw)
	is_array(resolved.Action)
	actions := [a | some w in resolved.Action; a := sls.resolve(_doc, w)]
} else := _resolved_fields(raw)

_resolved_fields(raw) := {key: value | some key, written in statement; value := sls.resolve(_doc, written)} if {
	statement := sls.resolve(_doc, raw)
	apis.is_map(statement)
}

_embedded_exposure := exposure.resource_views(resources) if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}
