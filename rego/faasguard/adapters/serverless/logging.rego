# Serverless Framework adapter, function logs (the package's METADATA is in serverless.rego)
# The Framework creates one log group per function with RetentionInDays
# `functions.<f>.logRetentionInDays || provider.logRetentionInDays` (none: never expire), and none for a
# function with `disableLogs: true` or a custom v4 `logs.logGroup` (the function's, else
# `provider.logs.lambda`'s), which logs to that group. function_settings `logs_disabled` per function;
# store_settings `retention_days` on the function key (its own), on `provider` (the functions inheriting
# it), `absent` on each function when neither sets one; a `<Function>LogGroup` of `resources.Resources`
# with RetentionInDays, and a custom group it declares, are read as in a template (lib/logging). The
# twin of src/faasguard/model/serverless_logging.py. Uses `_doc`, `_provider`, `_functions`, `_resources`.
package faasguard.adapters.serverless

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.logging
import data.faasguard.lib.serverless as sls
import data.faasguard.lib.values

function_settings contains logging.setting(name, "function", "logs_disabled", disabled, [name]) if {
	some name, fn in _functions
	disabled := _logging_disabled(fn)
}

store_settings contains r if some r in logging.retention_records(_resources, _logging_users)

store_settings contains logging.setting(name, "log_group", "retention_days", cfn.text(value), [name]) if {
	some name in _logging_own
	value := sls.resolve(_doc, _functions[name].logRetentionInDays)
}

store_settings contains logging.setting("provider", "log_group", "retention_days", text, _logging_inheriting) if {
	count(_logging_inheriting) > 0
	value := sls.resolve(_doc, _provider.logRetentionInDays)
	not value in _logging_falsy
	text := cfn.text(value)
}

store_settings contains logging.setting(name, "log_group", "retention_days", "absent", [name]) if {
	_logging_provider_unset
	some name in _logging_inheriting
}

_logging_falsy := {null, false, "", 0}

# disableLogs as JavaScript reads it (undefined when unknown)
_logging_disabled(fn) := "false" if values.is_unset(fn, "disableLogs")

_logging_disabled(fn) := "false" if sls.resolve(_doc, fn.disableLogs) in _logging_falsy

_logging_disabled(fn) := "true" if {
	value := sls.resolve(_doc, fn.disableLogs)
	not value in _logging_falsy
}

# functions whose log group the Framework creates
_logging_created contains name if {
	some name, fn in _functions
	_logging_disabled(fn) == "false"
	not _logging_custom(fn)
}

_logging_custom(fn) := raw if {
	logs := sls.resolve(_doc, fn.logs)
	raw := logs.logGroup
	raw != null
} else := _logging_provider_group

_logging_provider_group := raw if {
	lambda := sls.resolve(_doc, sls.resolve(_doc, _provider.logs).lambda)
	raw := lambda.logGroup
	raw != null
}

# group logical id → the functions logging to it: an override of the Framework's group, or a custom
# group of resources.Resources
_logging_users[id] := sort({name | some [name, group] in _logging_links; group == id}) if {
	some [_, id] in _logging_links
}

_logging_links contains [name, _logging_group_id(name)] if {
	some name in _logging_created
	_logging_overridden(name)
}

_logging_links contains [name, id] if {
	some name, fn in _functions
	_logging_disabled(fn) == "false"
	group := sls.resolve(_doc, _logging_custom(fn))
	is_string(group)
	id := logging.groups_named(_resources, group)[0]
}

# naming.js getLogGroupLogicalId: the function key with - as Dash and _ as Underscore, capitalized
_logging_group_id(name) := concat("", [upper(substring(normalized, 0, 1)), rest, "LogGroup"]) if {
	normalized := replace(replace(name, "-", "Dash"), "_", "Underscore")
	rest := substring(normalized, 1, -1)
}

_logging_overridden(name) if {
	resource := cfn.resources_of_type(_resources, "AWS::Logs::LogGroup")[_logging_group_id(name)]
	not values.is_unset(cfn.properties(resource), "RetentionInDays")
}

# a function's own logRetentionInDays (set and known: not inherited; unknown: neither)
_logging_own contains name if {
	some name in _logging_created
	not _logging_overridden(name)
	not values.is_unset(_functions[name], "logRetentionInDays")
	not sls.resolve(_doc, _functions[name].logRetentionInDays) in _logging_falsy
}

_logging_inheriting := sort({name |
	some name in _logging_created
	not _logging_overridden(name)
	not name in _logging_own
	not _logging_unknown_own(_functions[name])
})

_logging_unknown_own(fn) if {
	not values.is_unset(fn, "logRetentionInDays")
	not _logging_known(fn.logRetentionInDays)
}

_logging_known(value) if sls.resolve(_doc, value) == sls.resolve(_doc, value)

_logging_provider_unset if values.is_unset(_provider, "logRetentionInDays")

_logging_provider_unset if sls.resolve(_doc, _provider.logRetentionInDays) in _logging_falsy
