# METADATA
# title: FG_12_05 durable state without a customer-managed key, or a large /tmp to review
# description: |
#   A function_settings `durable_kms_key` record of "false" (a durable function whose execution state
#   is encrypted with an AWS owned key), and an `ephemeral_storage_mb` above the
#   `max_ephemeral_storage_mb` setting (reported for a cleanup review).
package faasguard.rules.fg_12_05

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_12_05"

_settings(setting) := {r | some r in model.function_settings; r.kind == "function"; r.setting == setting}

_unkeyed := model.decided({r | some r in _settings("durable_kms_key"); r.value == "false"})

_large := model.decided({r |
	some r in _settings("ephemeral_storage_mb")
	to_number(r.value) > config.setting("max_ephemeral_storage_mb")
})

_problem(r) := "persists durable execution state without a customer-managed KMS key" if r.setting == "durable_kms_key"

_problem(r) := sprintf("keeps a %s MB /tmp that later invocations reuse: review that it is cleaned", [r.value]) if {
	r.setting == "ephemeral_storage_mb"
}

_by_resource[r.resource] contains r if some r in (_unkeyed | _large)

# METADATA
# title: deny
# description: One result per function with unprotected persisted state.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s %s", [resource, concat("; and ", sort({_problem(r) | some r in records}))])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
