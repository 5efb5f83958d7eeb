# METADATA
# title: FG_06_02 code signing is not enforced
# description: |
#   A zip function without a code-signing config (on the function), and a code-signing config of the
#   document whose UntrustedArtifactOnDeployment is not Enforce (on the config, naming its functions).
package faasguard.rules.fg_06_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_06_02"

_unsigned := model.decided({s |
	some s in model.function_settings
	s.setting == "code_signing_config"
	s.value == "absent"
})

_warning := model.decided({s |
	some s in model.function_settings
	s.setting == "untrusted_artifact_on_deployment"
	s.value != "Enforce"
})

_unsigned_by_resource[s.resource] contains s if some s in _unsigned

_warning_by_resource[s.resource] contains s if some s in _warning

# METADATA
# title: deny
# scope: document
# description: One result per function without a config, and per config that only warns.
deny contains result if {
	some resource, records in _unsigned_by_resource
	problem := sprintf("%s has no code-signing config: unsigned code can be deployed", [resource])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}

deny contains result if {
	some resource, records in _warning_by_resource
	problem := sprintf(
		"code-signing config %s only warns on untrusted artifacts (UntrustedArtifactOnDeployment %s, not Enforce)",
		[resource, findings.join({s.value | some s in records})],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
