# METADATA
# title: FG_07_01 plaintext secret in function environment variables
# description: |
#   An environment variable with a known string value that is a literal under a secret-looking name,
#   or that looks like a credential whatever its name. Messages name variables, never their values.
package faasguard.rules.fg_07_01

import data.faasguard.lib.findings
import data.faasguard.model

_id := "FG_07_01"

# semantics.md, verbatim: the alternatives joined with "|"
_secret_name_pattern := concat("|", [
	`(^|_)(PASS|PWD|AUTH|DSN)(_|$)`,
	`PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `API_?KEY`, `PRIVATE_?KEY`, `CREDENTIAL`,
	`CONN(ECTION)?_?STRING`, `DATABASE_URL`,
])

_credential_patterns := [
	`^(AKIA|ASIA)[A-Z0-9]{16}$`,
	`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	`^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`,
	`xox[abprs]-[A-Za-z0-9-]{10,}`,
	`sk_live_[0-9A-Za-z]{16,}`,
	`gh[pousr]_[A-Za-z0-9]{36}`,
	`[A-Za-z][A-Za-z0-9+.-]*://[^/:@ ]+:[^/@ ]+@`,
]

_secrets := model.decided({r | some r in model.environment; _is_secret(r.name, r.value)})

_is_secret(name, value) if {
	regex.match(_secret_name_pattern, upper(replace(name, "-", "_")))
	_is_literal_secret(value)
}

_is_secret(_, value) if {
	some pattern in _credential_patterns
	regex.match(pattern, value)
}

# at least 4 characters, not only digits, not a boolean, not an ARN
_is_literal_secret(value) if {
	count(value) >= 4
	not regex.match(`^[0-9]+$`, value)
	not lower(value) in {"true", "false"}
	not startswith(value, "arn:")
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
