# METADATA
# title: faasguard entry points
# description: |
#   Gathers the results of every rule package under data.faasguard.rules: `deny` (CRITICAL, HIGH,
#   MEDIUM) and `warn` (LOW, INFO) for conftest and `opa eval`, and `findings`, all of them sorted.
package faasguard.main

_results contains r if {
	some rule_deny in _rule_denies
	some r in rule_deny
}

# the deny set of every rule package (only `deny` is evaluated)
_rule_denies contains data.faasguard.rules[_].deny

# METADATA
# title: deny
# description: Results of severity CRITICAL, HIGH or MEDIUM.
# entrypoint: true
deny contains r if {
	some r in _results
	r.severity in {"CRITICAL", "HIGH", "MEDIUM"}
}

# METADATA
# title: warn
# description: Results of severity LOW or INFO.
# entrypoint: true
warn contains r if {
	some r in _results
	r.severity in {"LOW", "INFO"}
}

# METADATA
# title: findings
# description: Every result, sorted by rule id, then resource.
# entrypoint: true
findings := [entry[2] | some entry in sort([[r.id, r.resource, r] | some r in _results])]
