# The exposure records of lib/terraform (this package, terraform.rego; docs/model.md, "API exposure"):
# api_settings of APIs (default_endpoint, custom_domain), method settings and stages (data_trace) and
# state machines (include_execution_data, log_level), and REST API resource policies in source_policies
# (target the API), read as the trigger views read resource policies (triggers.rego). The Python twin is
# src/faasguard/model/terraform_exposure.py.
#
# The adapters hand these rules the resources of exposure_resource_types with their unknown_paths
# (apis.rego) and, for a Terraform module, each data.aws_iam_policy_document as written (triggers).
package faasguard.lib.terraform

import data.faasguard.lib.cloudformation_exposure as exposure

# METADATA
# title: exposure_resource_types
# description: The resource types the exposure records read (adapters add their unknown_paths).
exposure_resource_types := {
	"aws_api_gateway_rest_api", "aws_apigatewayv2_api", "aws_api_gateway_rest_api_policy",
	"aws_api_gateway_base_path_mapping", "aws_apigatewayv2_api_mapping",
	"aws_api_gateway_method_settings", "aws_apigatewayv2_stage", "aws_sfn_state_machine",
}

# METADATA
# title: exposure_views
# description: The exposure records of the normalized resources, as an object of sets.
exposure_views := {
	"api_settings": (((_endpoint_records | _domain_records) | _trace_records) | _machine_records),
	"source_policies": _api_policy_records,
}

# the alternatives of the setting at path (unset is `unset`, known values mapped by `known`, as
# lib/cloudformation_exposure `members`)
_exposure_members(r, path, unset, known) := {{"unknown": true}} if _api_unknown(r, path)

else := _known_members(_api_value(r, path), unset, known) | _unknown_choice(_api_value(r, path))

_known_members(value, unset, known) := {_exposure_member(v, unset, known) | some [v, _] in _alternatives(value, "")}

_exposure_member(v, unset, known) := {"value": unset} if v == null

else := {"value": text} if {
	text := exposure.text_of(known, v)
} else := {"unknown": true}

# a choice with unknown alternatives has one unknown member
_unknown_choice(value) := {{"unknown": true}} if {
	_is_choice(value)
	value.choices > count(value.faasguard_choice)
} else := set()

_v2_kind(api) := "websocket_api" if api.values.protocol_type == "WEBSOCKET"

else := "http_api"

_endpoint_records contains r if {
	some api in _of_type("aws_api_gateway_rest_api")
	some r in _default_endpoint(api, "rest_api")
}

_endpoint_records contains r if {
	some api in _of_type("aws_apigatewayv2_api")
	some r in _default_endpoint(api, _v2_kind(api))
}

_default_endpoint(api, kind) := exposure.records(
	api.address, kind, "default_endpoint",
	_exposure_members(api, ["disable_execute_api_endpoint"], "enabled", "endpoint"),
)

_domain_records contains exposure.domain(api.address, "rest_api", m.address) if {
	some m in _of_type("aws_api_gateway_base_path_mapping")
	some api in _api_referenced(m, "api_id", "aws_api_gateway_rest_api")
}

_domain_records contains exposure.domain(api.address, _v2_kind(api), m.address) if {
	some m in _of_type("aws_apigatewayv2_api_mapping")
	some api in _api_referenced(m, "api_id", "aws_apigatewayv2_api")
}

# the i-th block is written (or unknown: its settings are then unknown too)
_block_written(r, block, _) if _api_unknown(r, [block])

_block_written(r, block, i) if is_object(r.values[block][i])

_data_trace(r, block, i) := exposure.records(
	r.address, "stage", "data_trace",
	_exposure_members(r, [block, i, "data_trace_enabled"], "false", "flag"),
) if {
	_block_written(r, block, i)
} else := set()

_trace_records contains r if {
	some s in _of_type("aws_api_gateway_method_settings")
	some r in _data_trace(s, "settings", 0)
}

_trace_records contains r if {
	some s in _of_type("aws_apigatewayv2_stage")
	some r in _data_trace(s, "default_route_settings", 0)
}

_trace_records contains r if {
	some s in _of_type("aws_apigatewayv2_stage")
	is_array(s.values.route_settings)
	some i, _ in s.values.route_settings
	some r in _data_trace(s, "route_settings", i)
}

_machine_settings := {
	"include_execution_data": {"attribute": "include_execution_data", "unset": "false", "known": "flag"},
	"log_level": {"attribute": "level", "unset": "OFF", "known": "upper"},
}

_machine_records contains r if {
	some m in _of_type("aws_sfn_state_machine")
	_block_written(m, "logging_configuration", 0)
	some setting, spec in _machine_settings
	members := _exposure_members(m, ["logging_configuration", 0, spec.attribute], spec.unset, spec.known)
	some r in exposure.records(m.address, "state_machine", setting, members)
}

_api_policy_records contains _source_policy(api, api.address, statement) if {
	some api in _of_type("aws_api_gateway_rest_api")
	some statement in _source_statements(api)
}

_api_policy_records contains _source_policy(p, target, statement) if {
	some p in _of_type("aws_api_gateway_rest_api_policy")
	some target in {t.address | some t in _api_referenced(p, "rest_api_id", "aws_api_gateway_rest_api")}
	some statement in _source_statements(p)
}
