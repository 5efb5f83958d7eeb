# METADATA
# title: FG_00_01 anyone can invoke a function whose role grants admin, escalation or a whole service
# description: |
#   A function with a public entry point (an unauthenticated API operation, a function URL with auth type
#   NONE, an invoke permission open to `*`, a trigger source anyone can write to) and a dangerous grant
#   (admin, privilege escalation, service-wide): lib/attack_paths.
package faasguard.rules.fg_00_01

import data.faasguard.lib.attack_paths
import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_00_01"

# METADATA
# title: deny
# description: One result per function with an attack path, on the function.
deny contains result if {
	some function in attack_paths.functions_with_paths
	entries := {sprintf("%s (%s)", [e.name, e.resource]) | some e in attack_paths.public_entry_points[function]}
	grants := attack_paths.dangerous_grants[function]
	levels := [level | some level in attack_paths.levels; _has_level(grants, level)]
	whats := {sprintf("%s in %s", [g.what, g.resource]) | some g in grants}
	problem := sprintf(
		"anyone can invoke %s through %s, and its role grants %s permissions: %s",
		[function, findings.join(entries), concat(", ", levels), findings.join(whats)],
	)
	result := findings.result(_id, model.format, function, [function], problem)
}

_has_level(grants, level) if {
	some g in grants
	g.level == level
}
