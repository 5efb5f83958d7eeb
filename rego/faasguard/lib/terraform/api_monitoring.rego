# The API stage monitoring records of lib/terraform (this package, terraform.rego; docs/model.md, "API
# stage monitoring"): api_settings of kind stage, `access_log` (set / absent) of aws_api_gateway_stage and
# aws_apigatewayv2_stage, and for REST stages `tracing` (xray_tracing_enabled) and `execution_logging` /
# `metrics` from the aws_api_gateway_method_settings with method_path "*/*" that name the stage (by a
# stage_name reference, or by its known name and the same rest_api_id); the provider's defaults (OFF,
# false) when none does. The Python twin is src/faasguard/model/terraform_api_monitoring.py.
#
# The adapters hand these rules the resources of api_monitoring_resource_types with their unknown_paths.
package faasguard.lib.terraform

import data.faasguard.lib.cloudformation_exposure as exposure

# METADATA
# title: api_monitoring_resource_types
# description: The resource types the API stage monitoring records read (adapters add their unknown_paths).
api_monitoring_resource_types := {"aws_api_gateway_stage", "aws_apigatewayv2_stage", "aws_api_gateway_method_settings"}

# METADATA
# title: api_monitoring_views
# description: The API stage monitoring records of the normalized resources, as an object of sets.
api_monitoring_views := {"api_settings": _api_monitoring_records}

_api_monitoring_records contains r if some r in _api_monitoring_access

_api_monitoring_records contains r if some r in _api_monitoring_tracing

_api_monitoring_records contains r if some r in _api_monitoring_levels

_api_monitoring_rest_stage := "aws_api_gateway_stage"

# a method settings' setting → the attribute of its `settings` block, the provider's default, the reader
_api_monitoring_settings := {
	"execution_logging": {"attribute": "logging_level", "unset": "OFF", "known": "upper"},
	"metrics": {"attribute": "metrics_enabled", "unset": "false", "known": "flag"},
}

_api_monitoring_access contains r if {
	some type in {_api_monitoring_rest_stage, "aws_apigatewayv2_stage"}
	some stage in _of_type(type)
	some r in exposure.records(stage.address, "stage", "access_log", _api_monitoring_destination(stage))
}

# set when access_log_settings[0].destination_arn is written (a reference counts), else absent
_api_monitoring_destination(stage) := {{"unknown": true}} if {
	_api_unknown(stage, ["access_log_settings"])
} else := {{"value": "absent"}} if {
	not is_object(_api_value(stage, ["access_log_settings", 0]))
} else := {{"value": "set"}} if {
	_api_unknown(stage, ["access_log_settings", 0, "destination_arn"])
} else := _api_monitoring_written(_api_value(stage, ["access_log_settings", 0, "destination_arn"]))

# the alternatives of a written destination: absent (null) or set
_api_monitoring_written(destination) := {_api_monitoring_presence(v) |
	some [v, _] in _alternatives(destination, "")
} | _api_monitoring_unknown_set(destination)

_api_monitoring_presence(null) := {"value": "absent"}

_api_monitoring_presence(v) := {"value": "set"} if v != null

# an unknown alternative of a written destination is set too
_api_monitoring_unknown_set(value) := {{"value": "set"}} if {
	_is_choice(value)
	value.choices > count(value.faasguard_choice)
} else := set()

_api_monitoring_tracing contains r if {
	some stage in _of_type(_api_monitoring_rest_stage)
	members := _exposure_members(stage, ["xray_tracing_enabled"], "false", "flag")
	some r in exposure.records(stage.address, "stage", "tracing", members)
}

# a REST stage's logging and metrics: those of each stage-wide method settings that names it
_api_monitoring_levels contains r if {
	some [address, s] in _api_monitoring_links
	some setting, spec in _api_monitoring_settings
	members := _exposure_members(s, ["settings", 0, spec.attribute], spec.unset, spec.known)
	some r in exposure.records(address, "stage", setting, members)
}

# the provider's defaults without one (unless one names a stage only deployment settles)
_api_monitoring_levels contains r if {
	some stage in _of_type(_api_monitoring_rest_stage)
	not stage.scope in _api_monitoring_unsettled
	not stage.address in {address | some [address, _] in _api_monitoring_links}
	some setting, spec in _api_monitoring_settings
	some r in exposure.records(stage.address, "stage", setting, {{"value": spec.unset}})
}

# [stage address, method settings] of the stage-wide method settings (method_path "*/*")
_api_monitoring_links contains [stage.address, s] if {
	some s in _of_type("aws_api_gateway_method_settings")
	s.values.method_path == "*/*"
	some stage in _api_monitoring_targets(s)
}

# the modules where a stage-wide method settings names a stage only deployment settles
_api_monitoring_unsettled contains s.scope if {
	some s in _of_type("aws_api_gateway_method_settings")
	s.values.method_path == "*/*"
	count(_api_monitoring_targets(s)) == 0
	_api_unknown(s, ["stage_name"])
}

_api_monitoring_targets(s) := targets if {
	targets := _api_referenced(s, "stage_name", _api_monitoring_rest_stage)
	count(targets) > 0
} else := [stage |
	is_string(s.values.stage_name)
	some stage in _of_type(_api_monitoring_rest_stage)
	stage.scope == s.scope
	stage.values.stage_name == s.values.stage_name
	_api_monitoring_api(stage) == _api_monitoring_api(s)
]

# how a resource names its REST API: its rest_api_id references, else the known id
_api_monitoring_api(r) := refs if {
	refs := object.get(r.refs, "rest_api_id", [])
	count(refs) > 0
} else := object.get(r.values, "rest_api_id", null)
