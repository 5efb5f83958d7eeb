# METADATA
# title: IAM policy documents
# description: Normalizes policy documents of every format into statements with known actions.
package faasguard.lib.iam

# METADATA
# title: statements
# description: |
#   The statements of a policy document (an object, or a JSON string as Terraform writes it),
#   each as {effect, actions, not_actions} with only the known (string) actions kept.
statements(policy) := {_normalize(s) | some s in statement_list(policy)}

# METADATA
# title: statement_list
# description: |
#   The raw statement objects of a policy document (an object, or a JSON string) as a list, for
#   adapters that resolve format-specific references in them before calling statements.
statement_list(policy) := _statement_list(_document(policy))

_document(policy) := json.unmarshal(policy) if {
	is_string(policy)
	json.is_valid(policy)
}

_document(policy) := policy if is_object(policy)

_statement_list(doc) := doc.Statement if is_array(doc.Statement)

_statement_list(doc) := [doc.Statement] if is_object(doc.Statement)

_normalize(s) := {
	"effect": object.get(s, "Effect", ""),
	"actions": strings_of(object.get(s, "Action", [])),
	"not_actions": strings_of(object.get(s, "NotAction", [])),
}

# METADATA
# scope: document
# title: strings_of
# description: A string or list as a sorted list of its string members; anything else is dropped.
strings_of(value) := [value] if is_string(value)

strings_of(value) := sort([v | some v in value; is_string(v)]) if is_array(value)

strings_of(value) := [] if {
	not is_string(value)
	not is_array(value)
}

# METADATA
# scope: document
# title: is_admin
# description: True when the statement allows every action (Action * or *:*, or Allow with NotAction).
is_admin(statement) if {
	lower(statement.effect) == "allow"
	some action in statement.actions
	action in {"*", "*:*"}
}

is_admin(statement) if {
	lower(statement.effect) == "allow"
	count(statement.not_actions) > 0
}

# AWS managed policies that grant every action (PowerUserAccess: Allow NotAction iam/org/account).
admin_managed_policies := {"AdministratorAccess", "PowerUserAccess"}

# METADATA
# scope: document
# title: is_admin_managed_policy
# description: True for the bare name or the ARN (in any partition) of an AWS managed admin policy.
is_admin_managed_policy(policy) if policy in admin_managed_policies

is_admin_managed_policy(policy) if {
	some match in regex.find_all_string_submatch_n(`^arn:aws[a-z-]*:iam::aws:policy/([A-Za-z]+)$`, policy, 1)
	match[1] in admin_managed_policies
}
