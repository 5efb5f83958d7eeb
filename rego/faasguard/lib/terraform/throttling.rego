# The API throttling and gateway response records of lib/terraform (this package, terraform.rego;
# docs/model.md, "API throttling and gateway responses", lib/throttling): a REST stage
# (aws_api_gateway_stage) takes its limits from the stage-wide method settings naming it (the links of
# api_monitoring.rego: settings[0].throttling_{burst,rate}_limit, -1 when unset) and from each
# aws_api_gateway_usage_plan whose api_stages name it (throttle_settings[0].{burst,rate}_limit); in a module
# where one of those names a stage only deployment settles, every REST stage's limits are unknown. A V2
# stage takes them from default_route_settings[0]. A REST API's gateway responses are the
# aws_api_gateway_gateway_response resources referencing it and the x-amazon-apigateway-gateway-responses
# of its JSON body. The Python twin is src/faasguard/model/terraform_throttling.py.
#
# The adapters hand these rules the resources of throttling_resource_types with their unknown_paths.
package faasguard.lib.terraform

import data.faasguard.lib.throttling

# METADATA
# title: throttling_resource_types
# description: The resource types the throttling records read (adapters add their unknown_paths).
throttling_resource_types := {
	"aws_api_gateway_stage", "aws_apigatewayv2_stage", "aws_api_gateway_method_settings",
	"aws_api_gateway_usage_plan", "aws_apigatewayv2_api", "aws_api_gateway_rest_api",
	"aws_api_gateway_gateway_response",
}

# METADATA
# title: throttling_views
# description: The API throttling and gateway response records of the normalized resources, as an object of sets.
throttling_views := {"api_settings": _throttling_records}

# limit → [block, attribute] in method settings, usage plans and V2 stages
_throttling_method_limits := {
	"throttle_burst": ["settings", "throttling_burst_limit"],
	"throttle_rate": ["settings", "throttling_rate_limit"],
}

_throttling_plan_limits := {
	"throttle_burst": ["throttle_settings", "burst_limit"],
	"throttle_rate": ["throttle_settings", "rate_limit"],
}

_throttling_route_limits := {
	"throttle_burst": ["default_route_settings", "throttling_burst_limit"],
	"throttle_rate": ["default_route_settings", "throttling_rate_limit"],
}

_throttling_records contains r if {
	some stage in _of_type(_api_monitoring_rest_stage)
	some r in throttling.limit_records(stage.address, "rest_stage", [], _throttling_rest_sources(stage))
}

_throttling_records contains r if {
	some stage in _of_type("aws_apigatewayv2_stage")
	sources := _throttling_sources(stage, _throttling_route_limits, false)
	some r in throttling.limit_records(stage.address, _throttling_v2_kind(stage), [], sources)
}

_throttling_records contains r if {
	some api in _of_type("aws_api_gateway_rest_api")
	types := object.get(_throttling_responses, api.address, set()) | _throttling_body_types(api)
	some r in throttling.response_records(api.address, [], types - {"faasguard:unknown"}, "faasguard:unknown" in types)
}

# every limit unknown in a module where a method settings or a usage plan names a stage only deployment
# settles; else the limits of the stage-wide method settings and of the usage plans naming the stage
_throttling_rest_sources(stage) := {[name, {{"unknown": true}}] | some name in throttling.limits} if {
	_throttling_unsettled(stage.scope)
} else := {s |
	some [address, settings] in _api_monitoring_links
	address == stage.address
	some s in _throttling_sources(settings, _throttling_method_limits, false)
} | {s |
	some [address, plan] in _throttling_plan_links
	address == stage.address
	some s in _throttling_sources(plan, _throttling_plan_limits, true)
}

_throttling_unsettled(scope) if scope in _api_monitoring_unsettled

_throttling_unsettled(scope) if {
	some plan in _of_type("aws_api_gateway_usage_plan")
	plan.scope == scope
	_api_unknown(plan, ["api_stages"])
}

# a plan referencing no stage whose api_stages entry names one only deployment settles
_throttling_unsettled(scope) if {
	some plan in _of_type("aws_api_gateway_usage_plan")
	plan.scope == scope
	not plan.address in _throttling_linked_plans
	entries := _api_value(plan, ["api_stages"])
	is_array(entries)
	some i, _ in entries
	_api_unknown(plan, ["api_stages", i, "stage"])
}

_throttling_linked_plans contains plan.address if some [_, plan] in _throttling_plan_links

# the [limit, members] a resource's first block writes (`spec`: limit → [block, attribute]); `zero_unset`:
# 0 is unset (a usage plan's throttle_settings: the provider plans 0 for an unset limit and sends nothing)
_throttling_sources(r, spec, zero_unset) := {[name, _throttling_members(r, [block, 0, attribute], zero_unset)] |
	some name, [block, attribute] in spec
}

_throttling_members(r, path, zero_unset) := {{"unknown": true}} if {
	_api_unknown(r, path)
} else := {throttling.limit_member(_throttling_member(v, zero_unset)) |
	some [v, _] in _alternatives(_api_value(r, path), "")
} | _unknown_choice(_api_value(r, path))

_throttling_member(null, _) := {"absent": true}

_throttling_member(0, true) := {"absent": true}

_throttling_member(v, zero_unset) := {"value": v} if {
	v != null
	not _throttling_zero(v, zero_unset)
}

_throttling_zero(0, true)

# [stage address, usage plan] of the usage plans whose api_stages name the stage: by reference, or by its
# known name with the same API reference (or known id)
_throttling_plan_links contains [stage.address, plan] if {
	some plan in _of_type("aws_api_gateway_usage_plan")
	not _api_unknown(plan, ["api_stages"])
	some stage in _api_referenced(plan, "api_stages", _api_monitoring_rest_stage)
}

_throttling_plan_links contains [stage.address, plan] if {
	some plan in _of_type("aws_api_gateway_usage_plan")
	not _api_unknown(plan, ["api_stages"])
	some entry in _blocks(plan.values, "api_stages")
	is_string(entry.stage)
	some stage in _of_type(_api_monitoring_rest_stage)
	stage.scope == plan.scope
	stage.values.stage_name == entry.stage
	_throttling_same_api(plan, entry, stage)
}

_throttling_same_api(plan, _, stage) if {
	some key in object.get(stage.refs, "rest_api_id", [])
	key in object.get(plan.refs, "api_stages", [])
}

_throttling_same_api(_, entry, stage) if {
	count(object.get(stage.refs, "rest_api_id", [])) == 0
	is_string(stage.values.rest_api_id)
	stage.values.rest_api_id == entry.api_id
}

_throttling_v2_kind(stage) := "websocket_stage" if {
	apis := _api_referenced(stage, "api_id", "aws_apigatewayv2_api")
	count(apis) == 1
	apis[0].values.protocol_type == "WEBSOCKET"
} else := "http_stage"

# REST API address → the response types of the gateway responses referencing it (HCL: a type
# `each.value` of a settled for_each is the list of every instance's)
_throttling_responses[api.address] contains _throttling_type(type) if {
	some response in _of_type("aws_api_gateway_gateway_response")
	some api in _api_referenced(response, "rest_api_id", "aws_api_gateway_rest_api")
	some type in _items(object.get(response.values, "response_type", null))
}

_throttling_type(type) := type if is_string(type)

else := "faasguard:unknown"

# the response types of the API's JSON OpenAPI body; unknown for a body only deployment settles or not JSON
_throttling_body_types(api) := {"faasguard:unknown"} if {
	_api_unknown(api, ["body"])
} else := set() if {
	_api_value(api, ["body"]) == null
} else := _throttling_declared(json.unmarshal(api.values.body)) if {
	is_string(api.values.body)
	json.is_valid(api.values.body)
	is_object(json.unmarshal(api.values.body))
} else := {"faasguard:unknown"}

_throttling_declared(document) := object.keys(document["x-amazon-apigateway-gateway-responses"]) if {
	is_object(document["x-amazon-apigateway-gateway-responses"])
} else := set()
