# Serverless Framework adapter, lifecycle records (docs/model.md, "Lifecycle settings"; the package is
# described in serverless.rego): `trigger_enabled` of each trigger event (`enabled`, true by default),
# `old_versions` of the versions the Framework publishes (`provider.versionFunctions`, true by default, on
# `provider`; a function's own `versionFunction`), pruned only by serverless-prune-plugin with
# `custom.prune.automatic: true`; `tag` keys of `provider.stackTags` and `*` for tags only deployment
# settles (lib/limits reads `provider.tags` and `functions.<f>.tags`); the resources of
# `resources.Resources` as in a template (lib/lifecycle). The twin of
# src/faasguard/model/serverless_lifecycle.py. Uses `_doc`, `_provider`, `_functions`, `_inheriting`
# (serverless.rego), `_resources` (storage.rego) and `_lambda_logical_id` (apis.rego).
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.lifecycle
import data.faasguard.lib.limits
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

# events whose map form takes `enabled` (each compiles to an event source mapping, rule or schedule)
_lifecycle_events := {
	"sqs", "stream", "msk", "kafka", "activemq", "rabbitmq",
	"schedule", "eventBridge", "cloudwatchEvent",
}

_lifecycle_everyone := sort(object.keys(_functions))

function_settings contains r if {
	some name, triggers in _lifecycle_triggers
	some [i, key, value] in triggers
	kind := sprintf("event events[%d].%s", [i, key])
	some r in lifecycle.records(name, kind, lifecycle.trigger_enabled, {{"value": value}}, [name])
}

# tags only deployment settles: any key may be there
function_settings contains r if {
	some name, fn in _functions
	fn.tags != null
	not _lifecycle_map(fn.tags)
	some r in lifecycle.unsettled_tags(name, [name])
}

function_settings contains r if {
	count(_lifecycle_everyone) > 0
	some key in ["tags", "stackTags"]
	_provider[key] != null
	not _lifecycle_map(_provider[key])
	some r in lifecycle.unsettled_tags("provider", _lifecycle_everyone)
}

# stack tags: CloudFormation gives them to every resource of the stack
function_settings contains r if {
	some r in limits.tag_records("provider", sls.resolve(_doc, _provider.stackTags), _lifecycle_everyone)
}

function_settings contains r if {
	some name, fn in _functions
	fn.versionFunction != null
	value := _lifecycle_published(sls.resolve(_doc, fn.versionFunction))
	some r in lifecycle.records(name, "function", lifecycle.old_versions, {{"value": value}}, [name])
}

function_settings contains r if {
	inheriting := _inheriting("versionFunction")
	count(inheriting) > 0
	value := _lifecycle_published(_lifecycle_versioning)
	some r in lifecycle.records("provider", "function", lifecycle.old_versions, {{"value": value}}, inheriting)
}

function_settings contains r if {
	some r in lifecycle.resource_views(_resources, {
		"functions": {_lambda_logical_id(name): name | some name, _ in _functions},
		"attached": [],
	})
}

# function key → [index, event key, "true"/"false"] of each of its trigger events
_lifecycle_triggers[name] contains [i, key, value] if {
	some name, fn in _functions
	events := sls.resolve(_doc, fn.events)
	is_array(events)
	some i, raw in events
	entry := sls.resolve(_doc, raw)
	is_object(entry)
	some key in _lifecycle_events
	entry[key] != null
	value := _lifecycle_enabled(sls.resolve(_doc, entry[key]))
}

_lifecycle_enabled(event) := "true" if {
	not is_object(event)
} else := "true" if {
	values.is_unset(event, "enabled")
} else := exposure.text_of("flag", sls.resolve(_doc, event.enabled))

# an intrinsic (`{Ref: Tags}`) is a value only deployment settles, not a map of tags
_lifecycle_map(tags) if values.is_map(sls.resolve(_doc, tags))

_lifecycle_versioning if values.is_unset(_provider, "versionFunctions")

else := sls.resolve(_doc, _provider.versionFunctions)

_lifecycle_published(versioned) := "unpublished" if exposure.text_of("flag", versioned) == "false"

_lifecycle_published(versioned) := _lifecycle_cleanup if exposure.text_of("flag", versioned) == "true"

# pruned when serverless-prune-plugin prunes after each deployment, else retained
_lifecycle_cleanup := "retained" if {
	not "serverless-prune-plugin" in _lifecycle_plugins
} else := {"true": "pruned", "false": "retained"}[_lifecycle_automatic]

_lifecycle_plugins contains sls.resolve(_doc, p) if {
	some p in _lifecycle_plugin_list
}

default _lifecycle_plugin_list := []

_lifecycle_plugin_list := plugins if {
	plugins := sls.resolve(_doc, _doc.plugins)
	is_array(plugins)
} else := modules if {
	plugins := sls.resolve(_doc, _doc.plugins)
	modules := sls.resolve(_doc, plugins.modules)
	is_array(modules)
}

# `custom.prune.automatic` as "true"/"false" ("false" when unset); undefined when only deployment settles it
_lifecycle_automatic := "false" if not _lifecycle_prune_written

_lifecycle_automatic := exposure.text_of("flag", automatic) if {
	_lifecycle_prune_written
	automatic := sls.resolve(_doc, _lifecycle_prune_setting)
}

_lifecycle_prune_written if _lifecycle_prune_setting != null

_lifecycle_prune_setting := automatic if {
	custom := sls.resolve(_doc, _doc.custom)
	prune := sls.resolve(_doc, custom.prune)
	automatic := prune.automatic
}
