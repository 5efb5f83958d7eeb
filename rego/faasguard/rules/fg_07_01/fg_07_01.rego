# METADATA
# title: FG_07_01 plaintext secret in function environment variables
# description: |
#   An environment variable with a known string value that is a literal under a secret-looking name
#   (not a reference name such as `…_SECRET_NAME`), that looks like a credential whatever its name, or
#   that has the shape of an AWS secret access key beside an access key id. Messages name variables,
#   never their values. The detection is lib/secrets.
package faasguard.rules.fg_07_01

import data.faasguard.lib.findings
import data.faasguard.lib.secrets
import data.faasguard.model

_id := "FG_07_01"

_secrets := model.decided({r | some r in model.environment; _is_secret(r)})

_is_secret(r) if secrets.secret_literal(r.name, r.value)

_is_secret(r) if {
	r.resource in _with_access_key_id
	secrets.secret_key_candidate(r.value)
}

# resources whose environment holds an AWS access key id
_with_access_key_id contains r.resource if {
	some r in model.environment
	secrets.access_key_id(r.value)
}

# resource → its offending records
_by_resource[r.resource] contains r if some r in _secrets

# METADATA
# title: deny
# description: One result per resource, naming its offending variables.
deny contains result if {
	some resource, records in _by_resource
	names := findings.join({r.name | some r in records})
	problem := sprintf("%s sets environment variables that look like plaintext secrets: %s", [resource, names])
	result := findings.result(_id, model.format, resource, findings.functions_of(records), problem)
}
