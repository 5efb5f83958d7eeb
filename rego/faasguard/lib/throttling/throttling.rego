# METADATA
# title: API throttling and gateway response records
# description: |
#   The api_settings records of FG_08_04 and FG_10_03 (docs/model.md, "API throttling and gateway
#   responses"): `throttle_burst` / `throttle_rate` of kind rest_stage, http_stage or websocket_stage, one
#   per place that writes the stage's limit (absent when none does; only the unknown when a place only
#   deployment settles), and `default_4xx_response` / `default_5xx_response` of kind rest_api. The shared
#   readers, and the records of a template: `resource_views` reads the plain CloudFormation types (a
#   Serverless `resources.Resources` too), `sam_views` the SAM APIs (stages of lib/api_monitoring). The
#   Python twins are src/faasguard/model/throttling.py and cloudformation_throttling.py.
package faasguard.lib.throttling

import data.faasguard.lib.api_monitoring
import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.values

_no_value := {"Ref": "AWS::NoValue"}

_absent := {"value": "absent"}

_unknown := {"unknown": true}

# METADATA
# title: limits
# description: The limit settings, in the order the records list them.
limits := ["throttle_burst", "throttle_rate"]

# METADATA
# title: stage_keys
# description: limit → its key in a stage's settings map (MethodSettings entry, StageDescription, DefaultRouteSettings).
stage_keys := {"throttle_burst": "ThrottlingBurstLimit", "throttle_rate": "ThrottlingRateLimit"}

_plan_keys := {"throttle_burst": "BurstLimit", "throttle_rate": "RateLimit"}

# gateway response type → the setting saying the API declares it
_responses := {"DEFAULT_4XX": "default_4xx_response", "DEFAULT_5XX": "default_5xx_response"}

_body_responses := "x-amazon-apigateway-gateway-responses"

_get(obj, key) := object.get(obj, key, null)

# METADATA
# title: limit_member
# description: |
#   A member of a limit's alternatives as the records hold it: number text ("5000", "12.5"), absent
#   when unset or negative (no limit), unknown for anything that is not a number.
limit_member(m) := _absent if m.absent

else := m if m.unknown

else := _limit_text(m.value)

_limit_text(v) := _absent if {
	_number(v) < 0
} else := {"value": sprintf("%v", [_number(v)])} if {
	_number(v) >= 0
} else := _unknown

_number(v) := v if is_number(v)

_number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`, v)
}

# METADATA
# title: limit_records
# description: |
#   The throttle_burst / throttle_rate records of a stage from its sources, a set of [limit, members]
#   (members: the alternatives of the value one place writes, already read by limit_member).
limit_records(resource, kind, functions, sources) := {r |
	some setting in limits
	some members in _limit_sources(sources, setting)
	some r in cfn.choice_records(
		{"resource": resource, "kind": kind, "setting": setting, "functions": functions},
		"value", sprintf("%s#api_settings:%s:%s", [resource, kind, setting]),
		members,
	)
}

# only the unknown when a place only deployment settles; the places that write the limit; else absent
_limit_sources(sources, setting) := {{{"unknown": true}}} if {
	[setting, {{"unknown": true}}] in sources
} else := written if {
	written := {members |
		some [name, members] in sources
		name == setting
		members != {{"value": "absent"}}
	}
	count(written) > 0
} else := {{{"value": "absent"}}}

# METADATA
# title: response_records
# description: |
#   The default_4xx_response / default_5xx_response records of a REST API from the response types it
#   declares (`types`, strings; `unknown` when one only deployment settles: no record unless declared).
response_records(resource, functions, types, unknown) := {r |
	some type, setting in _responses
	value := _declared(type, types, unknown)
	r := {"resource": resource, "kind": "rest_api", "setting": setting, "value": value, "functions": functions}
}

_declared(type, types, _) := "true" if type in types

_declared(type, types, false) := "false" if not type in types

# METADATA
# title: map_sources
# description: |
#   The [limit, members] a settings map writes (`keys`, limit → key); every limit unknown when the
#   map is.
map_sources(doc, value, keys) := set() if {
	cfn.branch(doc, value) in {null, _no_value}
} else := {[name, {limit_member(m) | some m in cfn.alternatives_at(doc, mapping, [key])}] |
	some name, key in keys
	not values.is_unset(mapping, key)
} if {
	mapping := cfn.branch(doc, value)
	values.is_map(mapping)
} else := {[name, {_unknown}] | some name, _ in keys}

# METADATA
# title: stage_wide
# description: |
#   The sources of a REST stage's stage-wide MethodSettings entries (`own`: also of the map itself, a
#   Deployment's StageDescription).
stage_wide(doc, stage, own) := {s |
	some mapping in array.concat(_own(stage, own), api_monitoring.stage_wide_entries(doc, _get(stage, "MethodSettings")))
	some s in map_sources(doc, mapping, stage_keys)
}

_own(stage, true) := [stage]

_own(_, false) := []

# METADATA
# title: resource_views
# description: The records of the plain CloudFormation stages and REST APIs of a template.
resource_views(doc) := ((_stage_records(doc) | _deployment_records(doc)) | _v2_records(doc)) | {r |
	some id, _ in cfn.resources_of_type(doc, "AWS::ApiGateway::RestApi")
	some r in api_responses(doc, id, [], id, cfn.properties(doc.Resources[id]), ["Body", "BodyS3Location"], set())
}

_stage_records(doc) := {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGateway::Stage")
	sources := stage_wide(doc, cfn.properties(stage), false) | _plan_sources(doc, id)
	some r in limit_records(id, "rest_stage", [], sources)
}

_deployment_records(doc) := {r |
	some id, deployment in cfn.resources_of_type(doc, "AWS::ApiGateway::Deployment")
	props := cfn.properties(deployment)
	not _without_stage(doc, props)
	sources := _description_sources(doc, _get(props, "StageDescription")) | _plan_sources(doc, id)
	some r in limit_records(id, "rest_stage", [], sources)
}

# a deployment whose StageName settles to nothing creates no stage; one an unknown condition leaves open
# (`!If [C, prod, dev]`) may: judged, as the Python twin (a `not f(x) in S` would be false when f is undefined)
_without_stage(doc, props) if cfn.branch(doc, _get(props, "StageName")) in {null, _no_value}

_description_sources(doc, written) := stage_wide(doc, description, true) if {
	description := cfn.branch(doc, written)
	values.is_map(description)
} else := map_sources(doc, written, stage_keys)

_v2_records(doc) := {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::Stage")
	props := cfn.properties(stage)
	sources := map_sources(doc, _get(props, "DefaultRouteSettings"), stage_keys)
	some r in limit_records(id, _v2_kind(doc, props), [], sources)
}

_v2_kind(doc, props) := "websocket_stage" if {
	api := apis.one(doc, _get(props, "ApiId"), {"AWS::ApiGatewayV2::Api"})
	cfn.known_string(doc, _get(cfn.properties(doc.Resources[api]), "ProtocolType")) == "WEBSOCKET"
} else := "http_stage"

# METADATA
# title: sam_views
# description: The records of the SAM API stages (lib/api_monitoring sam_stages).
sam_views(doc, operations) := ({r |
	some stage in api_monitoring.sam_stages(doc, operations)
	stage.kind == "http"
	sources := map_sources(doc, _get(stage.props, "DefaultRouteSettings"), stage_keys)
	some r in limit_records(stage.id, "http_stage", stage.functions, sources)
} | {r |
	some stage in api_monitoring.sam_stages(doc, operations)
	stage.kind == "rest"
	sources := (stage_wide(doc, stage.props, false) | _sam_usage_plan(doc, stage.props)) | _plan_sources(doc, stage.id)
	some r in limit_records(stage.id, "rest_stage", stage.functions, sources)
}) | {r |
	some stage in api_monitoring.sam_stages(doc, operations)
	stage.kind == "rest"
	api := _sam_api_name(stage)
	own := _declared_types(doc, _get(stage.props, "GatewayResponses"))
	some r in api_responses(doc, api, stage.functions, stage.id, stage.props, ["DefinitionBody", "DefinitionUri"], own)
}

_sam_api_name(stage) := stage.id if stage.functions == []

else := "ServerlessRestApi"

# the keys of a map of gateway responses (SAM GatewayResponses, an OpenAPI body's); "faasguard:unknown"
# when it only deployment settles
_declared_types(doc, value) := set() if {
	cfn.branch(doc, value) in {null, _no_value}
} else := object.keys(declared) if {
	declared := cfn.branch(doc, value)
	values.is_map(declared)
} else := {"faasguard:unknown"}

# Auth.UsagePlan.Throttle when CreateUsagePlan creates a plan for the API's stage
_sam_usage_plan(doc, props) := sources if {
	auth := cfn.branch(doc, _get(props, "Auth"))
	plan := cfn.branch(doc, _get(auth, "UsagePlan"))
	values.is_map(plan)
	sources := _created_plan(doc, plan)
} else := set()

_created_plan(doc, plan) := map_sources(
	doc, plan.Throttle,
	{"throttle_burst": "BurstLimit", "throttle_rate": "RateLimit"},
) if {
	cfn.known_string(doc, _get(plan, "CreateUsagePlan")) in {"PER_API", "SHARED", "SINGLE"}
	not values.is_unset(plan, "Throttle")
} else := {["throttle_burst", {{"unknown": true}}], ["throttle_rate", {{"unknown": true}}]} if {
	not values.is_unset(plan, "CreateUsagePlan")
	not cfn.known_string(doc, plan.CreateUsagePlan)
} else := set()

# the sources of the usage plans whose ApiStages name the stage
_plan_sources(doc, stage) := {s |
	some [target, plan] in _plan_links(doc)
	target == stage
	some s in map_sources(doc, _get(cfn.properties(doc.Resources[plan]), "Throttle"), _plan_keys)
}

# [stage id, usage plan id]: Stage references a Stage or a SAM Api (`AdminApi.Stage`), or is a known
# stage name with an ApiId naming the stage's API
_plan_links(doc) := {[target, id] |
	some id, plan in cfn.resources_of_type(doc, "AWS::ApiGateway::UsagePlan")
	some written in cfn.entries(doc, _get(cfn.properties(plan), "ApiStages"))
	entry := cfn.branch(doc, written)
	values.is_map(entry)
	some target in _plan_targets(doc, entry)
}

_plan_targets(doc, entry) := _referenced_stages(doc, entry) | {stage |
	name := cfn.known_string(doc, _get(entry, "Stage"))
	some api in apis.ids(doc, _get(entry, "ApiId"), {"AWS::ApiGateway::RestApi", "AWS::Serverless::Api"})
	some stage in _named_stages(doc, api, name)
}

_referenced_stages(doc, entry) := apis.ids(
	doc, _get(entry, "Stage"),
	{"AWS::ApiGateway::Stage", "AWS::Serverless::Api"},
)

_named_stages(doc, api, name) := {id |
	some type in {"AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment"}
	some id, stage in cfn.resources_of_type(doc, type)
	props := cfn.properties(stage)
	cfn.known_string(doc, _get(props, "StageName")) == name
	api in apis.ids(doc, _get(props, "RestApiId"), {"AWS::ApiGateway::RestApi"})
} | {api |
	cfn.created(doc)[api].Type == "AWS::Serverless::Api"
	cfn.known_string(doc, _get(cfn.properties(doc.Resources[api]), "StageName")) == name
}

# METADATA
# title: responses_by_api
# description: |
#   [API name, response type] of each gateway response of a template (RestApiId `Ref: Api` or
#   conftest's plain name; the type "faasguard:unknown" when only deployment settles it).
responses_by_api(doc) := {[api, type] |
	some response in cfn.resources_of_type(doc, "AWS::ApiGateway::GatewayResponse")
	props := cfn.properties(response)
	api := _api_name(cfn.branch(doc, _get(props, "RestApiId")))
	type := _response_type(doc, _get(props, "ResponseType"))
}

_api_name(written) := written.Ref if is_string(written.Ref)

else := written if is_string(written)

_response_type(doc, written) := type if {
	type := cfn.known_string(doc, written)
} else := "faasguard:unknown"

# METADATA
# title: api_responses
# description: |
#   The response records of a REST API `id` (named `api` by RestApiId references) from `own` types, the
#   gateway responses of the template naming it and its OpenAPI body (`keys`: [body key, location key];
#   a location set: the body is elsewhere).
api_responses(doc, api, functions, id, props, keys, own) := response_records(
	id, functions,
	types - {"faasguard:unknown"}, "faasguard:unknown" in types,
) if {
	types := (own | {type | some [name, type] in responses_by_api(doc); name == api}) | _body_types(doc, props, keys)
}

_body_types(doc, props, [body, location]) := {"faasguard:unknown"} if {
	not values.is_unset(props, location)
} else := _declared_types(doc, _get(document, _body_responses)) if {
	document := cfn.branch(doc, _get(props, body))
	values.is_map(document)
} else := _declared_types(doc, _get(props, body))
