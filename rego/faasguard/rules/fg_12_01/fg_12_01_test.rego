package faasguard.rules.fg_12_01_test

import data.faasguard.rules.fg_12_01

_setting(resource, kind, name, value) := {
	"resource": resource, "kind": kind, "setting": name,
	"value": value, "functions": ["Render"],
}

test_root_and_whole_file_system if {
	denied := {r.resource | some r in fg_12_01.deny} with data.faasguard.model.store_settings as {
		_setting("RootPoint", "efs_access_point", "efs_posix_uid", "0"),
		_setting("OpenPoint", "efs_access_point", "efs_posix_uid", "1000"),
		_setting("OpenPoint", "efs_access_point", "efs_root_directory", "/"),
		_setting("NoUser", "efs_access_point", "efs_posix_uid", "absent"),
		_setting("Confined", "efs_access_point", "efs_posix_uid", "1001"),
		_setting("Confined", "efs_access_point", "efs_root_directory", "/render"),
	}
		with data.faasguard.model.format as "cloudformation"
	denied == {"RootPoint", "OpenPoint", "NoUser"}
}

test_file_system_and_policy if {
	denied := {r.resource | some r in fg_12_01.deny} with data.faasguard.model.store_settings as {
		_setting("aws_efs_file_system.plain", "efs_file_system", "efs_encrypted", "false"),
		_setting("aws_efs_file_system.plain", "efs_file_system", "efs_tls_enforced", "absent"),
		_setting("aws_efs_file_system_policy.open", "efs_file_system", "efs_tls_enforced", "true"),
		_setting("aws_efs_file_system_policy.open", "efs_file_system", "efs_iam_required", "false"),
		_setting("aws_efs_file_system.safe", "efs_file_system", "efs_encrypted", "TRUE"),
		_setting("aws_efs_file_system_policy.safe", "efs_file_system", "efs_tls_enforced", "true"),
		_setting("aws_efs_file_system_policy.safe", "efs_file_system", "efs_iam_required", "true"),
	}
		with data.faasguard.model.format as "terraform"
	denied == {"aws_efs_file_system.plain", "aws_efs_file_system_policy.open"}
}

test_fg_03_02_encryption_records_are_not_read if {
	fg_03_02_record := _setting("Files", "efs_file_system", "encrypted", "false")
	count(fg_12_01.deny) == 0 with data.faasguard.model.store_settings as {fg_03_02_record}
		with data.faasguard.model.format as "cloudformation"
}

_choice(i) := object.union(
	_setting("Files", "efs_file_system", "efs_encrypted", ["false", "true"][i]),
	{"choice": "c", "choices": 2, "alternative": i},
)

test_alternatives_decide_together if {
	count(fg_12_01.deny) == 0 with data.faasguard.model.store_settings as {_choice(0), _choice(1)}
		with data.faasguard.model.format as "cloudformation"
}

test_message_names_every_problem if {
	results := fg_12_01.deny with data.faasguard.model.store_settings as {
		_setting("Point", "efs_access_point", "efs_posix_uid", "0"),
		_setting("Point", "efs_access_point", "efs_root_directory", "absent"),
	}
		with data.faasguard.model.format as "sam"
	some r in results
	contains(r.msg, "root (POSIX uid 0)")
	contains(r.msg, "no root directory")
	r.functions == ["Render"]
}
