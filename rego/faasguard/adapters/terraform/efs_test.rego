package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

_tls_only := json.marshal({"Statement": [{
	"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}]})

_fs_arn := "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0a1b2c3d4e5f60718"

_efs_module := {"resource": {
	"aws_efs_file_system": {
		"files": [{"creation_token": "files", "encrypted": true}],
		"plain": [{"creation_token": "plain"}],
		"later": [{"creation_token": "later", "encrypted": "${var.encrypted}"}],
	},
	"aws_efs_file_system_policy": {"files": [{"file_system_id": "${aws_efs_file_system.files.id}", "policy": _tls_only}]},
	"aws_efs_access_point": {
		"render": [{
			"file_system_id": "${aws_efs_file_system.files.id}",
			"posix_user": [{"uid": 1000, "gid": 1000}], "root_directory": [{"path": "/render"}],
		}],
		"root": [{"file_system_id": "${aws_efs_file_system.plain.id}", "posix_user": [{"uid": "${var.uid}", "gid": 0}]}],
		"later": [{"file_system_id": "${aws_efs_file_system.later.id}"}],
	},
	"aws_lambda_function": {
		"render": [{"function_name": "render", "file_system_config": [{"arn": "${aws_efs_access_point.render.arn}"}]}],
		"admin": [{"function_name": "admin", "file_system_config": [{"arn": "${aws_efs_access_point.root.arn}"}]}],
		"batch": [{"function_name": "batch", "file_system_config": [{"arn": "${aws_efs_access_point.later.arn}"}]}],
		"shared": [{"function_name": "shared", "file_system_config": [{"arn": _fs_arn}]}],
		"unset": [{"function_name": "unset", "file_system_config": [{"arn": "${var.point}"}]}],
	},
}}

test_efs_views_of_a_module if {
	views := terraform.efs_views with input as _efs_module
	{[r.resource, r.value] | some r in views.function_settings} == {
		["aws_lambda_function.render", "aws_efs_access_point.render"],
		["aws_lambda_function.admin", "aws_efs_access_point.root"],
		["aws_lambda_function.batch", "aws_efs_access_point.later"],
		["aws_lambda_function.shared", _fs_arn],
	}
	{[r.resource, r.setting, r.value] | some r in views.store_settings} == {
		["aws_efs_access_point.render", "efs_posix_uid", "1000"],
		["aws_efs_access_point.render", "efs_root_directory", "/render"],
		["aws_efs_access_point.root", "efs_root_directory", "absent"],
		["aws_efs_access_point.later", "efs_posix_uid", "absent"],
		["aws_efs_access_point.later", "efs_root_directory", "absent"],
		["aws_efs_file_system.files", "efs_encrypted", "true"],
		["aws_efs_file_system_policy.files", "efs_tls_enforced", "true"],
		["aws_efs_file_system_policy.files", "efs_iam_required", "true"],
		["aws_efs_file_system.plain", "efs_encrypted", "false"],
		["aws_efs_file_system.plain", "efs_tls_enforced", "absent"],
		["aws_efs_file_system.plain", "efs_iam_required", "absent"],
		["aws_efs_file_system.later", "efs_tls_enforced", "absent"],
		["aws_efs_file_system.later", "efs_iam_required", "absent"],
	}
}
