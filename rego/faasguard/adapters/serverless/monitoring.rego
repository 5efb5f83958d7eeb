# Serverless Framework adapter, monitoring records (docs/model.md, "Monitoring settings"; the twin of
# src/faasguard/model/serverless_monitoring.py): serverless-step-functions state machines on `provider`
# (settings `stateMachines.<m>.tracing` / `.log_level`), serverless-plugin-aws-alerts alarms
# (`custom.alerts.alarms` on `provider`, `functions.<f>.alarms` on `<f>`), and the records of
# `resources.Resources` read as in a template (lib/monitoring). Uses `_doc`, `_functions` of
# serverless.rego and `_sls_members` of exposure.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.monitoring
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis

monitoring_settings contains r if {
	machines := sls.resolve(_doc, object.get(_doc, ["stepFunctions", "stateMachines"], null))
	apis.is_map(machines)
	some key, raw in machines
	machine := sls.resolve(_doc, raw)
	apis.is_map(machine)
	some setting, spec in _monitoring_machine_settings
	written := _monitoring_written(machine, spec.block, spec.attribute)
	members := _sls_members(written, spec.unset, spec.known)
	some r in monitoring.records("provider", "state_machine", sprintf("stateMachines.%s.%s", [key, setting]), members)
}

monitoring_settings contains r if {
	some entry in _monitoring_listed(object.get(_monitoring_alerts, "alarms", null))
	some r in monitoring.alarm_records("provider", _monitoring_alarm_metric(entry), object.keys(_functions))
}

monitoring_settings contains r if {
	some key, function in _functions
	some entry in _monitoring_listed(object.get(function, "alarms", null))
	some r in monitoring.alarm_records(key, _monitoring_alarm_metric(entry), {key})
}

# an alerts block or alarm list only deployment settles: any metric, for the functions it would cover
monitoring_settings contains r if {
	some written in [object.get(_doc, ["custom", "alerts"], null), object.get(_monitoring_alerts, "alarms", null)]
	_monitoring_value(written) == _monitoring_unknown
	some r in monitoring.alarm_records("provider", monitoring.any_metric, object.keys(_functions))
}

monitoring_settings contains r if {
	some key, function in _functions
	_monitoring_value(object.get(function, "alarms", null)) == _monitoring_unknown
	some r in monitoring.alarm_records(key, monitoring.any_metric, {key})
}

monitoring_settings contains r if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
	host := {"functions": {_lambda_logical_id(key): key | some key, _ in _functions}, "attached": []}
	names := {[name, key] |
		some key, function in _functions
		name := sls.resolve(_doc, object.get(function, "name", null))
		is_string(name)
	}
	some r in monitoring.resource_views(resources, host, names, object.keys(_functions))
}

_monitoring_machine_settings := {
	"tracing": {"block": "tracingConfig", "attribute": "enabled", "unset": "false", "known": "flag"},
	"log_level": {"block": "loggingConfig", "attribute": "level", "unset": "OFF", "known": "upper"},
}

# the setting as written: unset (null), the block's attribute, or the whole block when it does not resolve
_monitoring_written(machine, block, attribute) := object.get(settings, attribute, null) if {
	settings := sls.resolve(_doc, object.get(machine, block, null))
	apis.is_map(settings)
} else := null if {
	sls.resolve(_doc, object.get(machine, block, null)) == null
} else := object.get(machine, block, null)

# --- serverless-plugin-aws-alerts ------------------------------------------------------------------

# the metrics of the plugin's own definitions (src/defaults/definitions.js)
_monitoring_built_in := {
	"functionErrors": "Errors", "functionThrottles": "Throttles",
	"functionInvocations": "Invocations", "functionDuration": "Duration",
}

_monitoring_unknown := {"faasguard:unknown": true}

# a value with its variables resolved, or _monitoring_unknown
_monitoring_value(written) := v if {
	v := sls.resolve(_doc, written)
} else := _monitoring_unknown

default _monitoring_alerts := {}

_monitoring_alerts := alerts if {
	alerts := _monitoring_value(object.get(_doc, ["custom", "alerts"], null))
	apis.is_map(alerts)
}

default _monitoring_definitions := {}

_monitoring_definitions := definitions if {
	definitions := _monitoring_value(object.get(_monitoring_alerts, "definitions", null))
	apis.is_map(definitions)
}

_monitoring_listed(written) := list if {
	list := sls.resolve(_doc, written)
	is_array(list)
} else := []

# the metric an alarm entry watches (monitoring.any_metric when unknown); undefined for a name the plugin
# does not define or another namespace than AWS/Lambda
_monitoring_alarm_metric(entry) := metric if {
	spec := _monitoring_alarm(_monitoring_value(entry))
	spec.namespace in {monitoring.lambda_namespace, _monitoring_unknown}
	metric := _monitoring_metric_text(spec.metric)
}

_monitoring_metric_text(metric) := metric if is_string(metric)

_monitoring_metric_text(metric) := monitoring.any_metric if metric == _monitoring_unknown

# (namespace, metric) of an entry: a definition name, or a map whose `name` names the definition it overrides
_monitoring_alarm(entry) := {"namespace": _monitoring_unknown, "metric": _monitoring_unknown} if {
	not _monitoring_entry(entry)
}

_monitoring_alarm(entry) := _monitoring_definition({}, entry) if is_string(entry)

_monitoring_alarm(entry) := _monitoring_definition(entry, _monitoring_value(object.get(entry, "name", null))) if {
	apis.is_map(entry)
	entry != _monitoring_unknown
}

_monitoring_entry(entry) if is_string(entry)

_monitoring_entry(entry) if {
	apis.is_map(entry)
	entry != _monitoring_unknown
}

_monitoring_definition(own, name) := {
	"namespace": _monitoring_value(_monitoring_key(own, defined, "namespace", monitoring.lambda_namespace)),
	"metric": _monitoring_value(_monitoring_key(own, defined, "metric", _monitoring_built_in_metric(name))),
} if {
	defined := _monitoring_defined(name)
}

# an entry's own key, else its definition's, else the plugin's default
_monitoring_key(own, defined, key, fallback) := object.get(own, key, object.get(defined, key, fallback))

_monitoring_defined(name) := defined if {
	is_string(name)
	defined := _monitoring_value(object.get(_monitoring_definitions, name, null))
	apis.is_map(defined)
} else := {}

_monitoring_built_in_metric(name) := object.get(_monitoring_built_in, name, null) if is_string(name)

else := null
