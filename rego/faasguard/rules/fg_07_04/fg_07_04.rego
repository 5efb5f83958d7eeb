# METADATA
# title: FG_07_04 secret store configured weakly
# description: |
#   A Secrets Manager secret without a customer-managed KMS key or without rotation; an SSM parameter
#   that holds a secret (a secret-looking Name or own name, or a credential-looking value) and is not a
#   SecureString. The detection of secret names and credentials is lib/secrets.
package faasguard.rules.fg_07_04

import data.faasguard.lib.findings
import data.faasguard.lib.secrets
import data.faasguard.model

_id := "FG_07_04"

_settings(kind, setting) := {r | some r in model.secret_settings; r.kind == kind; r.setting == setting}

_problems := {
	"kms_key": "is encrypted with the AWS managed key, not a customer-managed KMS key",
	"rotation": "has no rotation configured",
	"type": "holds a secret (by its name or value) but is not a SecureString parameter",
}

_offending := (model.decided({r | some r in _settings("secret", "kms_key"); r.value == "false"}) | model.decided({r |
	some r in _settings("secret", "rotation")
	r.value == "false"
})) | model.decided({r |
	some r in _settings("ssm_parameter", "type")
	r.resource in _secret_parameters
	r.value != "SecureString"
})

# parameters whose Name (in every alternative) or own name looks secret, or whose value is a credential
_secret_parameters contains r.resource if {
	some r in model.decided({r | some r in _settings("ssm_parameter", "name"); secrets.secret_name(r.value)})
}

_secret_parameters contains r.resource if {
	some r in _settings("ssm_parameter", "value")
	secrets.credential(r.value)
}

_secret_parameters contains r.resource if {
	some r in _settings("ssm_parameter", "type")
	secrets.secret_name(_own_name(r.resource))
}

# a resource's own name: the last label of a Terraform address (instance key dropped) or a logical
# id, less a trailing "Parameter" (it names the resource, not a reference to a secret)
_own_name(resource) := regex.replace(label, `(?i)[-_]?(ssm)?[-_]?param(eter)?s?$`, "") if {
	labels := split(regex.replace(resource, `\[[^\]]*\]$`, ""), ".")
	label := labels[count(labels) - 1]
}

# resource → its offending records
_by_resource[r.resource] contains r if some r in _offending

# METADATA
# title: deny
# description: One result per secret or parameter, naming each of its problems.
deny contains result if {
	some resource, records in _by_resource
	problem := sprintf("%s %s", [resource, concat(" and ", sort({_problems[r.setting] | some r in records}))])
	result := findings.result(_id, model.format, resource, [], problem)
}
