# Serverless Framework adapter, failure routing (the package's METADATA is in serverless.rego;
# docs/model.md, "Failure routing"): `async_failure_route` of each function key (`onError`,
# `destinations.onFailure`, or an AWS::Lambda::EventInvokeConfig of `resources.Resources` naming its
# generated function), `async_trigger` of its asynchronous events event_sources does not hold, the
# on-failure settings of its `stream`, `sns` and `eventBridge` events (on the function key), and the
# resources of `resources.Resources` as in a template (lib/failures). The twin of
# src/faasguard/model/serverless_failures.py. Uses `_doc`, `_functions`, `_resources` and
# `_lambda_logical_id` of this package.
package faasguard.adapters.serverless

import data.faasguard.lib.failures
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.storage
import data.faasguard.lib.values

# events the Framework wires for asynchronous invocation that event_sources does not hold
_failure_async_events := {"schedule", "cloudwatchLog", "cloudwatchEvent", "iot"}

# event key → the store record it gives and the path of its setting in the event
_failure_event_settings := {
	"stream": ["mapping", ["destinations", "onFailure"]],
	"sns": ["subscription", ["redrivePolicy"]],
	"eventBridge": ["target", ["deadLetterQueueArn"]],
}

_failure_host := {"functions": {_lambda_logical_id(name): name | some name, _ in _functions}, "attached": []}

default _failure_destinations := {}

_failure_destinations := failures.invoke_destinations(_resources, _failure_host)

function_settings contains r if {
	some name, fn in _functions
	destination := failures.any_set(array.concat(
		object.get(_failure_destinations, name, []),
		[{_failure_presence(fn, ["destinations", "onFailure"])}],
	))
	route := failures.route(destination, {_failure_presence(fn, ["onError"])})
	some r in failures.records("function_settings", name, "function", failures.route_setting, route, [name])
}

function_settings contains storage.setting(name, "function", failures.async_trigger, key, [name]) if {
	some name, fn in _functions
	some [key, _] in _failure_events(fn)
	key in _failure_async_events
}

store_settings contains storage.setting(name, kind, setting, _failure_presence(value, path), [name]) if {
	some name, fn in _functions
	some [key, value] in _failure_events(fn)
	[record, path] := _failure_event_settings[key]
	[kind, setting] := failures.deliveries[record]
}

store_settings contains r if some r in failures.resource_records(_resources, event_sources, _failure_host)

_failure_events(fn) := [[key, value] |
	events := sls.resolve(_doc, fn.events)
	is_array(events)
	some raw in events
	entry := sls.resolve(_doc, raw)
	values.is_map(entry)
	some key, value in entry
]

# set when the setting is written (a variable only deployment settles too), absent otherwise
_failure_presence(v, path) := "absent" if _failure_at(v, path) == null

else := "set"

_failure_at(v, [key]) := _failure_field(v, key)

_failure_at(v, [key, child]) := _failure_field(_failure_field(v, key), child)

# a variable only deployment settles stands for {"faasguard_failure": "unknown"}: written
_failure_field(v, key) := v if {
	_failure_is_unknown(v)
} else := {"faasguard_failure": "unknown"} if {
	not _failure_resolves(v)
} else := object.get(resolved, key, null) if {
	resolved := _failure_resolved(v)
	values.is_map(resolved)
} else := null

_failure_is_unknown(v) if v == {"faasguard_failure": "unknown"}

_failure_resolved(v) := sls.resolve(_doc, v)

_failure_resolves(v) if _ := _failure_resolved(v)
