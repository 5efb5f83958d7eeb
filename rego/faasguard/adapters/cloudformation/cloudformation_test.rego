package faasguard.adapters.cloudformation_test

import data.faasguard.adapters.cloudformation

# a statement on Resource "*" (every statement of _template has it)
_record(resource, effect, actions, not_actions, roles, functions) := {
	"resource": resource,
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": ["*"],
	"iam_not_resources": [],
	"roles": roles,
	"functions": functions,
}

_statement(effect, actions) := {"Effect": effect, "Action": actions, "Resource": "*"}

_template := {
	"AWSTemplateFormatVersion": "2010-09-09",
	"Parameters": {
		"LegacyRuntime": {"Type": "String", "Default": "nodejs14.x"},
		"TracingMode": {"Type": "String", "Default": "PassThrough"},
		"DbPassword": {"Type": "String", "NoEcho": true},
	},
	"Resources": {
		"Orders": {"Type": "AWS::Lambda::Function", "Properties": {
			"FunctionName": "orders-api",
			"Runtime": "python3.12",
			"Handler": "app.handler",
			"Role": {"Fn::GetAtt": ["OrdersRole", "Arn"]},
			"TracingConfig": {"Mode": "Active"},
			"Environment": {"Variables": {
				"TABLE": "orders",
				"DB_PASSWORD": {"Ref": "DbPassword"},
				"REGION": {"Ref": "AWS::Region"},
				"API_KEY": "k-12345678",
			}},
		}},
		"Legacy": {"Type": "AWS::Lambda::Function", "Properties": {
			"FunctionName": {"Fn::Sub": "${AWS::StackName}-legacy"},
			"Runtime": {"Ref": "LegacyRuntime"},
			"Role": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/x/${SharedRole.Arn}"},
			"TracingConfig": {"Mode": {"Ref": "TracingMode"}},
			"Environment": {"Variables": {"Fn::If": ["IsProd", {}, {}]}},
		}},
		"Image": {"Type": "AWS::Lambda::Function", "Properties": {
			"PackageType": "Image",
			"Code": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"},
			"Role": "arn:aws:iam::123456789012:role/external",
			"TracingConfig": {},
		}},
		"Unknowns": {"Type": "AWS::Lambda::Function", "Properties": {
			"Runtime": {"Fn::ImportValue": "runtime"},
			"Role": {"Ref": "SharedRole"},
			"TracingConfig": {"Fn::If": ["IsProd", {"Mode": "Active"}, {"Ref": "AWS::NoValue"}]},
		}},
		"OrdersRole": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": {"Statement": [_statement("Allow", "sts:AssumeRole")]},
			"ManagedPolicyArns": [
				"arn:aws:iam::aws:policy/AdministratorAccess",
				{"Ref": "OrdersManaged"},
				{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess"},
			],
			"Policies": [
				{"PolicyName": "inline", "PolicyDocument": {"Version": "2012-10-17", "Statement": [_statement("Allow", "*")]}},
				{"Fn::If": ["IsProd", {"PolicyName": "p"}, {"Ref": "AWS::NoValue"}]},
			],
		}},
		"SharedRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
		"UnusedRole": {"Type": "AWS::IAM::Role", "Properties": {
			"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [_statement("Allow", "*")]}}],
			"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
		}},
		"OrdersManaged": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
			"PolicyDocument": {"Statement": [_statement("Allow", ["dynamodb:GetItem"])]},
		}},
		"SharedPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
			"PolicyName": "shared",
			"Roles": [{"Ref": "SharedRole"}, "OrdersRole", {"Ref": "UnusedRole"}],
			"PolicyDocument": {"Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}},
		}},
		"AttachedManaged": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
			"Roles": [{"Ref": "SharedRole"}],
			"PolicyDocument": {"Statement": [_statement("Allow", "*:*")]},
		}},
		"RoleInline": {"Type": "AWS::IAM::RolePolicy", "Properties": {
			"RoleName": {"Ref": "OrdersRole"},
			"PolicyName": "more",
			"PolicyDocument": {"Statement": [_statement("Deny", "*")]},
		}},
		"UnusedInline": {"Type": "AWS::IAM::RolePolicy", "Properties": {
			"RoleName": {"Ref": "UnusedRole"},
			"PolicyDocument": {"Statement": [_statement("Allow", "*")]},
		}},
		"PublicUrl": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "NONE", "TargetFunctionArn": {"Ref": "Orders"}}},
		"PrivateUrl": {"Type": "AWS::Lambda::Url", "Properties": {
			"AuthType": "AWS_IAM",
			"TargetFunctionArn": {"Fn::GetAtt": ["Legacy", "Arn"]},
		}},
		"ExternalUrl": {"Type": "AWS::Lambda::Url", "Properties": {
			"AuthType": "NONE",
			"TargetFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:elsewhere",
		}},
		"UnknownUrl": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": {"Fn::If": ["C", "NONE", "AWS_IAM"]}}},
	},
}

test_functions if {
	cloudformation.functions == {
		{"resource": "Orders", "name": "orders-api"},
		{"resource": "Legacy", "name": "Legacy"},
		{"resource": "Image", "name": "Image"},
		{"resource": "Unknowns", "name": "Unknowns"},
	} with input as _template
}

# a literal, a Ref to a parameter default; no runtime (image) and an unknown one give nothing
test_runtimes if {
	cloudformation.runtimes == {
		{"resource": "Orders", "value": "python3.12", "functions": ["Orders"]},
		{"resource": "Legacy", "value": "nodejs14.x", "functions": ["Legacy"]},
	} with input as _template
}

# TracingConfig without Mode is absent; Fn::If on an unknown condition is Active or absent (a choice)
test_tracing if {
	_indexed(cloudformation.tracing) == {
		{"resource": "Orders", "mode": "Active", "functions": ["Orders"]},
		{"resource": "Legacy", "mode": "PassThrough", "functions": ["Legacy"]},
		{"resource": "Image", "mode": "absent", "functions": ["Image"]},
		_choice({"resource": "Unknowns", "mode": "Active", "functions": ["Unknowns"]}, "Unknowns#tracing", 2),
		_choice({"resource": "Unknowns", "mode": "absent", "functions": ["Unknowns"]}, "Unknowns#tracing", 2),
	} with input as _template
}

_choice(record, choice, choices) := object.union(record, {"choice": choice, "choices": choices})

# the records without their `alternative` index, once every choice's indexes are checked to be distinct
# and within its number of alternatives
_indexed(records) := {object.remove(r, ["alternative"]) | some r in records} if {
	every r in records {
		_valid_index(records, r)
	}
}

_valid_index(_, r) if not r.choice

_valid_index(records, r) if {
	r.alternative < r.choices
	count({x | some x in records; x.choice == r.choice; x.alternative == r.alternative}) == 1
}

test_function_urls if {
	_indexed(cloudformation.function_urls) == {
		{"resource": "PublicUrl", "auth_type": "NONE", "functions": ["Orders"]},
		{"resource": "PrivateUrl", "auth_type": "AWS_IAM", "functions": ["Legacy"]},
		{"resource": "ExternalUrl", "auth_type": "NONE", "functions": []},
		_choice({"resource": "UnknownUrl", "auth_type": "NONE", "functions": []}, "UnknownUrl#auth_type", 2),
		_choice({"resource": "UnknownUrl", "auth_type": "AWS_IAM", "functions": []}, "UnknownUrl#auth_type", 2),
	} with input as _template
}

# Ref to a parameter without default and pseudo parameters are unknown: not in the view
test_environment if {
	cloudformation.environment == {
		{"resource": "Orders", "name": "TABLE", "value": "orders", "functions": ["Orders"]},
		{"resource": "Orders", "name": "API_KEY", "value": "k-12345678", "functions": ["Orders"]},
	} with input as _template
}

# a policy attached to several roles is one record listing them all (UnusedRole is no function role:
# no function uses it and it does not trust Lambda)
test_policy_statements if {
	cloudformation.policy_statements == {
		_record("OrdersRole", "Allow", ["*"], [], ["OrdersRole"], ["Orders"]),
		_record("OrdersManaged", "Allow", ["dynamodb:GetItem"], [], ["OrdersRole"], ["Orders"]),
		_record("SharedPolicy", "Allow", [], ["iam:*"], ["OrdersRole", "SharedRole"], ["Legacy", "Orders", "Unknowns"]),
		_record("AttachedManaged", "Allow", ["*:*"], [], ["SharedRole"], ["Legacy", "Unknowns"]),
		_record("RoleInline", "Deny", ["*"], [], ["OrdersRole"], ["Orders"]),
	} with input as _template
}

# the !Sub ARN with only ${AWS::Partition} is known (partition `aws`); UnusedRole is used by no function
test_managed_policies if {
	cloudformation.managed_policies == {
		_managed("OrdersRole", "arn:aws:iam::aws:policy/AdministratorAccess", ["Orders"]),
		_managed("OrdersRole", "arn:aws:iam::aws:policy/PowerUserAccess", ["Orders"]),
	} with input as _template
}

_managed(role, policy, functions) := {"resource": role, "policy": policy, "roles": [role], "functions": functions}

# Legacy's Role is a !Sub naming ${SharedRole.Arn}
test_roles if {
	cloudformation.roles == {
		{"resource": "OrdersRole", "functions": ["Orders"], "permissions_boundary": false},
		{"resource": "SharedRole", "functions": ["Legacy", "Unknowns"], "permissions_boundary": false},
	} with input as _template
}

# conftest leaves `!GetAtt OrdersRole.Arn` as "OrdersRole.Arn" and `!Ref P` as "P"
test_conftest_plain_strings if {
	template := {"Parameters": {"Rt": {"Type": "String", "Default": "python3.8"}}, "Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "Rt", "Role": "R.Arn"}},
		"R": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}},
		"U": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "NONE", "TargetFunctionArn": "Fn.Arn"}},
	}}
	cloudformation.runtimes == {{"resource": "Fn", "value": "python3.8", "functions": ["Fn"]}} with input as template
	admin := _managed("R", "arn:aws:iam::aws:policy/AdministratorAccess", ["Fn"])
	cloudformation.managed_policies == {admin} with input as template
	cloudformation.function_urls == {{"resource": "U", "auth_type": "NONE", "functions": ["Fn"]}} with input as template
}

test_views_are_empty_for_other_formats if {
	sam := object.union(_template, {"Transform": "AWS::Serverless-2016-10-31"})
	count(cloudformation.functions) == 0 with input as sam
	count(cloudformation.runtimes) == 0 with input as sam
	count(cloudformation.policy_statements) == 0 with input as sam
	count(cloudformation.functions) == 0 with input as {"service": "s", "provider": {"name": "aws"}}
}
