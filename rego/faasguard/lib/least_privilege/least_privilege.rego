# METADATA
# title: Least privilege
# description: |
#   What the least-privilege rules (FG_07_06, FG_09_03, FG_09_05) share: which entries of a statement
#   grant given actions, on an unscoped resource, and which AWS managed policies grant an action on
#   every resource. The Python twins are in src/faasguard/model/iam.py (granted, unscoped_grants, managed_grants).
package faasguard.lib.least_privilege

import data.faasguard.lib.iam
import data.faasguard.lib.iam_data

# METADATA
# title: secret_reads
# description: The actions that read a secret, a parameter or decrypt with a key (FG_07_06).
secret_reads := [
	"secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters",
	"ssm:GetParametersByPath", "kms:Decrypt",
]

# METADATA
# title: invokes
# description: The actions that invoke a Lambda function.
invokes := ["lambda:InvokeFunction", "lambda:InvokeAsync"]

# METADATA
# title: granted
# description: |
#   The entries of an Allow statement's actions (as written) that grant one of `actions`, plus the
#   marker "NotAction" when its NotAction leaves one of them granted.
granted(statement, actions) := {entry |
	iam.is_allow(statement)
	some entry in statement.actions
	some action in actions
	iam.action_matches(entry, action)
} | _not_action(statement, actions)

_not_action(statement, actions) := {"NotAction"} if {
	count(statement.not_actions) > 0
	some action in actions
	iam.grants_action(statement, action)
} else := set()

# METADATA
# title: unscoped_grants
# description: The `granted` entries of a statement with an unscoped resource (iam.grants_unscoped).
unscoped_grants(statement, actions) := granted(statement, actions) if {
	iam.grants_unscoped(statement)
} else := set()

# METADATA
# scope: document
# title: managed_grants
# description: |
#   True for an AWS managed policy that grants `action` on every resource: an admin policy, or a broad
#   one whose listed grant (data/managed_policies.yaml) is an action pattern matching it, alone or
#   "on every …".
managed_grants(policy, _) if iam.is_admin_managed_policy(policy)

managed_grants(policy, action) if {
	some entry in iam_data.broad_managed_policies[iam.broad_managed_policy(policy)].grants
	some match in regex.find_all_string_submatch_n(`^([^ ]*)(?: on every .*)?$`, entry, 1)
	iam.action_matches(match[1], action)
}
