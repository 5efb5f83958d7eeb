# METADATA
# title: EFS mounted into functions
# description: |
#   The EFS records (docs/model.md, "EFS mounted into functions"): the function_settings link from a
#   function to the access point its file-system configuration names, and the store_settings of the
#   access points and file systems functions mount (POSIX user, root directory, encryption,
#   file-system policy). What every format shares (`setting`, `policy_records`), and the reading of
#   CloudFormation resources (`resource_views`, read by the cloudformation, sam and serverless
#   adapters). The Python twins are src/faasguard/model/efs.py and cloudformation_efs.py.
package faasguard.lib.efs

import data.faasguard.lib.cloudformation as cfn
import data.faasguard.lib.cloudformation_apis as references
import data.faasguard.lib.cloudformation_exposure as exposure
import data.faasguard.lib.iam
import data.faasguard.lib.values

_access_point_type := "AWS::EFS::AccessPoint"

_file_system_type := "AWS::EFS::FileSystem"

# the action an NFS client needs to mount: a policy statement about mounting names it (or a wildcard of it)
_mount_action := "elasticfilesystem:ClientMount"

# METADATA
# title: setting
# description: A record of the EFS settings (`kind` efs_access_point, efs_file_system or function).
setting(resource, kind, name, value, functions) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": functions,
}

# METADATA
# title: link
# description: |
#   The `efs_access_point` link of a function: the id of a declared access point, else the ARN as the
#   files settle it (an access point of another stack or module).
link(function, value) := setting(function, "function", "efs_access_point", value, [function])

# METADATA
# title: policy_records
# description: |
#   `efs_tls_enforced` and `efs_iam_required` of a file-system policy on `resource`: "absent" for a
#   file system without one (null), "true"/"false" for a known document (an object or a JSON text),
#   none for a document only deployment settles.
policy_records(resource, document, functions) := {setting(resource, "efs_file_system", name, value, functions) |
	some name, value in _policy_values(document)
}

_policy_values(null) := {"efs_tls_enforced": "absent", "efs_iam_required": "absent"}

_policy_values(document) := {
	"efs_tls_enforced": _tls_enforced(statements),
	"efs_iam_required": _iam_required(statements),
} if {
	_is_document(document)
	statements := iam.statement_list(document)
}

_is_document(document) if is_object(document)

_is_document(document) if {
	is_string(document)
	json.is_valid(document)
	is_object(json.unmarshal(document))
}

_tls_enforced(statements) := "true" if {
	some s in statements
	_denies_insecure_transport(s)
} else := "false"

_iam_required(statements) := "false" if {
	some s in statements
	_lets_anyone_mount(s)
} else := "true"

# every client, anonymous NFS clients included: `*` or {"AWS": "*"} (or a list holding `*`)
_everyone(principal) if {
	is_object(principal)
	"*" in iam.strings_of(object.get(principal, "AWS", null))
}

_everyone(principal) if {
	not is_object(principal)
	"*" in iam.strings_of(principal)
}

_about_mounting(s) if {
	some action in iam.strings_of(object.get(s, "Action", null))
	iam.action_matches(action, _mount_action)
}

# a Deny to everyone of mounting when aws:SecureTransport is false (EFS's "enforce in-transit encryption")
_denies_insecure_transport(s) if {
	lower(sprintf("%v", [object.get(s, "Effect", "")])) == "deny"
	_everyone(object.get(s, "Principal", null))
	_about_mounting(s)
	some operator in ["Bool", "BoolIfExists"]
	some key, value in object.get(s, ["Condition", operator], {})
	lower(key) == "aws:securetransport"
	_is_false(value)
}

_is_false(value) if _false_scalar(value)

_is_false(value) if {
	is_array(value)
	some v in value
	_false_scalar(v)
}

_false_scalar(false)

_false_scalar(value) if {
	is_string(value)
	lower(value) == "false"
}

# an Allow of mounting to everyone without a condition: anonymous clients mount without IAM
_lets_anyone_mount(s) if {
	iam.is_allow({"effect": object.get(s, "Effect", null)})
	_everyone(object.get(s, "Principal", null))
	not _has_condition(s)
	_about_mounting(s)
}

_has_condition(s) if not object.get(s, "Condition", null) in {null, "", [], {}}

# METADATA
# title: resource_views
# description: |
#   {function_settings, store_settings}: the EFS records of a template (or any object with a
#   `Resources` map); `mounts`: function id → its FileSystemConfigs as written.
resource_views(doc, mounts) := {
	"function_settings": _links(doc, mounts),
	"store_settings": (_point_records(doc, users) | _system_records(doc, users)),
} if {
	users := _point_users(doc, mounts)
}

# [function, access point] of each declared access point a function's FileSystemConfigs names
_pairs(doc, mounts) := {[function, point] |
	some function, written in mounts
	some arn in _arns(doc, written)
	some point in references.ids(doc, arn, {_access_point_type})
}

# the Arn of each entry of a FileSystemConfigs list, through the Fn::If the template settles
_arns(doc, written) := {_arn(config) |
	some entry in cfn.entries(doc, written)
	config := cfn.branch(doc, entry)
	config != {"Ref": "AWS::NoValue"}
}

_arn(config) := object.get(config, "Arn", null) if values.is_map(config)

else := config

_point_users(doc, mounts) := {point: sort({f | some [f, p] in pairs; p == point}) |
	pairs := _pairs(doc, mounts)
	some [_, point] in pairs
}

_links(doc, mounts) := {link(f, p) | some [f, p] in _pairs(doc, mounts)} | {r |
	some function, written in mounts
	some arn in _arns(doc, written)
	count(references.ids(doc, arn, {_access_point_type})) == 0
	some r in cfn.choice_records(
		link(function, null),
		"value", sprintf("%s#function_settings:function:efs_access_point", [function]),
		cfn.alternatives(doc, arn),
	)
}

_point_records(doc, users) := {r |
	some point, functions in users
	props := cfn.properties(doc.Resources[point])
	some [name, path] in [["efs_posix_uid", ["PosixUser", "Uid"]], ["efs_root_directory", ["RootDirectory", "Path"]]]
	members := {_text_member(m) | some m in cfn.alternatives_at(doc, props, path)}
	some r in _records(point, "efs_access_point", name, members, functions)
}

# a known scalar as text, "absent" when unset
_text_member(m) := {"value": "absent"} if m.absent

else := {"value": text} if {
	text := cfn.text(m.value)
} else := {"unknown": true}

_records(resource, kind, name, members, functions) := cfn.choice_records(
	setting(resource, kind, name, null, functions),
	"value", sprintf("%s#store_settings:%s:%s", [resource, kind, name]),
	members,
)

# file system → the functions mounting it through its access points
_system_users(doc, users) := {system: sort({f | some [p, s] in pairs; s == system; some f in users[p]}) |
	pairs := {[point, s] |
		some point, _ in users
		written := object.get(cfn.properties(doc.Resources[point]), "FileSystemId", null)
		some s in references.ids(doc, written, {_file_system_type})
	}
	some [_, system] in pairs
}

_system_records(doc, users) := {r |
	some system, functions in _system_users(doc, users)
	props := cfn.properties(doc.Resources[system])
	members := exposure.members(doc, props, ["Encrypted"], "false", "flag")
	some r in _records(system, "efs_file_system", "efs_encrypted", members, functions)
} | {r |
	some system, functions in _system_users(doc, users)
	document := cfn.branch(doc, object.get(cfn.properties(doc.Resources[system]), "FileSystemPolicy", null))
	some r in policy_records(system, _no_value_as_null(document), functions)
}

_no_value_as_null({"Ref": "AWS::NoValue"}) := null

_no_value_as_null(document) := document if document != {"Ref": "AWS::NoValue"}
