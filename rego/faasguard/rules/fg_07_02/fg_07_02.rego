# METADATA
# title: FG_07_02 secret resolved at deployment into a function environment variable
# description: |
#   A secret_settings record of kind "environment": an environment value that CloudFormation, the
#   Serverless Framework or Terraform fills from Secrets Manager or SSM when it deploys, so the secret
#   sits in plaintext in the function configuration.
package faasguard.rules.fg_07_02

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_07_02"

_resolved := model.decided({s |
	some s in model.secret_settings
	s.kind == "environment"
	s.value in {"secretsmanager", "ssm"}
})

_by_resource[s.resource] contains s if some s in _resolved

# METADATA
# title: deny
# description: One result per resource, naming the variables it fills at deployment.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s resolves a secret at deployment into plaintext environment: %s",
		[resource, findings.join({s.setting | some s in records})],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
