package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

test_identity_pool_statements_of_attached_roles if {
	module := {"resource": {
		"aws_iam_role": {
			"authenticated": [{"name": "auth", "inline_policy": [{
				"name": "invoke",
				"policy": `{"Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]}`,
			}]}],
			"other": [{"name": "other"}],
		},
		"aws_iam_role_policy": {
			"guest": [{
				"role": "${aws_iam_role.authenticated.id}",
				"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			}],
			"other": [{
				"role": "${aws_iam_role.other.id}",
				"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			}],
		},
		"aws_cognito_identity_pool_roles_attachment": {"pool": [{
			"identity_pool_id": "${aws_cognito_identity_pool.pool.id}",
			"roles": {"authenticated": "${aws_iam_role.authenticated.arn}"},
		}]},
	}}
	{[s.resource, s.roles, s.functions] | some s in terraform.views.identity_pool_statements} == {
		["aws_iam_role.authenticated", ["aws_iam_role.authenticated"], []],
		["aws_iam_role_policy.guest", ["aws_iam_role.authenticated"], []],
	} with input as module
}
