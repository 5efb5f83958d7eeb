# METADATA
# title: FG_05_02 a function has no log group with a finite retention, or its logs are disabled
# description: |
#   A function without a log group in the document (Lambda creates one that never expires), with
#   Serverless `disableLogs: true`, or whose log group keeps logs forever (no retention, or 0) or for
#   fewer days than the setting log_retention_min_days (function_settings, store_settings).
package faasguard.rules.fg_05_02

import data.faasguard.lib.config
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_02"

_function_records[r.setting] contains r if {
	some r in model.function_settings
	r.kind == "function"
}

_missing := model.decided({r | some r in _function_records.log_group; r.value == "absent"})

_disabled := model.decided({r | some r in _function_records.logs_disabled; r.value == "true"})

_groups contains r if {
	some r in model.store_settings
	r.kind == "log_group"
	r.setting == "retention_days"
	count(r.functions) > 0
}

_short := model.decided({r | some r in _groups; _too_short(r.value)})

_minimum := config.log_retention_min_days

_never_expires(value) if value in {"absent", "0"}

_too_short(value) if _never_expires(value)

# other text is not a number of days (deployment would reject it)
_too_short(value) if {
	regex.match(`^[0-9]+$`, value)
	to_number(value) < _minimum
}

_kept("absent") := "forever"

_kept("0") := "forever"

_kept(value) := sprintf("%s days", [value]) if not _never_expires(value)

_created_by_lambda := "Lambda creates /aws/lambda/<function name> on the first invocation, with no retention"

_missing_by_resource[r.resource] contains r if some r in _missing

_disabled_by_resource[r.resource] contains r if some r in _disabled

_short_by_resource[r.resource] contains r if some r in _short

# METADATA
# scope: document
# title: deny
# description: One result per function without a log group or with logs disabled, and per log group kept too long.
deny contains result if {
	some resource, records in _missing_by_resource
	problem := sprintf("%s has no log group in this document: %s", [resource, _created_by_lambda])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some resource, records in _disabled_by_resource
	problem := sprintf("%s disables its logs (disableLogs: true)", [resource])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some resource, records in _short_by_resource
	kept := findings.join({_kept(r.value) | some r in records})
	problem := sprintf("log group %s keeps logs %s, under the %d days asked", [resource, kept, _minimum])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
