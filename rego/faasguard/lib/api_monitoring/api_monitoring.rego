# METADATA
# title: API stage monitoring records
# description: |
#   The api_settings records of kind stage (docs/model.md, "API stage monitoring") of a template:
#   `access_log` (set / absent) of every stage, and `execution_logging` (the level, OFF when unset),
#   `metrics` and `tracing` (true / false, false when unset) of REST stages. A stage is an
#   AWS::ApiGateway::Stage, an AWS::ApiGateway::Deployment with a StageName, an AWS::ApiGatewayV2::Stage,
#   a SAM Api / HttpApi (Globals merged) and the implicit ServerlessRestApi / ServerlessHttpApi, whose
#   records are written on each function whose events create it. `resource_views` reads the plain
#   CloudFormation types of any object with a `Resources` map (Serverless `resources.Resources` too);
#   `sam_views` the SAM APIs. The Python twin is src/faasguard/model/cloudformation_api_monitoring.py.
package faasguard.lib.api_monitoring

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.values

_no_value := {"Ref": "AWS::NoValue"}

# REST stage setting → its key in a settings map, AWS's default, how a known value reads
_rest_settings := {
	"execution_logging": {"key": "LoggingLevel", "unset": "OFF", "known": "upper"},
	"metrics": {"key": "MetricsEnabled", "unset": "false", "known": "flag"},
}

_access_log_keys := {"rest": "AccessLogSetting", "http": "AccessLogSettings"}

_implicit := {"rest": "ServerlessRestApi", "http": "ServerlessHttpApi"}

_get(obj, key) := object.get(obj, key, null)

# METADATA
# title: records
# description: The stage records of a setting whose alternatives are `members` (lib/cloudformation alternatives).
records(resource, functions, setting, members) := cfn.choice_records(
	{"resource": resource, "kind": "stage", "setting": setting, "functions": functions},
	"value", sprintf("%s#api_settings:stage:%s", [resource, setting]),
	members,
)

# METADATA
# title: resource_views
# description: The stage records of the plain CloudFormation resources of a template.
resource_views(doc) := (_stages(doc) | _deployments(doc)) | {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGatewayV2::Stage")
	some r in access_log(doc, id, [], cfn.properties(stage), "AccessLogSettings")
}

# METADATA
# title: sam_views
# description: |
#   The stage records of the SAM APIs (Globals merged); an implicit API's at the functions whose
#   events create it (the `resource` of the `api_operations` records of that API).
sam_views(doc, operations) := {r |
	some stage in sam_stages(doc, operations)
	some r in _sam_stage(doc, stage.kind, stage.id, stage.functions, stage.props)
}

# METADATA
# title: sam_stages
# description: |
#   {kind (rest / http), id, functions, props (Globals merged)} of each SAM API stage: a declared API,
#   and the implicit ServerlessRestApi / ServerlessHttpApi at each function whose events create it (the
#   `resource` of the `api_operations` records of that API).
sam_stages(doc, operations) := {{"kind": api.kind, "id": id, "functions": [], "props": api.props} |
	some id, api in apis.declared_apis(doc)
} | {{"kind": kind, "id": id, "functions": [id], "props": props} |
	some kind, implicit in _implicit
	not cfn.created(doc)[implicit]
	props := apis.sam_api_properties(doc, kind, {})
	some id in {op.resource | some op in operations; op.api == implicit}
}

_sam_stage(doc, "rest", id, functions, props) := access | monitoring if {
	access := access_log(doc, id, functions, props, "AccessLogSetting")
	monitoring := rest_monitoring(doc, id, functions, props, _get(props, "MethodSettings"), false)
}

_sam_stage(doc, "http", id, functions, props) := access_log(doc, id, functions, props, "AccessLogSettings")

_stages(doc) := {r |
	some id, stage in cfn.resources_of_type(doc, "AWS::ApiGateway::Stage")
	props := cfn.properties(stage)
	some r in (access_log(doc, id, [], props, "AccessLogSetting") | rest_monitoring(
		doc, id, [], props,
		_get(props, "MethodSettings"), false,
	))
}

# a Deployment with a StageName creates a stage, configured by its StageDescription
_deployments(doc) := {r |
	some id, deployment in cfn.resources_of_type(doc, "AWS::ApiGateway::Deployment")
	props := cfn.properties(deployment)
	not _no_stage(doc, props)
	description := _description(doc, props)
	some r in (access_log(doc, id, [], description, "AccessLogSetting") | rest_monitoring(
		doc, id, [], description,
		_get(description, "MethodSettings"), true,
	))
}

_no_stage(doc, props) if cfn.branch(doc, _get(props, "StageName")) in {null, _no_value}

# the StageDescription map ({} when unset); undefined when only deployment settles it
_description(doc, props) := {} if {
	cfn.branch(doc, _get(props, "StageDescription")) in {null, _no_value}
} else := description if {
	description := cfn.branch(doc, _get(props, "StageDescription"))
	values.is_map(description)
}

# METADATA
# title: access_log
# description: |
#   The access_log records of a stage: set when obj[key].DestinationArn is written (a reference or a
#   parameter counts), else absent.
access_log(doc, id, functions, obj, key) := records(id, functions, "access_log", {m |
	some block in cfn.alternatives_at(doc, obj, [key])
	some m in _destination(doc, block)
})

_destination(_, block) := {{"value": "absent"}} if block.absent

_destination(_, block) := {block} if block.unknown

_destination(_, block) := {{"unknown": true}} if {
	"value" in object.keys(block)
	not values.is_map(block.value)
}

_destination(doc, block) := {_presence(m) | some m in _destination_members(doc, block.value)} if {
	values.is_map(block.value)
}

_destination_members(doc, settings) := {{"absent": true}} if values.is_unset(settings, "DestinationArn")

else := cfn.alternatives(doc, settings.DestinationArn)

_presence(m) := {"value": "absent"} if m.absent

else := {"value": "set"}

# METADATA
# title: rest_monitoring
# description: |
#   The execution_logging and metrics records of a REST stage from the stage-wide (`*` on `/*`)
#   entries of its MethodSettings (`listed`) and, `stage_wide`, from the map itself (a Deployment's
#   StageDescription), AWS's default when none writes them; tracing from TracingEnabled.
rest_monitoring(doc, id, functions, stage, listed, stage_wide) := {r |
	some setting, spec in _rest_settings
	some r in _level_records(doc, id, functions, setting, spec, _sources(doc, stage, listed, stage_wide, spec.key))
} | records(id, functions, "tracing", exposure.members(doc, stage, ["TracingEnabled"], "false", "flag"))

_sources(doc, stage, listed, stage_wide, key) := [m |
	some m in array.concat(_own(stage, stage_wide), stage_wide_entries(doc, listed))
	not values.is_unset(m, key)
]

_own(stage, true) := [stage]

_own(_, false) := []

# METADATA
# title: stage_wide_entries
# description: The MethodSettings entries (`listed`) for every method of the stage (`*` on `/*`).
stage_wide_entries(doc, listed) := [entry |
	some written in cfn.entries(doc, listed)
	entry := cfn.branch(doc, written)
	values.is_map(entry)
	cfn.known_string(doc, _get(entry, "HttpMethod")) == "*"
	cfn.known_string(doc, _get(entry, "ResourcePath")) == "/*"
]

_level_records(_, id, functions, setting, spec, []) := records(id, functions, setting, {{"value": spec.unset}})

_level_records(doc, id, functions, setting, spec, sources) := {r |
	some source in sources
	some r in records(id, functions, setting, exposure.members(doc, source, [spec.key], spec.unset, spec.known))
} if {
	count(sources) > 0
}
