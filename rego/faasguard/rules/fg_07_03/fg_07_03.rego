# METADATA
# title: FG_07_03 function environment variables without a customer-managed KMS key
# description: |
#   A function whose environment has variables (whatever their values) and whose effective KMS key
#   setting is not set: Lambda encrypts them with the AWS managed key, which anyone allowed to read the
#   function's configuration can use. Reported where the key should be set.
package faasguard.rules.fg_07_03

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_07_03"

_settings(setting) := {r | some r in model.function_settings; r.kind == "function"; r.setting == setting}

# the functions that have environment variables in every alternative
_with_variables contains f if {
	some r in model.decided({r | some r in _settings("environment_variables"); r.value == "true"})
	some f in r.functions
}

_without_key := model.decided({r |
	some r in _settings("kms_key")
	r.value == "false"
	some f in r.functions
	f in _with_variables
})

# resource → its offending records
_by_resource[r.resource] contains r if some r in _without_key

# METADATA
# title: deny
# description: One result per resource where the KMS key is (or should be) set.
deny contains result if {
	some resource, records in _by_resource
	functions := sort({f | some f in findings.functions_of(records); f in _with_variables})
	problem := sprintf(
		"%s does not set a customer-managed KMS key for environment variables (they are encrypted with the AWS managed key)",
		[resource],
	)
	result := findings.result(_id, model.format, resource, functions, problem)
}
