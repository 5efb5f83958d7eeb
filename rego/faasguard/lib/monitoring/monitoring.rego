# METADATA
# title: Monitoring records
# description: |
#   The monitoring_settings records (docs/model.md, "Monitoring settings") of a template: state machine
#   tracing (and level OFF where no logging configuration is written), alarms on Lambda metrics and
#   CloudTrail data events. `resource_views` reads the plain CloudFormation types of any object with a
#   `Resources` map (Serverless `resources.Resources` too); `sam_views` the SAM state machines. The
#   Python twin is src/faasguard/model/cloudformation_monitoring.py.
package faasguard.lib.monitoring

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.values

# METADATA
# title: any_metric
# description: A metric or the functions of an alarm only deployment settles (the alarm may be any of them).
any_metric := "*"

# METADATA
# title: lambda_namespace
# description: The CloudWatch namespace of the Lambda metrics.
lambda_namespace := "AWS/Lambda"

# METADATA
# title: lambda_data_type
# description: The CloudTrail data resource type of Lambda invocations.
lambda_data_type := "AWS::Lambda::Function"

# METADATA
# title: resource_views
# description: |
#   The monitoring_settings records of the plain CloudFormation resources of a template. `names` is a
#   set of [known function name, function id] (an alarm may name its function so), `all_functions` the ids of
#   the functions of the document (an alarm whose function only deployment settles may watch any).
resource_views(doc, host, names, all_functions) := (_machine_records(doc) | _trail_records(doc)) | _alarm_records(
	doc, host, names,
	all_functions,
)

# METADATA
# title: template_views
# description: The monitoring_settings records of the plain CloudFormation resources of a template document.
template_views(doc) := resource_views(doc, apis.no_host, function_names(doc), function_ids(doc))

# METADATA
# title: sam_views
# description: The monitoring_settings records of the SAM state machines (`Logging`, `Tracing`).
sam_views(doc) := {r |
	some id, machine in cfn.resources_of_type(doc, "AWS::Serverless::StateMachine")
	some r in state_machine(doc, id, cfn.properties(machine), "Logging", "Tracing")
}

# METADATA
# title: function_names
# description: The [known FunctionName, id] pairs of the functions of a template.
function_names(doc) := {[name, id] |
	some id, r in cfn.created(doc)
	r.Type in cfn.function_types
	name := cfn.known_string(doc, object.get(cfn.properties(r), "FunctionName", null))
}

# METADATA
# title: function_ids
# description: The ids of the functions of a template.
function_ids(doc) := {id | some id, r in cfn.created(doc); r.Type in cfn.function_types}

# METADATA
# title: records
# description: The monitoring_settings records of a setting whose alternatives are `members`.
records(resource, kind, setting, members) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": setting, "functions": []},
	"value", sprintf("%s#monitoring_settings:%s:%s", [resource, kind, setting]),
	members,
)

# METADATA
# title: record
# description: One monitoring_settings record with a known value.
record(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting, "value": value,
	"functions": [],
}

# --- state machines --------------------------------------------------------------------------------

# METADATA
# title: state_machine
# description: |
#   `tracing` (X-Ray, default off) of a state machine, and `log_level` OFF (AWS's default) when it has
#   no logging configuration (api_settings holds the level of the others: lib/cloudformation_exposure).
state_machine(doc, id, props, logging_key, tracing_key) := records(
	id, "state_machine", "tracing",
	exposure.members(doc, props, [tracing_key, "Enabled"], "false", "flag"),
) | _default_level(id, props, logging_key)

_default_level(id, props, key) := {record(id, "state_machine", "log_level", "OFF")} if values.is_unset(props, key)

else := set()

_machine_records(doc) := {r |
	some id, machine in cfn.resources_of_type(doc, "AWS::StepFunctions::StateMachine")
	some r in state_machine(doc, id, cfn.properties(machine), "LoggingConfiguration", "TracingConfiguration")
}

# --- alarms ------------------------------------------------------------------------------------------

# METADATA
# title: alarm_records
# description: |
#   The alarm_metric record of an alarm on a Lambda metric (`metric` its name, any_metric when unknown)
#   for the functions it watches (none: no record).
alarm_records(resource, metric, watched) := {object.union(
	record(resource, "alarm", "alarm_metric", metric),
	{"functions": sort(watched)},
)} if {
	count(watched) > 0
} else := set()

_alarm_records(doc, host, names, all_functions) := {r |
	some id, alarm in cfn.resources_of_type(doc, "AWS::CloudWatch::Alarm")
	some metric in _metrics(doc, cfn.properties(alarm))
	_may_be_lambda(doc, metric)
	watched := _watched(doc, host, names, all_functions, object.get(metric, "Dimensions", null))
	some r in alarm_records(id, _metric_name(doc, metric), watched)
}

# an alarm's own metric and each Metrics[].MetricStat.Metric (metric math reads each of them)
_metrics(doc, props) := {props | "MetricName" in object.keys(props)} | {metric |
	some entry in cfn.entries(doc, object.get(props, "Metrics", null))
	stat := cfn.branch(doc, object.get(cfn.branch(doc, entry), "MetricStat", null))
	metric := cfn.branch(doc, object.get(stat, "Metric", null))
	values.is_map(metric)
}

_may_be_lambda(doc, metric) if not _known_namespace(doc, metric)

_may_be_lambda(doc, metric) if _known_namespace(doc, metric) == lambda_namespace

# the Namespace the template settles (a literal of any type: a map or number is no Lambda namespace);
# undefined when unset or only deployment settles it, as the Python twin's Template.known
_known_namespace(doc, metric) := namespace if {
	namespace := cfn.value(doc, object.get(metric, "Namespace", null))
	namespace != null
}

_metric_name(doc, metric) := name if {
	name := cfn.known_string(doc, object.get(metric, "MetricName", null))
} else := any_metric

# the functions the FunctionName dimensions name (none without one: that metric sums all functions)
_watched(doc, host, names, all_functions, dimensions) := {f |
	some entry in cfn.entries(doc, dimensions)
	dimension := cfn.branch(doc, entry)
	values.is_map(dimension)
	cfn.known_string(doc, object.get(dimension, "Name", null)) == "FunctionName"
	some f in _dimension_functions(doc, host, names, all_functions, object.get(dimension, "Value", null))
}

_dimension_functions(doc, host, names, all_functions, value) := named if {
	named := apis.functions(doc, value, host)
	count(named) > 0
} else := {id | some [name, id] in names; name == known} if {
	known := cfn.known_string(doc, value)
} else := set() if {
	# another resource of the template (an alias, a nested stack's output) names no function here
	count(apis.ids(doc, value, {r.Type | some r in cfn.created(doc)})) > 0
} else := all_functions

# --- trails ------------------------------------------------------------------------------------------

_trail_records(doc) := {record(id, "trail", "lambda_data_events", value) |
	some id, trail in cfn.resources_of_type(doc, "AWS::CloudTrail::Trail")
	value := _lambda_data_events(doc, cfn.properties(trail))
}

_lambda_data_events(doc, props) := "true" if {
	some t in _data_types(doc, props)
	cfn.known_string(doc, t) == lambda_data_type
} else := "false" if not _unsettled_selectors(doc, props)

_data_types(doc, props) := array.concat(
	[object.get(data_resource, "Type", null) |
		some selector in _maps(doc, object.get(props, "EventSelectors", null))
		some data_resource in _maps(doc, object.get(selector, "DataResources", null))
	],
	[t |
		some selector in _maps(doc, object.get(props, "AdvancedEventSelectors", null))
		some field in _maps(doc, object.get(selector, "FieldSelectors", null))
		cfn.known_string(doc, object.get(field, "Field", null)) == "resources.type"
		some t in cfn.entries(doc, object.get(field, "Equals", null))
	],
)

# some selector, data resource or type is something only deployment settles
_unsettled_selectors(doc, props) if {
	some t in _data_types(doc, props)
	not cfn.known_string(doc, t)
}

_unsettled_selectors(doc, props) if _unsettled_entries(doc, object.get(props, "EventSelectors", null))

_unsettled_selectors(doc, props) if _unsettled_entries(doc, object.get(props, "AdvancedEventSelectors", null))

_unsettled_selectors(doc, props) if {
	some selector in _maps(doc, object.get(props, "EventSelectors", null))
	_unsettled_entries(doc, object.get(selector, "DataResources", null))
}

_unsettled_selectors(doc, props) if {
	some selector in _maps(doc, object.get(props, "AdvancedEventSelectors", null))
	_unsettled_entries(doc, object.get(selector, "FieldSelectors", null))
}

# the entries of a list property that are maps (through known Fn::If)
_maps(doc, v) := [m | some e in cfn.entries(doc, v); m := _branched(doc, e); values.is_map(m)]

_unsettled_entries(doc, v) if {
	some e in cfn.entries(doc, v)
	not values.is_map(_branched(doc, e))
}

_branched(doc, e) := b if {
	b := cfn.branch(doc, e)
} else := "faasguard:undecided"
