# METADATA
# title: FG_03_05 a function's security group lets it send anything anywhere
# description: |
#   An egress rule of a security group some function uses (network_settings, kind security_group)
#   that allows every protocol to 0.0.0.0/0 or ::/0.
package faasguard.rules.fg_03_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_03_05"

# all protocols to any address
_open_egress := {"-1 0.0.0.0/0", "-1 ::/0"}

_open := model.decided({r |
	some r in model.network_settings
	r.kind == "security_group"
	r.setting == "egress"
	r.value in _open_egress
})

_by_resource[r.resource] contains r if some r in _open

# METADATA
# title: deny
# description: One result per security group or egress rule resource that opens all egress.
deny contains result if {
	some resource, records in _by_resource
	destinations := findings.join({split(r.value, " ")[1] | some r in records})
	problem := sprintf(
		"%s lets the functions send traffic of every protocol to %s: %s",
		[resource, destinations, "nothing limits where a compromised function can send data"],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
