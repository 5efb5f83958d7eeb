# METADATA
# title: FG_05_06 function has no alarm on its errors or throttles
# description: |
#   A function no CloudWatch alarm of the document watches on its AWS/Lambda Errors or Throttles metric
#   (monitoring_settings alarm_metric records list the functions each alarm watches; `*`, a metric only
#   deployment settles, counts as any).
package faasguard.rules.fg_05_06

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_05_06"

_required := {"Errors", "Throttles"}

_watched[f] contains s.value if {
	some s in model.monitoring_settings
	s.kind == "alarm"
	s.setting == "alarm_metric"
	some f in s.functions
}

_missing(f) := set() if "*" in object.get(_watched, f, set())

else := _required - object.get(_watched, f, set())

# METADATA
# title: deny
# description: One result per function without both alarms, naming the missing metrics.
deny contains result if {
	some function in model.functions
	missing := _missing(function.resource)
	count(missing) > 0
	what := sprintf("function %s has no CloudWatch alarm on its AWS/Lambda %s metric(s)", [
		function.resource,
		concat(" and ", sort(missing)),
	])
	result := findings.result(_id, model.format, function.resource, [function.resource], what)
}
