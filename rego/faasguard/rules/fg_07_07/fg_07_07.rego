# METADATA
# title: FG_07_07 secret written as a template parameter, variable or custom value default
# description: |
#   A secret_settings record of kind "parameter" (a CloudFormation/SAM Parameter without NoEcho),
#   "variable" (a Terraform variable without sensitive) or "custom" (a Serverless custom value or
#   param) whose default is a secret literal under its name (lib/secrets), reported on the resources
#   that reference it. Messages name the parameters, never their values.
package faasguard.rules.fg_07_07

import data.faasguard.lib.findings
import data.faasguard.lib.secrets
import data.faasguard.model

_id := "FG_07_07"

_labels := {"parameter": "parameter ", "variable": "variable ", "custom": ""}

_secrets := model.decided({s |
	some s in model.secret_settings
	s.kind in object.keys(_labels)
	secrets.secret_literal(_name(s.setting), s.value)
})

# a Serverless value's path without `custom.`, `params.<stage>.` or `stages.<stage>.params.`
_name(setting) := regex.replace(setting, `^(custom\.|params\.[^.]+\.|stages\.[^.]+\.params\.)`, "")

_by_resource[s.resource] contains s if some s in _secrets

# METADATA
# title: deny
# description: One result per resource, naming the parameters, variables or values it references.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf(
		"%s uses a secret written as a default in the files: %s",
		[resource, findings.join({concat("", [_labels[s.kind], s.setting]) | some s in records})],
	)
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
