# METADATA
# title: FG_12_04 multi-tenant function without per-tenant isolation
# description: |
#   A function carrying the `multi_tenant_tag` setting's tag (key=value, the value compared
#   case-insensitively; a bare key: any value) whose `tenant_isolation` is not PER_TENANT.
package faasguard.rules.fg_12_04

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_12_04"

_tag := config.setting("multi_tenant_tag")

_key := substring(_tag, 0, indexof(_tag, "=")) if contains(_tag, "=")

else := _tag

_matches(_) if not contains(_tag, "=")

_matches(value) if value == upper(substring(_tag, indexof(_tag, "=") + 1, -1))

_settings(setting) := {r | some r in model.function_settings; r.kind == "function"; r.setting == setting}

_tagged contains f if {
	some r in model.decided({r | some r in _settings(concat("", ["tag:", _key])); _matches(r.value)})
	some f in r.functions
}

_unisolated := model.decided({r |
	some r in _settings("tenant_isolation")
	r.value != "PER_TENANT"
	some f in r.functions
	f in _tagged
})

_by_resource[r.resource] contains r if some r in _unisolated

# METADATA
# title: deny
# description: One result per multi-tenant function that does not isolate tenants.
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some f in findings.functions_of(records); f in _tagged})
	problem := sprintf(
		"%s is tagged multi-tenant (%s) but does not isolate tenants (TenantIsolationMode PER_TENANT)",
		[resource, _tag],
	)
	result := findings.result(_id, model.format, resource, functions, problem)
}
