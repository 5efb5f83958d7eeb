# METADATA
# title: FG_08_07 a VPC-attached function lists a single subnet
# description: A function_settings `subnet_count` record of 1.
package faasguard.rules.fg_08_07

import data.faasguard.lib.findings
import data.faasguard.lib.limits
import data.faasguard.model

_id := "FG_08_07"

_single := model.decided({r |
	some r in limits.of(model.function_settings, "subnet_count")
	r.value == "1"
})

_by_resource[r.resource] contains r if some r in _single

# METADATA
# title: deny
# description: One result per place a single subnet is listed.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s attaches functions to one subnet only: one Availability Zone, and its free IP addresses cap how many run at once",
		[resource],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
