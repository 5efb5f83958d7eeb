package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

test_identity_pool_statements_of_resources if {
	trust := {"Statement": [{
		"Effect": "Allow",
		"Principal": {"Federated": "cognito-identity.amazonaws.com"},
		"Action": "sts:AssumeRoleWithWebIdentity",
	}]}
	service := {
		"service": "notes",
		"provider": {"name": "aws", "runtime": "python3.13"},
		"functions": {"sync": {"handler": "sync.handler"}},
		"resources": {"Resources": {
			"AuthRole": {"Type": "AWS::IAM::Role", "Properties": {
				"AssumeRolePolicyDocument": trust,
				"ManagedPolicyArns": [{"Ref": "Data"}, "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"],
				"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{
					"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*",
				}]}}],
			}},
			"GuestRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}},
			"Data": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{
				"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*",
			}]}}},
			"GuestPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
				"Roles": ["GuestRole"],
				"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
			}},
			"Attachment": {"Type": "AWS::Cognito::IdentityPoolRoleAttachment", "Properties": {"Roles": {
				"authenticated": {"Fn::GetAtt": ["AuthRole", "Arn"]},
				"unauthenticated": "GuestRole.Arn",
			}}},
		}},
	}
	{[s.resource, s.roles, s.functions] | some s in serverless.identity_pool_statements} == {
		["AuthRole", ["AuthRole"], []],
		["Data", ["AuthRole"], []],
		["GuestPolicy", ["GuestRole"], []],
	} with input as service
	count(serverless.managed_policies) == 0 with input as service
}
