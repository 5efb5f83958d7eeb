# METADATA
# title: FG_08_03 a function's memory or /tmp size is above the allowed size without a justification tag
# description: |
#   A function_settings `memory_mb` record from the setting max_memory_mb on, or an `ephemeral_storage_mb`
#   record above max_ephemeral_storage_mb, when some function of the record lacks a `tag` record whose key
#   is the setting size_justification_tag.
package faasguard.rules.fg_08_03

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.lib.limits
import data.faasguard.model

_id := "FG_08_03"

_tag := config.setting("size_justification_tag")

_justified contains f if {
	some r in limits.of(model.function_settings, "tag")
	r.value == _tag
	some f in r.functions
}

_unjustified(r) if {
	some f in r.functions
	not f in _justified
}

_oversized(r) if {
	r.setting == "memory_mb"
	limits.number(r) >= config.setting("max_memory_mb")
}

_oversized(r) if {
	r.setting == "ephemeral_storage_mb"
	limits.number(r) > config.setting("max_ephemeral_storage_mb")
}

_violating := model.decided({r |
	some setting in ["memory_mb", "ephemeral_storage_mb"]
	some r in limits.of(model.function_settings, setting)
	_oversized(r)
	_unjustified(r)
})

_by_resource[r.resource] contains r if some r in _violating

_size(r) := sprintf("%s MB of memory", [r.value]) if r.setting == "memory_mb"

_size(r) := sprintf("%s MB of /tmp", [r.value]) if r.setting == "ephemeral_storage_mb"

# METADATA
# title: deny
# description: One result per place an unjustified large memory or /tmp size is set.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s sizes a function at %s without a `%s` tag saying why: each invocation is billed for it",
		[resource, concat(" and ", sort({_size(r) | some r in records})), _tag],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
