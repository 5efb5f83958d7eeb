package faasguard.lib.iam_test

import data.faasguard.lib.iam

test_statements_from_json_string if {
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`
	iam.statements(doc) == {{"effect": "Allow", "actions": ["*"], "not_actions": []}}
}

test_statements_from_object_list if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": ["s3:GetObject", {"Ref": "X"}]},
		{"Effect": "Deny", "NotAction": "iam:*"},
	]}
	iam.statements(doc) == {
		{"effect": "Allow", "actions": ["s3:GetObject"], "not_actions": []},
		{"effect": "Deny", "actions": [], "not_actions": ["iam:*"]},
	}
}

test_statements_of_unknown_policy_is_empty if {
	count(iam.statements("${data.aws_iam_policy_document.x.json}")) == 0
	count(iam.statements({"Fn::Sub": "x"})) == 0
}

test_is_admin if {
	iam.is_admin({"effect": "Allow", "actions": ["*"], "not_actions": []})
	iam.is_admin({"effect": "allow", "actions": ["*:*"], "not_actions": []})
	iam.is_admin({"effect": "Allow", "actions": [], "not_actions": ["iam:*"]})
	not iam.is_admin({"effect": "Deny", "actions": ["*"], "not_actions": []})
	not iam.is_admin({"effect": "Allow", "actions": ["s3:*"], "not_actions": []})
}

test_strings_of_other_values if {
	iam.strings_of({"Ref": "X"}) == []
}

test_admin_managed_policies if {
	iam.is_admin_managed_policy("AdministratorAccess")
	iam.is_admin_managed_policy("arn:aws:iam::aws:policy/PowerUserAccess")
	iam.is_admin_managed_policy("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")
	not iam.is_admin_managed_policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
	not iam.is_admin_managed_policy("arn:aws:iam::123456789012:policy/AdministratorAccess")
}
