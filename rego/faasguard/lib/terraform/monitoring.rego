# The monitoring records of lib/terraform (this package, terraform.rego; docs/model.md, "Monitoring
# settings"): state machine tracing (and level OFF without a logging_configuration block), alarms on
# Lambda metrics and CloudTrail Lambda data events. The Python twin is
# src/faasguard/model/terraform_monitoring.py.
#
# The adapters hand these rules the resources of monitoring_resource_types with their unknown_paths (apis.rego).
package faasguard.lib.terraform

import data.faasguard.lib.monitoring

# METADATA
# title: monitoring_resource_types
# description: The resource types the monitoring records read (with the functions and aliases an alarm names).
monitoring_resource_types := {
	"aws_sfn_state_machine", "aws_cloudwatch_metric_alarm", "aws_cloudtrail",
	"aws_lambda_function", "aws_lambda_alias",
}

# METADATA
# title: monitoring_views
# description: The monitoring records of the normalized resources, as an object of sets.
monitoring_views := {"monitoring_settings": union({_monitoring_machines, _monitoring_alarms, _monitoring_trails})}

_monitoring_machines contains r if {
	some m in _of_type("aws_sfn_state_machine")
	members := _exposure_members(m, ["tracing_configuration", 0, "enabled"], "false", "flag")
	some r in monitoring.records(m.address, "state_machine", "tracing", members)
}

_monitoring_machines contains monitoring.record(m.address, "state_machine", "log_level", "OFF") if {
	some m in _of_type("aws_sfn_state_machine")
	not _block_written(m, "logging_configuration", 0)
}

_monitoring_functions contains f.address if some f in _of_type("aws_lambda_function")

_monitoring_alarms contains r if {
	some alarm in _of_type("aws_cloudwatch_metric_alarm")
	_monitoring_lambda_namespace(alarm)
	some r in monitoring.alarm_records(alarm.address, _monitoring_metric(alarm), _monitoring_watched(alarm))
}

_monitoring_lambda_namespace(alarm) if _api_unknown(alarm, ["namespace"])

_monitoring_lambda_namespace(alarm) if {
	not _api_unknown(alarm, ["namespace"])
	_api_value(alarm, ["namespace"]) == monitoring.lambda_namespace
}

_monitoring_metric(alarm) := name if {
	not _api_unknown(alarm, ["metric_name"])
	name := _api_value(alarm, ["metric_name"])
	is_string(name)
} else := monitoring.any_metric

# the functions dimensions.FunctionName names; every function when only deployment settles it
_monitoring_watched(alarm) := named if {
	named := _api_functions_named(alarm, "dimensions") | {f |
		text := _api_value(alarm, _monitoring_name_path(alarm))
		is_string(text)
		some f in _api_functions_in(alarm, text)
	}
	count(named) > 0
} else := _monitoring_functions if {
	_api_unknown(alarm, _monitoring_name_path(alarm))
} else := set()

# a module writes the dimensions map as a one-element list (conftest's shape), a plan as a map
_monitoring_name_path(alarm) := ["dimensions", 0, "FunctionName"] if is_array(alarm.values.dimensions)

else := ["dimensions", "FunctionName"]

_monitoring_trails contains monitoring.record(trail.address, "trail", "lambda_data_events", value) if {
	some trail in _of_type("aws_cloudtrail")
	value := _monitoring_lambda_data_events(trail)
}

_monitoring_lambda_data_events(trail) := "true" if {
	monitoring.lambda_data_type in _monitoring_data_types(trail)
} else := "false" if {
	not _monitoring_unsettled(trail)
}

_monitoring_data_types(trail) := {data_resource.type |
	some selector in _blocks_of(object.get(trail.values, "event_selector", null))
	some data_resource in _blocks_of(object.get(selector, "data_resource", null))
} | {t |
	some selector in _blocks_of(object.get(trail.values, "advanced_event_selector", null))
	some field in _blocks_of(object.get(selector, "field_selector", null))
	field.field == "resources.type"

	# the HCL loader writes a one-entry list as its entry
	some t in _api_listed(object.get(field, "equals", null))
}

_monitoring_unsettled(trail) if {
	some block in ["event_selector", "advanced_event_selector"]
	_api_unknown(trail, [block])
}

_monitoring_unsettled(trail) if _api_unknown_inside(trail, ["advanced_event_selector"])

# which ARNs a data_resource lists does not matter, only its type
_monitoring_unsettled(trail) if {
	some selector in _blocks_of(object.get(trail.values, "event_selector", null))
	some data_resource in _blocks_of(object.get(selector, "data_resource", null))
	not is_string(object.get(data_resource, "type", null))
}
