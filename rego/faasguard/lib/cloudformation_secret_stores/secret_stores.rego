# METADATA
# title: CloudFormation secret stores
# description: |
#   The function_settings of functions (kms_key, environment_variables) and the secret_settings of the
#   Secrets Manager secrets (kms_key, rotation) and SSM parameters (type, name, value) of a template
#   (docs/model.md, "Secret stores"). Every function takes the template document first: the
#   cloudformation and sam adapters pass the input, the serverless adapter its `resources`. The Python
#   twin is src/faasguard/model/cloudformation_secret_stores.py.
package faasguard.lib.cloudformation_secret_stores

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.values

_secret_type := "AWS::SecretsManager::Secret"

# METADATA
# title: function_records
# description: The function_settings records of functions given as logical id → (effective) Properties.
function_records(doc, functions) := {r |
	some id, props in functions
	some [setting, members] in [
		["kms_key", {{"value": key_flag(m)} | some m in cfn.alternatives_at(doc, props, ["KmsKeyArn"])}],
		["environment_variables", _variables_members(doc, props)],
	]
	some r in records("function_settings", id, "function", setting, members, [id])
}

_variables_members(doc, props) := {_variables_member(m) |
	some m in cfn.alternatives_at(doc, props, ["Environment", "Variables"])
}

# METADATA
# title: records
# description: |
#   The Setting records of one setting from its members ({"value": text} or {"unknown": true}),
#   with choice fields when it has several (the choice id is Python's `resource#view:kind:setting`).
records(view, resource, kind, setting, members, functions) := cfn.choice_records(
	{"resource": resource, "kind": kind, "setting": setting, "functions": functions},
	"value", sprintf("%s#%s:%s:%s", [resource, view, kind, setting]),
	members,
)

# METADATA
# title: key_flag
# description: |
#   Whether a key setting is set, as text: "false" when absent, null, empty or false; "true" for
#   anything else, a reference or a value only deployment settles included (a key someone chose).
key_flag(member) := "false" if member.absent

else := "false" if unset_value(member.value)

else := "true"

# METADATA
# title: unset_value
# scope: document
# description: The values that leave a key setting unset (null, empty, false).
unset_value(null)

unset_value("")

unset_value(false)

# "true" for a map of variables with a key, "false" for none; unknown for anything else
_variables_member(member) := {"value": "false"} if member.absent

else := {"value": "false"} if member.value == null

else := {"value": "true"} if {
	values.is_map(member.value)
	count(member.value) > 0
}

else := {"value": "false"} if values.is_map(member.value)

else := {"unknown": true}

# METADATA
# title: resource_records
# description: The secret_settings records of the secrets and SSM parameters of a template.
resource_records(doc) := _secret_records(doc) | _parameter_records(doc)

_secret_records(doc) := {r |
	rotated := _rotated(doc)
	open := _open_rotations(doc)
	some id, secret in cfn.resources_of_type(doc, _secret_type)
	some [setting, members] in [
		["kms_key", {{"value": key_flag(m)} | some m in cfn.alternatives_at(doc, cfn.properties(secret), ["KmsKeyId"])}],
		["rotation", _rotation_members(id, rotated, open)],
	]
	some r in records("secret_settings", id, "secret", setting, members, [])
}

_rotation_members(id, rotated, _) := {{"value": "true"}} if id in rotated

_rotation_members(id, rotated, open) := {{"value": "false"}} if {
	not id in rotated
	count(open) == 0
}

_rotation_members(id, rotated, open) := {{"unknown": true}} if {
	not id in rotated
	count(open) > 0
}

_rotated(doc) := {id |
	some schedule in cfn.resources_of_type(doc, "AWS::SecretsManager::RotationSchedule")
	some id in _rotation_targets(doc, schedule)
}

# schedules that name no secret of the template by a reference and whose SecretId is not a known
# string: they may rotate any secret
_open_rotations(doc) := {rid |
	some rid, schedule in cfn.resources_of_type(doc, "AWS::SecretsManager::RotationSchedule")
	count(_rotation_targets(doc, schedule)) == 0
	not _known_secret_id(doc, schedule)
}

# (a helper: `not` on a call whose argument may be undefined would be undefined itself)
_known_secret_id(doc, schedule) if cfn.known_string(doc, cfn.branch(doc, _secret_id(schedule)))

_secret_id(schedule) := object.get(cfn.properties(schedule), "SecretId", null)

# the secrets a schedule's SecretId names: by Ref / GetAtt / Sub, or by their known Name
_rotation_targets(doc, schedule) := referenced | named if {
	written := cfn.branch(doc, _secret_id(schedule))
	referenced := cfn.referenced_of_type(doc, written, {_secret_type})
	named := {id |
		known := cfn.known_string(doc, written)
		some id, secret in cfn.resources_of_type(doc, _secret_type)
		cfn.known_string(doc, object.get(cfn.properties(secret), "Name", null)) == known
	}
} else := set()

_parameter_records(doc) := {r |
	some id, parameter in cfn.resources_of_type(doc, "AWS::SSM::Parameter")
	props := cfn.properties(parameter)
	some [setting, members] in [
		["type", {_text_member(m) | some m in cfn.alternatives_at(doc, props, ["Type"])}],
		["name", _name_members(doc, object.get(props, "Name", null))],
		["value", {{"value": v} | v := cfn.known_string(doc, object.get(props, "Value", null))}],
	]
	some r in records("secret_settings", id, "ssm_parameter", setting, members, [])
}

# a string as itself, absent (or null) as "absent", anything else unknown
_text_member(member) := {"value": "absent"} if member.absent

else := {"value": "absent"} if member.value == null

else := member if is_string(member.value)

else := {"unknown": true}

# The Name: when it settles to one string or Fn::Sub whose variables only deployment settles, its
# literal parts with each `${…}` as `*` (unknown when it is one variable and nothing else); else
# each alternative as _text_member reads it.
_name_members(doc, written) := pattern_members(text) if {
	text := _pattern_text(cfn.branch(doc, written))
} else := {_text_member(m) | some m in cfn.alternatives(doc, written)}

_pattern_text(leaf) := leaf["Fn::Sub"] if {
	values.is_intrinsic(leaf)
	is_string(leaf["Fn::Sub"])
}

_pattern_text(leaf) := leaf["Fn::Sub"][0] if {
	values.is_intrinsic(leaf)
	is_string(leaf["Fn::Sub"][0])
}

_pattern_text(leaf) := leaf if {
	is_string(leaf)
	contains(leaf, "${")
}

# METADATA
# title: pattern_members
# description: |
#   A name as written as members: itself when it holds no `${…}`, unknown when it is one `${…}` and
#   nothing else, else with each `${…}` as `*` (the literal parts are what makes a name look secret).
pattern_members(text) := {{"value": text}} if not contains(text, "${")

else := {{"unknown": true}} if regex.match("^\\$\\{[^}]*\\}$", text)

else := {{"value": regex.replace(text, `\$\{[^}]*\}`, "*")}}
