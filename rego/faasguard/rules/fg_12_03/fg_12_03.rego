# METADATA
# title: FG_12_03 SnapStart snapshot reused across execution environments
# description: A function_settings `snap_start` record of PublishedVersions (reported for review).
package faasguard.rules.fg_12_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_12_03"

_snapped := model.decided({r |
	some r in model.function_settings
	r.kind == "function"
	r.setting == "snap_start"
	r.value == "PUBLISHEDVERSIONS"
})

_by_resource[r.resource] contains r if some r in _snapped

# METADATA
# title: deny
# description: One result per place SnapStart is switched on.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s restores its execution environments from one SnapStart snapshot: review that nothing unique %s",
		[resource, "(seeds, IDs, credentials, tokens, connections) is created or cached during init"],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
