# METADATA
# title: Publicly writable trigger sources
# description: |
#   Which resource-policy statements (model.source_policies) make a trigger source publicly writable: a
#   public Allow without a source condition of an action that puts an event into it (a
#   `public-read-write` bucket ACL is such a statement). Shared by FG_09_02 (reported on the policy) and
#   FG_01_03 (reported on the trigger). The Python twin is src/faasguard/model/public_write.py.
package faasguard.lib.public_write

import data.faasguard.lib.iam

# the actions that put an event into a trigger source (matched with the policy's wildcards)
_write_actions := [
	"s3:PutObject", "sns:Publish", "sqs:SendMessage",
	"events:PutEvents", "kinesis:PutRecord", "kinesis:PutRecords",
]

# METADATA
# title: is_public_write
# description: A public Allow without a source condition of an action that writes an event.
is_public_write(statement) if {
	iam.is_allow(statement)
	statement.public
	not statement.constrained
	_writes(statement)
}

_writes(statement) if {
	some pattern in statement.actions
	some action in _write_actions
	iam.action_matches(pattern, action)
}

# METADATA
# title: writable_targets
# description: |
#   Declared source id → the statements of `statements` that let anyone write to it (targets outside the
#   document left out).
writable_targets(statements) := {statement.target: _writes_to(statements, statement.target) |
	some statement in statements
	is_public_write(statement)
	statement.target != ""
}

_writes_to(statements, target) := {s | some s in statements; s.target == target; is_public_write(s)}
