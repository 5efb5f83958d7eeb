# METADATA
# title: FG_06_06 a dependency manifest of the code a function deploys is not locked or pinned
# description: |
#   A manifest (requirements.txt, pyproject.toml, package.json, go.mod, Gemfile, pom.xml) in a folder a
#   function deploys from, without a lock file or with unpinned versions, as the loader read it into the
#   input field `faasguard_dependencies`; reported on the resource naming the folder.
package faasguard.rules.fg_06_06

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_06_06"

_by_resource[s.resource] contains s if {
	some s in model.function_settings
	s.setting == "dependency_problem"
}

# METADATA
# title: deny
# description: One result per resource naming a code folder with such a manifest.
deny contains result if {
	some resource, records in _by_resource
	functions := {f | some s in records; some f in s.functions}
	problem := sprintf(
		"deploys dependencies that are not locked or pinned: %s",
		[concat("; ", sort({s.value | some s in records}))],
	)
	result := findings.result(_id, model.format, resource, sort(functions), problem)
}
