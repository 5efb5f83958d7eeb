# METADATA
# title: FG_02_05 a Cognito user pool, client or identity pool is weak
# description: Weak Cognito settings (docs/semantics.md), one result per resource.
package faasguard.rules.fg_02_05

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_02_05"

_minimum_password_length := 12

_weakness(s) := sprintf("minimum password length %s (use at least %d)", [s.value, _minimum_password_length]) if {
	s.setting == "password_minimum_length"
	regex.match(`^[0-9]+$`, s.value)
	to_number(s.value) < _minimum_password_length
}

_weakness(s) := sprintf("passwords need no %s", [s.value]) if {
	s.setting == "password_requires"
	s.value != ""
}

_weakness(s) := "MFA is off" if {
	s.setting == "mfa"
	s.value == "OFF"
}

_weakness(s) := "the legacy ADMIN_NO_SRP_AUTH flow sends passwords to the server" if {
	s.setting == "explicit_auth_flows"
	s.value == "ADMIN_NO_SRP_AUTH"
}

_weakness(s) := sprintf("clients may write the privilege-bearing attribute custom:%s", [s.value]) if {
	s.setting == "writable_custom_attribute"
	regex.match(`(?i)role|admin|group|tenant|permission|scope|privilege`, s.value)
}

_weakness(s) := "unauthenticated identities get AWS credentials" if {
	s.setting == "allow_unauthenticated"
	s.value == "true"
}

_by_resource[s.resource] contains _weakness(s) if some s in model.cognito

# METADATA
# title: deny
# description: One result per weak Cognito resource.
deny contains result if {
	some resource, weaknesses in _by_resource
	problem := sprintf("%s: %s", [resource, concat("; ", sort(weaknesses))])
	result := findings.result(_id, model.format, resource, [], problem)
}
