# METADATA
# title: Secret detection
# description: |
#   What name looks secret and what value is a credential, shared by FG_07_01 (environment values)
#   and FG_07_07 (defaults of parameters, variables and custom values). The Python twin is
#   faasguard.model.secret_detection; docs/semantics.md states the patterns.
package faasguard.lib.secrets

_secret_name_pattern := concat("|", [
	`(^|_)(PASS|PWD|AUTH|DSN)(_|$)`,
	`PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `API_?KEY`, `PRIVATE_?KEY`, `CREDENTIAL`,
	`CONN(ECTION)?_?STRING`, `DATABASE_URL`,
])

# a name that says the value points at a secret (the fix FG_07_01 recommends) or is a setting about it
# (`AUTH_TYPE: none`, `TOKEN_MODE`), not that it is one
_reference_name_pattern := concat("", [
	`(^|_)(NAMES?|ARNS?|IDS?|PATHS?|PARAMS?|PARAMETERS?`,
	`|TYPES?|MODES?|METHODS?|ENABLED|DISABLED)$`,
])

_access_key_id := `^(AKIA|ASIA)[A-Z0-9]{16}$`

_credential_patterns := [
	_access_key_id,
	`-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----`,
	`^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`,
	`xox[abprs]-[A-Za-z0-9-]{10,}`,
	`(sk|rk)_live_[0-9A-Za-z]{16,}`,
	`gh[pousr]_[A-Za-z0-9]{36}`,
	`github_pat_[A-Za-z0-9_]{22,}`,
	`glpat-[A-Za-z0-9_-]{20,}`,
	`AIza[0-9A-Za-z_-]{35}`,
	`SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`,
	`npm_[A-Za-z0-9]{36}`,
	`[A-Za-z][A-Za-z0-9+.-]*://[^/:@ ]+:[^/@ ]+@`,
]

# METADATA
# title: normalized_name
# description: "`dbPassword`, `db-password`, `custom.db.password` → upper snake case (DB_PASSWORD)."
normalized_name(name) := upper(regex.replace(regex.replace(name, `([a-z0-9])([A-Z])`, "${1}_${2}"), `[-./ ]`, "_"))

# METADATA
# title: secret_name
# description: A name that says its value is a secret, and not a reference to one (`…_ARN`, `…_SECRET_NAME`).
secret_name(name) if {
	normalized := normalized_name(name)
	regex.match(_secret_name_pattern, normalized)
	not regex.match(_reference_name_pattern, normalized)
}

# METADATA
# title: access_key_id
# description: An AWS access key id (AKIA…, ASIA…).
access_key_id(value) if regex.match(_access_key_id, value)

# METADATA
# title: secret_key_candidate
# description: 40 characters of base64 in mixed case; a secret access key when beside an access key id.
secret_key_candidate(value) if {
	regex.match(`^[A-Za-z0-9/+]{40}$`, value)
	regex.match(`[a-z]`, value)
	regex.match(`[A-Z]`, value)
}

# METADATA
# scope: document
# title: credential
# description: |
#   A value that is a credential whatever its name: a known shape or prefix, or the AWS secret key
#   shape with `/` or `+` and a digit (never a hex hash or an alphanumeric id).
credential(value) if {
	some pattern in _credential_patterns
	regex.match(pattern, value)
}

credential(value) if {
	secret_key_candidate(value)
	regex.match(`[/+]`, value)
	regex.match(`[0-9]`, value)
}

# METADATA
# scope: document
# title: secret_literal
# description: A known value that is a credential, or a literal under a secret name.
secret_literal(_, value) if credential(value)

secret_literal(name, value) if {
	secret_name(name)
	_literal(value)
}

# at least 4 characters, not only digits, not a boolean, not an ARN
_literal(value) if {
	count(value) >= 4
	not regex.match(`^[0-9]+$`, value)
	not lower(value) in {"true", "false"}
	not startswith(value, "arn:")
}
