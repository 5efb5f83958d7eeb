# METADATA
# title: FG_11_04 unused role, or function retained by the stack
# description: |
#   A role whose `referenced_by` record is `absent` (no resource, output or module of the document uses
#   it); a function whose DeletionPolicy or UpdateReplacePolicy retains it in every alternative. The
#   Python twin is unused_roles_and_retained_functions.
package faasguard.rules.fg_11_04

import data.faasguard.lib.findings
import data.faasguard.lib.usage
import data.faasguard.model

_id := "FG_11_04"

_policies[name] := attribute if some attribute, name in usage.retention_attributes

_retained := model.decided({s |
	some s in model.function_settings
	_policies[s.setting]
	s.value in usage.retaining
})

_problems[s.resource] contains sprintf(
	"IAM role %s is not used: no function, service, output or module of this document references it",
	[s.resource],
) if {
	some s in model.function_settings
	s.kind == "iam_role"
	s.setting == "referenced_by"
	s.value == "absent"
}

_problems[resource] contains sprintf(
	"function %s is retained by the stack (%s): it and its permissions outlive the stack",
	[resource, concat(", ", sort(policies))],
) if {
	some resource, policies in _retained_by
}

_retained_by[s.resource] contains sprintf("%s %s", [_policies[s.setting], _title(s.value)]) if some s in _retained

_retained_functions[s.resource] contains fn if {
	some s in _retained
	some fn in s.functions
}

# RETAIN -> Retain, RETAINEXCEPTONCREATE -> Retainexceptoncreate (as Python's str.title)
_title(value) := concat("", [upper(substring(value, 0, 1)), lower(substring(value, 1, -1))])

# METADATA
# title: deny
# description: One result per unused role and per retained function.
deny contains result if {
	some resource, problems in _problems
	functions := sort(object.get(_retained_functions, resource, set()))
	result := findings.result(_id, model.format, resource, functions, concat("; and ", sort(problems)))
}
