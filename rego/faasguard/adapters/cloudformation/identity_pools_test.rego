package faasguard.adapters.cloudformation_test

import data.faasguard.adapters.cloudformation
import data.faasguard.adapters.sam

_cognito_trust := {"Statement": [{
	"Effect": "Allow",
	"Principal": {"Federated": "cognito-identity.amazonaws.com"},
	"Action": "sts:AssumeRoleWithWebIdentity",
}]}

_pool_template := {"Resources": {
	"Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": false}},
	"AuthRole": {"Type": "AWS::IAM::Role", "Properties": {
		"AssumeRolePolicyDocument": _cognito_trust,
		"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{
			"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*",
		}]}}],
	}},
	"GuestRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": _cognito_trust}},
	"GuestPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
		"PolicyName": "g",
		"Roles": [{"Ref": "GuestRole"}],
		"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]},
	}},
	"Attachment": {"Type": "AWS::Cognito::IdentityPoolRoleAttachment", "Properties": {
		"IdentityPoolId": {"Ref": "Pool"},
		"Roles": {"authenticated": {"Fn::GetAtt": ["AuthRole", "Arn"]}, "unauthenticated": "GuestRole.Arn"},
	}},
}}

test_identity_pool_statements if {
	{[s.resource, s.actions, s.roles, s.functions] | some s in cloudformation.identity_pool_statements} == {
		["AuthRole", ["lambda:InvokeFunction"], ["AuthRole"], []],
		["GuestPolicy", ["s3:GetObject"], ["GuestRole"], []],
	} with input as _pool_template
	count(cloudformation.policy_statements) == 0 with input as _pool_template
}

test_sam_identity_pool_statements if {
	template := object.union(_pool_template, {"Transform": "AWS::Serverless-2016-10-31"})
	{s.resource | some s in sam.identity_pool_statements} == {"AuthRole", "GuestPolicy"} with input as template
}
