# The EFS records of lib/terraform (this package, terraform.rego; docs/model.md, "EFS mounted into
# functions"): each function's `file_system_config` as an `efs_access_point` link (a reference to an
# aws_efs_access_point, else its `arn` as the files settle it), and the access points
# (`posix_user[0].uid`, `root_directory[0].path`) and file systems (`encrypted`; the
# aws_efs_file_system_policy resources whose `file_system_id` references them) those functions mount.
# src/faasguard/model/terraform_efs.py is the Python twin.
#
# The adapters hand these rules the resources of efs_resource_types with their unknown_paths (apis.rego).
package faasguard.lib.terraform

import data.faasguard.lib.efs

# METADATA
# title: efs_resource_types
# description: The resource types the EFS records read (adapters add their unknown_paths).
efs_resource_types := {
	"aws_lambda_function", "aws_efs_access_point",
	"aws_efs_file_system", "aws_efs_file_system_policy",
}

# METADATA
# title: efs_views
# description: The EFS records of the normalized resources, as an object of sets.
efs_views := {
	"function_settings": _efs_links,
	"store_settings": ((_efs_point_records | _efs_system_records) | _efs_policy_records),
}

# [function, access point] of each access point a function's file_system_config references
_efs_pairs contains [f.address, point.address] if {
	some f in _of_type("aws_lambda_function")
	some point in _api_referenced(f, "file_system_config", "aws_efs_access_point")
}

_efs_links contains efs.link(f, p) if some [f, p] in _efs_pairs

# an access point the module does not declare: the ARN as the files settle it
_efs_links contains object.union(efs.link(f.address, arn), choice) if {
	some f in _of_type("aws_lambda_function")
	count(_api_referenced(f, "file_system_config", "aws_efs_access_point")) == 0
	not _api_unknown(f, ["file_system_config"])
	not _api_unknown(f, _efs_arn_path)
	choice_id := sprintf("%s#function_settings:function:efs_access_point", [f.address])
	some [arn, choice] in _alternatives(_api_value(f, _efs_arn_path), choice_id)
	_known_string(arn)
}

_efs_arn_path := ["file_system_config", 0, "arn"]

# access point address → the sorted functions mounting it
_efs_point_users[point] := sort({f | some [f, p] in _efs_pairs; p == point}) if some [_, point] in _efs_pairs

_efs_point_records contains r if {
	some point in _of_type("aws_efs_access_point")
	functions := _efs_point_users[point.address]
	some [name, block, attr] in [["efs_posix_uid", "posix_user", "uid"], ["efs_root_directory", "root_directory", "path"]]
	not _api_unknown(point, [block])
	not _api_unknown(point, [block, 0, attr])
	value := object.get(point.values, [block, 0, attr], null)
	some r in _efs_records(point, "efs_access_point", name, value, "absent", functions)
}

# the records of a value's known alternatives (`unset` when it is null)
_efs_records(r, kind, name, value, unset, functions) := {object.union(record, choice) |
	choice_id := sprintf("%s#store_settings:%s:%s", [r.address, kind, name])
	some [v, choice] in _alternatives(_or_unset(value, unset), choice_id)
	text := _text(v)
	_known_string(text)
	record := efs.setting(r.address, kind, name, text, functions)
}

# file system address → the sorted functions mounting it through its access points
_efs_system_users[system] := sort({f |
	some point in _of_type("aws_efs_access_point")
	some s in _api_referenced(point, "file_system_id", "aws_efs_file_system")
	s.address == system
	some f in object.get(_efs_point_users, point.address, [])
}) if {
	some point in _of_type("aws_efs_access_point")
	_efs_point_users[point.address]
	some s in _api_referenced(point, "file_system_id", "aws_efs_file_system")
	system := s.address
}

_efs_system_records contains r if {
	some system in _of_type("aws_efs_file_system")
	not _api_unknown(system, ["encrypted"])
	functions := _efs_system_users[system.address]
	value := object.get(system.values, "encrypted", null)
	some r in _efs_records(system, "efs_file_system", "efs_encrypted", value, false, functions)
}

# a mounted file system no policy resource names: no policy
_efs_system_records contains r if {
	some system, functions in _efs_system_users
	not system in _efs_with_policy
	some r in efs.policy_records(system, null, functions)
}

# policy resource → the mounted file systems its file_system_id references
_efs_policy_systems[policy.address] := systems if {
	some policy in _of_type("aws_efs_file_system_policy")
	systems := {s.address |
		some s in _api_referenced(policy, "file_system_id", "aws_efs_file_system")
		_efs_system_users[s.address]
	}
	count(systems) > 0
}

_efs_with_policy contains system if {
	some systems in _efs_policy_systems
	some system in systems
}

_efs_policy_records contains r if {
	some policy in _of_type("aws_efs_file_system_policy")
	not _api_unknown(policy, ["policy"])
	document := object.get(policy.values, "policy", null)
	document != null
	systems := _efs_policy_systems[policy.address]
	functions := sort({f | some s in systems; some f in _efs_system_users[s]})
	some r in efs.policy_records(policy.address, document, functions)
}
