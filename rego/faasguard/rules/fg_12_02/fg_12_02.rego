# METADATA
# title: FG_12_02 one EFS access point is mounted by several functions
# description: |
#   An access point two or more functions mount (function_settings `efs_access_point`): on the access
#   point when the document declares it, else (the same ARN on several functions) on each function.
package faasguard.rules.fg_12_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_12_02"

_links contains r if {
	some r in model.function_settings
	r.kind == "function"
	r.setting == "efs_access_point"
}

# access point → the sorted functions mounting it, when there are several
_shared[point] := functions if {
	some link in _links
	point := link.value
	functions := findings.functions_of({r | some r in _links; r.value == point})
	count(functions) > 1
}

# the access point when the document declares it, else the functions naming its ARN
_places(point) := {r.resource | some r in _links; r.value == point} if startswith(point, "arn:")

else := {point}

# METADATA
# title: deny
# description: One result per shared access point (per function, for an access point known only by its ARN).
deny contains result if {
	some point, functions in _shared
	some place in _places(point)
	problem := sprintf(
		concat("", [
			"access point %s is mounted by %d functions (%s): each sees the others' files; ",
			"give functions of different trust levels their own access point",
		]),
		[point, count(functions), concat(", ", functions)],
	)
	result := findings.result(_id, model.format, place, functions, problem)
}
