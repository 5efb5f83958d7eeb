# Serverless Framework adapter, API stage monitoring records (the package's METADATA is in
# serverless.rego): api_settings of kind stage on `provider` (docs/model.md, "API stage monitoring") for
# each API the service has (`_api_event_keys` of exposure.rego): access_log of provider.logs.restApi /
# httpApi / websocket (true or a map; accessLogging defaults to true), and for the REST API
# execution_logging (logs.restApi set: executionLogging defaults to true and level to INFO; unset: OFF),
# metrics (provider.apiGateway.metrics) and tracing (provider.tracing.apiGateway); and the stages of
# `resources.Resources` read as in a template (lib/api_monitoring). The twin of
# src/faasguard/model/serverless_api_monitoring.py. Uses `_doc` of serverless.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.api_monitoring
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

# event key → the provider.logs key of its API's logs
_api_monitoring_logs := {"http": "restApi", "httpApi": "httpApi", "websocket": "websocket"}

api_settings contains r if {
	some key in _api_event_keys
	logs := _api_monitoring_resolved(["provider", "logs", _api_monitoring_logs[key]])
	some r in api_monitoring.records("provider", [], "access_log", _api_monitoring_access(logs))
}

api_settings contains r if {
	"http" in _api_event_keys
	logs := _api_monitoring_resolved(["provider", "logs", "restApi"])
	some r in api_monitoring.records("provider", [], "execution_logging", _api_monitoring_level(logs))
}

api_settings contains r if {
	"http" in _api_event_keys
	some setting, path in _api_monitoring_switches
	some r in api_monitoring.records("provider", [], setting, _sls_members(object.get(_doc, path, null), "false", "flag"))
}

api_settings contains r if some r in _embedded_api_monitoring

# REST stage setting → where the provider turns it on
_api_monitoring_switches := {
	"metrics": ["provider", "apiGateway", "metrics"],
	"tracing": ["provider", "tracing", "apiGateway"],
}

_api_monitoring_resolved(path) := sls.resolve(_doc, object.get(_doc, path, null))

_api_monitoring_unresolved(value) if {
	not value in {null, false, true}
	not apis.is_map(value)
}

# set when logs are on (true, or a map whose accessLogging is not false), else absent
_api_monitoring_access(logs) := {{"unknown": true}} if {
	_api_monitoring_unresolved(logs)
} else := {{"value": "absent"}} if {
	logs in {null, false}
} else := {{"value": "set"}} if {
	logs == true
} else := {_api_monitoring_on(m) | some m in _sls_members(object.get(logs, "accessLogging", null), "true", "flag")}

_api_monitoring_on(m) := {"value": "set"} if m.value == "true"

else := {"value": "absent"} if m.value == "false"

else := m

# OFF without logs.restApi; with it, `level` (default INFO) unless executionLogging is false
_api_monitoring_level(logs) := {{"unknown": true}} if {
	_api_monitoring_unresolved(logs)
} else := {{"value": "OFF"}} if {
	logs in {null, false}
} else := {{"value": "INFO"}} if {
	logs == true
} else := {{"value": "OFF"}} if {
	_sls_members(object.get(logs, "executionLogging", null), "true", "flag") == {{"value": "false"}}
} else := _sls_members(object.get(logs, "level", null), "INFO", "upper") if {
	_sls_members(object.get(logs, "executionLogging", null), "true", "flag") == {{"value": "true"}}
} else := {{"unknown": true}}

_embedded_api_monitoring := api_monitoring.resource_views(resources) if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}
