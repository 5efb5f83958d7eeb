# METADATA
# title: Lifecycle records
# description: |
#   What SAS-11 reads (docs/model.md, "Lifecycle settings"): the runtimes deprecated by the scan's date
#   (FG_06_01 and FG_11_01 share them), and the function_settings records `trigger_enabled` of triggers,
#   `old_versions` of published versions and `tag` `*` for tags only deployment settles (FG_11_02,
#   FG_11_05, FG_11_06) of CloudFormation and SAM templates (read by the cloudformation, sam and
#   serverless adapters). Tag keys themselves are lib/limits `tag_records`. The Python twins are
#   src/faasguard/model/lifecycle.py and cloudformation_lifecycle.py.
package faasguard.lib.lifecycle

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.config
import data.faasguard.lib.limits
import data.faasguard.lib.metadata
import data.faasguard.lib.values

# METADATA
# title: deprecated_runtimes
# description: The records of a runtimes view whose runtime is deprecated on or before the scan's date.
deprecated_runtimes(runtimes) := {r |
	some r in runtimes
	metadata.runtimes[r.value].deprecated <= config.today
}

# METADATA
# title: trigger_enabled
# description: The setting of a trigger's state ("true"/"false"); kind `trigger`, or `event <name>`.
trigger_enabled := "trigger_enabled"

# METADATA
# title: old_versions
# description: |
#   The setting saying what happens to a function's previous versions: retained, unaliased, aliased,
#   deleted, pruned or unpublished.
old_versions := "old_versions"

# METADATA
# title: sprawling
# description: The `old_versions` values that let versions pile up.
sprawling := {"retained", "unaliased"}

# METADATA
# title: any_key
# description: The key of a tag record standing for keys only deployment settles (no tag key holds `*`).
any_key := "*"

# METADATA
# title: records
# description: The function_settings records of a setting whose alternatives are `members`.
records(resource, kind, setting, members, functions) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": setting, "functions": functions},
	"value", sprintf("%s#function_settings:%s:%s", [resource, kind, setting]),
	members,
)

# METADATA
# title: mapped
# description: |
#   Members (lib/cloudformation_exposure `members`) with each known value looked up in `table`; a
#   value the table lacks is unknown.
mapped(members, table) := {_looked_up(m, table) | some m in members}

_looked_up(m, table) := {"value": table[m.value]} if is_string(table[m.value])

else := {"unknown": true}

# METADATA
# title: states
# description: An upper-cased `State` as `trigger_enabled` (DISABLED is the only disabled state).
states(members) := {_state(m) | some m in members}

_state(m) := {"value": "false"} if m.value == "DISABLED"

else := {"value": "true"} if is_string(m.value)

else := m

# METADATA
# title: unsettled_tags
# description: The `tag` record `*` of tags only deployment settles (any required key may be there).
unsettled_tags(resource, functions) := limits.tag_records(resource, [any_key], functions)

# --- CloudFormation and SAM -------------------------------------------------------------------------

_retaining := {"Retain", "RetainExceptOnCreate"}

# SAM event types that can be written disabled (`Enabled`, or `State` for rules and schedules)
_sam_trigger_types := {
	"SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB",
	"Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule",
}

_get(obj, key) := object.get(obj, key, null)

# METADATA
# title: resource_views
# description: |
#   The function_settings records of the event source mappings, rules, schedules and versions of a
#   template (or any object with a `Resources` map); `host` as lib/cloudformation_apis `no_host`.
resource_views(doc, host) := ({r |
	some id, resource in cfn.resources_of_type(doc, "AWS::Lambda::EventSourceMapping")
	props := cfn.properties(resource)
	some r in trigger(doc, id, "trigger", props, apis.functions(doc, _get(props, "FunctionName"), host))
} | {r |
	some type in ["AWS::Events::Rule", "AWS::Scheduler::Schedule"]
	some id, resource in cfn.resources_of_type(doc, type)
	props := cfn.properties(resource)
	some r in trigger(doc, id, "trigger", props, _targeted(doc, props, host))
}) | {_record(id, "version", old_versions, _version_policy(resource), functions) |
	some id, resource in cfn.resources_of_type(doc, "AWS::Lambda::Version")
	functions := apis.functions(doc, _get(cfn.properties(resource), "FunctionName"), host)
}

_record(resource, kind, setting, value, functions) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": functions,
}

_deletion_policy(policy) := "retained" if policy in _retaining

else := "deleted"

_version_policy(resource) := "retained" if {
	some key in ["DeletionPolicy", "UpdateReplacePolicy"]
	_get(resource, key) in _retaining
} else := "deleted"

# the functions a rule's `Targets` or a schedule's `Target` name
_targeted(doc, props, host) := sort({f |
	some entry in array.concat(cfn.entries(doc, _get(props, "Targets")), cfn.entries(doc, _get(props, "Target")))
	target := cfn.branch(doc, entry)
	is_object(target)
	some f in apis.functions(doc, _get(target, "Arn"), host)
})

# METADATA
# title: trigger
# description: |
#   The `trigger_enabled` records of a trigger's properties: `State` when it is set (rules,
#   schedules), else `Enabled`; enabled when unset.
trigger(doc, id, kind, props, functions) := records(
	id, kind, trigger_enabled,
	states(exposure.members(doc, props, ["State"], "ENABLED", "upper")), functions,
) if {
	_get(props, "State") != null
} else := records(id, kind, trigger_enabled, exposure.members(doc, props, ["Enabled"], "true", "flag"), functions)

# METADATA
# title: function_records
# description: |
#   The records of the functions given as logical id → (effective) Properties; `sam` the ids of those
#   that are AWS::Serverless::Function (their events and AutoPublishAlias versions).
function_records(doc, functions, sam) := {r |
	some id, props in functions
	not _tags_settled(doc, props, id in sam)
	some r in unsettled_tags(id, [id])
} | {r |
	some id, props in functions
	id in sam
	some r in (_sam_events(doc, id, props) | _sam_versions(doc, id, props))
}

_tags_settled(_, props, _) if _get(props, "Tags") == null

_tags_settled(doc, props, true) if {
	tags := cfn.branch(doc, props.Tags)
	is_object(tags)
	not values.is_intrinsic(tags)
}

_tags_settled(doc, props, false) if {
	tags := cfn.branch(doc, props.Tags)
	is_array(tags)
	every t in tags {
		is_object(t)
		is_string(cfn.known_string(doc, _get(t, "Key")))
	}
}

_sam_events(doc, id, props) := {r |
	events := cfn.branch(doc, _get(props, "Events"))
	is_object(events)
	some name, entry in events
	event := cfn.branch(doc, entry)
	_get(event, "Type") in _sam_trigger_types
	properties := _event_properties(doc, event)
	some r in trigger(doc, id, sprintf("event %s", [name]), properties, [id])
}

_event_properties(doc, event) := cfn.branch(doc, event.Properties) if event.Properties != null

else := {}

# SAM passes the function's DeletionPolicy to the versions AutoPublishAlias publishes; else
# VersionDeletionPolicy, else Retain (Delete for a function with CapacityProviderConfig)
_sam_versions(doc, id, props) := set() if {
	_get(props, "AutoPublishAlias") == null
} else := {_record(id, "function", old_versions, _deletion_policy(doc.Resources[id].DeletionPolicy), [id])} if {
	# only DeletionPolicy matters: each version SAM publishes has a new logical id, the old one is deleted
	is_string(doc.Resources[id].DeletionPolicy)
} else := records(
	id, "function", old_versions, mapped(
		exposure.members(doc, props, ["VersionDeletionPolicy"], _sam_default_policy(props), "upper"),
		{"RETAIN": "retained", "DELETE": "deleted"},
	),
	[id],
)

_sam_default_policy(props) := "DELETE" if _get(props, "CapacityProviderConfig") != null

else := "RETAIN"
