# Serverless Framework adapter, API throttling and gateway response records (the package's METADATA is
# in serverless.rego; docs/model.md, "API throttling and gateway responses"; lib/throttling). On
# `provider`, for each API the service has (`_api_event_keys` of exposure.rego): the REST stage takes its
# limits from each usage plan of provider.apiGateway.usagePlan (a map, or a list of named plans),
# serverless-api-gateway-throttling's custom.apiGatewayThrottling and the stage-wide MethodSettings of
# resources.extensions.ApiGatewayStage; the HTTP API and WebSocket stages from the DefaultRouteSettings of
# resources.extensions.HttpApiStage / WebsocketsDeploymentStage. The REST API's gateway responses are the
# resources.Resources GatewayResponses whose RestApiId is `Ref: ApiGatewayRestApi`; resources.Resources is
# read as a template. The twin of src/faasguard/model/serverless_throttling.py. Uses `_doc` of serverless.rego.
package faasguard.adapters.serverless

import data.faasguard.lib.serverless as sls
import data.faasguard.lib.serverless_apis as apis
import data.faasguard.lib.throttling

# API event key → the stage kind, the logical id of the stage the Framework creates
_throttling_stages := {
	"http": ["rest_stage", "ApiGatewayStage"],
	"httpApi": ["http_stage", "HttpApiStage"],
	"websocket": ["websocket_stage", "WebsocketsDeploymentStage"],
}

_throttling_plan_keys := {"throttle_burst": "burstLimit", "throttle_rate": "rateLimit"}

# serverless-api-gateway-throttling: limit → its key in custom.apiGatewayThrottling
_throttling_plugin_keys := {"throttle_burst": "maxConcurrentRequests", "throttle_rate": "maxRequestsPerSecond"}

api_settings contains r if some r in throttling.resource_views(_throttling_template)

api_settings contains r if {
	some key in _api_event_keys
	[kind, stage_id] := _throttling_stages[key]
	stage := _throttling_extension(stage_id)
	some r in throttling.limit_records("provider", kind, [], _throttling_sources(kind, stage))
}

api_settings contains r if {
	"http" in _api_event_keys
	types := {type | some [name, type] in throttling.responses_by_api(_throttling_template); name == "ApiGatewayRestApi"}
	some r in throttling.response_records("provider", [], types - {"faasguard:unknown"}, "faasguard:unknown" in types)
}

# resources.Resources read as a template (an empty one without it)
default _throttling_template := {}

_throttling_template := resources if {
	resources := sls.merged(_doc, object.get(_doc, "resources", null))
	apis.is_map(resources)
}

# the Properties of resources.extensions.<stage_id> ({} without them)
_throttling_extension(stage_id) := properties if {
	extensions := sls.resolve(_doc, object.get(_throttling_template, "extensions", null))
	properties := extensions[stage_id].Properties
	apis.is_map(properties)
} else := {}

_throttling_sources("rest_stage", stage) := (_throttling_method_sources(stage) | _throttling_plans) | _throttling_plugin

_throttling_sources(kind, stage) := throttling.map_sources(
	_throttling_template,
	object.get(stage, "DefaultRouteSettings", null), throttling.stage_keys,
) if {
	kind != "rest_stage"
}

_throttling_method_sources(stage) := throttling.stage_wide(_throttling_template, stage, false)

_throttling_plugin := _throttling_settings(
	object.get(_doc, ["custom", "apiGatewayThrottling"], null),
	_throttling_plugin_keys,
)

# the throttle limits of each usage plan of provider.apiGateway.usagePlan (a map, or a list of
# single-key maps naming plans)
_throttling_plans := sources if {
	written := object.get(_doc, ["provider", "apiGateway", "usagePlan"], null)
	not sls.resolve(_doc, written)
	sources := _throttling_settings(written, _throttling_plan_keys)
} else := {s |
	written := object.get(_doc, ["provider", "apiGateway", "usagePlan"], null)
	some plan in _throttling_listed_plans(sls.resolve(_doc, written))
	apis.is_map(plan)
	some s in _throttling_settings(object.get(plan, "throttle", null), _throttling_plan_keys)
}

_throttling_listed_plans(plans) := [sls.resolve(_doc, v) |
	some entry in plans
	apis.is_map(entry)
	some v in entry
] if {
	is_array(plans)
} else := [plans]

# the limits a Serverless map writes (`keys`: limit → key); every limit unknown when the map is
_throttling_settings(written, keys) := {[name, {{"unknown": true}}] | some name, _ in keys} if {
	not sls.resolve(_doc, written)
} else := {[name, _throttling_members(mapping[key])] |
	some name, key in keys
	object.get(mapping, key, null) != null
} if {
	mapping := sls.resolve(_doc, written)
	apis.is_map(mapping)
} else := set()

_throttling_members(written) := {{"unknown": true}} if {
	not sls.resolve(_doc, written)
} else := {{"value": "absent"}} if {
	sls.resolve(_doc, written) == null
} else := {throttling.limit_member({"value": sls.resolve(_doc, written)})}
