# The lifecycle records of lib/terraform (this package, terraform.rego; docs/model.md, "Lifecycle
# settings"): function_settings `trigger_enabled` of event source mappings (`enabled`), EventBridge rules
# (`state`, else the older `is_enabled`) and schedules (`state`), `old_versions` of each function
# (`publish`, and whether an aws_lambda_alias points at it), and the `tag` keys lib/limits does not record:
# keys whose value only deployment settles, the provider's default tags (a plan's tags_all), `*` for a map
# only deployment settles. The Python twin is src/faasguard/model/terraform_lifecycle.py.
#
# The adapters hand these rules the resources of lifecycle_resource_types with their unknown_paths
# (apis.rego), each function with `lifecycle_tags`: a list of {resource, keys} ("" the function itself;
# keys ["*"] for a map only deployment settles).
package faasguard.lib.terraform

import data.faasguard.lib.lifecycle
import data.faasguard.lib.limits

# METADATA
# title: lifecycle_resource_types
# description: The resource types the lifecycle records read (with the functions and aliases triggers name).
lifecycle_resource_types := {
	"aws_lambda_function", "aws_lambda_alias", "aws_lambda_event_source_mapping",
	"aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_scheduler_schedule",
}

# METADATA
# title: lifecycle_views
# description: The lifecycle records of the normalized resources, as an object of sets.
lifecycle_views := {"function_settings": union({_lifecycle_triggers, _lifecycle_versions, _lifecycle_tags})}

_lifecycle_triggers contains r if {
	some mapping in _of_type("aws_lambda_event_source_mapping")
	some r in lifecycle.records(
		mapping.address, "trigger", lifecycle.trigger_enabled,
		_exposure_members(mapping, ["enabled"], "true", "flag"), sort(_api_functions_named(mapping, "function_name")),
	)
}

_lifecycle_triggers contains r if {
	some rule in _of_type("aws_cloudwatch_event_rule")
	some r in _lifecycle_state(rule, sort(object.get(_lifecycle_targeted, rule.address, set())))
}

_lifecycle_triggers contains r if {
	some schedule in _of_type("aws_scheduler_schedule")
	some r in _lifecycle_state(schedule, sort(_api_functions_named(schedule, "target")))
}

# rule address → the functions its targets invoke
_lifecycle_targeted[rule.address] contains f if {
	some target in _of_type("aws_cloudwatch_event_target")
	some rule in _api_referenced(target, "rule", "aws_cloudwatch_event_rule")
	some f in _api_functions_named(target, "arn")
}

# `state` (ENABLED by default) when it is set; a rule's deprecated `is_enabled` otherwise
_lifecycle_state(trigger, functions) := lifecycle.records(
	trigger.address, "trigger", lifecycle.trigger_enabled,
	lifecycle.states(_exposure_members(trigger, ["state"], "ENABLED", "upper")), functions,
) if {
	_lifecycle_state_set(trigger)
} else := lifecycle.records(
	trigger.address, "trigger", lifecycle.trigger_enabled,
	_exposure_members(trigger, ["is_enabled"], "true", "flag"), functions,
)

_lifecycle_state_set(trigger) if trigger.type == "aws_scheduler_schedule"

_lifecycle_state_set(trigger) if "state" in trigger.unknown

_lifecycle_state_set(trigger) if _api_value(trigger, ["state"]) != null

_lifecycle_aliased contains f if {
	some alias in _of_type("aws_lambda_alias")
	some f in _api_functions_named(alias, "function_name")
}

# publish = true keeps every version Terraform publishes; an alias is how they are meant to be used
_lifecycle_versions contains r if {
	some function in _of_type("aws_lambda_function")
	publish := _exposure_members(function, ["publish"], "false", "flag")
	members := lifecycle.mapped(publish, {"true": _lifecycle_published(function.address), "false": "unpublished"})
	some r in lifecycle.records(function.address, "function", lifecycle.old_versions, members, [function.address])
}

_lifecycle_published(address) := "aliased" if address in _lifecycle_aliased

else := "unaliased"

_lifecycle_tags contains r if {
	some function in _of_type("aws_lambda_function")
	some tags in object.get(function, "lifecycle_tags", [])
	resource := _lifecycle_tag_resource(function, tags.resource)
	some r in limits.tag_records(resource, tags.keys, [function.address])
}

_lifecycle_tag_resource(function, "") := function.address

_lifecycle_tag_resource(_, resource) := resource if resource != ""
