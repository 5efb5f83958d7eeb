package faasguard.lib.efs_test

import data.faasguard.lib.efs

_deny_plain_nfs := {
	"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

_mount_targets_only := {
	"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount"],
	"Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}},
}

_both_true := {["efs_tls_enforced", "true"], ["efs_iam_required", "true"]}

_values(document) := {[r.setting, r.value] | some r in efs.policy_records("Files", document, ["Render"])}

test_policy_requiring_tls_and_iam if {
	_values({"Statement": [_deny_plain_nfs, _mount_targets_only]}) == _both_true
}

test_policy_as_json_text if {
	_values(json.marshal({"Statement": [_deny_plain_nfs]})) == {["efs_tls_enforced", "true"], ["efs_iam_required", "true"]}
}

test_unconditioned_allow_lets_anonymous_clients_mount if {
	open := object.remove(_mount_targets_only, ["Condition"])
	_values({"Statement": [_deny_plain_nfs, open]}) == {["efs_tls_enforced", "true"], ["efs_iam_required", "false"]}
}

test_deny_of_another_action_or_principal_does_not_enforce_tls if {
	writes_only := object.union(_deny_plain_nfs, {"Action": "elasticfilesystem:ClientWrite"})
	one_role := object.union(_deny_plain_nfs, {"Principal": {"AWS": "arn:aws:iam::123456789012:role/x"}})
	_values({"Statement": [writes_only, one_role]}) == {["efs_tls_enforced", "false"], ["efs_iam_required", "true"]}
}

test_boolean_false_and_lists_count if {
	listed := object.union(_deny_plain_nfs, {"Condition": {"BoolIfExists": {"AWS:SecureTransport": [false]}}})
	_values({"Statement": listed}) == {["efs_tls_enforced", "true"], ["efs_iam_required", "true"]}
}

test_no_policy_and_unknown_policy if {
	_values(null) == {["efs_tls_enforced", "absent"], ["efs_iam_required", "absent"]}
	_values("${data.aws_iam_policy_document.efs.json}") == set()
}

_template := {
	"Parameters": {"PointArn": {"Type": "String"}},
	"Resources": {
		"Files": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": "true"}},
		"Point": {"Type": "AWS::EFS::AccessPoint", "Properties": {
			"FileSystemId": {"Ref": "Files"},
			"PosixUser": {"Uid": 1000, "Gid": 1000},
		}},
		"Unused": {"Type": "AWS::EFS::AccessPoint", "Properties": {"FileSystemId": {"Ref": "Files"}}},
	},
}

_mounts := {
	"Render": [{"Arn": {"Fn::GetAtt": ["Point", "Arn"]}, "LocalMountPath": "/mnt/files"}],
	"Export": [{"Arn": "Point.Arn"}],
	"Import": [{"Arn": "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0a1b2c3d4e5f60718"}],
	"Sync": [{"Arn": {"Ref": "PointArn"}}],
	"Plain": null,
}

test_template_records if {
	views := efs.resource_views(_template, _mounts)
	{[r.resource, r.value] | some r in views.function_settings} == {
		["Render", "Point"], ["Export", "Point"],
		["Import", "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0a1b2c3d4e5f60718"],
	}
	{[r.resource, r.setting, r.value, r.functions] | some r in views.store_settings} == {
		["Point", "efs_posix_uid", "1000", ["Export", "Render"]],
		["Point", "efs_root_directory", "absent", ["Export", "Render"]],
		["Files", "efs_encrypted", "true", ["Export", "Render"]],
		["Files", "efs_tls_enforced", "absent", ["Export", "Render"]],
		["Files", "efs_iam_required", "absent", ["Export", "Render"]],
	}
}
