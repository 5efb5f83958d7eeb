package faasguard.adapters.sam_test

import data.faasguard.adapters.sam

_admin := "arn:aws:iam::aws:policy/AdministratorAccess"

_template := {
	"AWSTemplateFormatVersion": "2010-09-09",
	"Transform": "AWS::Serverless-2016-10-31",
	"Parameters": {"Runtime": {"Type": "String", "Default": "python3.8"}, "Mode": {"Type": "String"}},
	"Globals": {"Function": {
		"Runtime": {"Ref": "Runtime"},
		"Tracing": "Active",
		"Environment": {"Variables": {"STAGE": "prod", "SHARED_SECRET": "s3cr3t-value"}},
		"FunctionUrlConfig": {"AuthType": "NONE"},
	}},
	"Resources": {
		"Api": {"Type": "AWS::Serverless::Function", "Properties": {
			"Handler": "app.handler",
			"CodeUri": "src/",
			"Environment": {"Variables": {"STAGE": "dev", "TABLE": {"Ref": "Table"}}},
			"Policies": [
				"AWSLambdaBasicExecutionRole",
				"AdministratorAccess",
				{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
				{"DynamoDBCrudPolicy": {"TableName": {"Ref": "Table"}}},
				{"Ref": "ApiPolicy"},
			],
		}},
		"Worker": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["FunctionUrlConfig", "Environment"], "Properties": {
			"Handler": "worker.handler",
			"Runtime": "nodejs22.x",
			"Tracing": "PassThrough",
			"Role": {"Fn::GetAtt": ["WorkerRole", "Arn"]},
			"Policies": "AdministratorAccess",
		}},
		"Image": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*", "Properties": {
			"PackageType": "Image",
			"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
			"Tracing": {"Ref": "Mode"},
			"FunctionUrlConfig": {"AuthType": "AWS_IAM"},
			"Policies": {"Statement": {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}},
		}},
		"Plain": {"Type": "AWS::Lambda::Function", "Properties": {
			"Runtime": "nodejs12.x",
			"Role": {"Fn::GetAtt": ["WorkerRole", "Arn"]},
			"Environment": {"Variables": {"MODE": "plain"}},
		}},
		"PlainUrl": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "NONE", "TargetFunctionArn": {"Ref": "Plain"}}},
		"WorkerRole": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": [_admin]}},
		"ApiPolicy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
			"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "*"}]},
		}},
		"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {}},
	},
}

test_functions if {
	sam.functions == {
		{"resource": "Api", "name": "Api"},
		{"resource": "Worker", "name": "Worker"},
		{"resource": "Image", "name": "Image"},
		{"resource": "Plain", "name": "Plain"},
	} with input as _template
}

# Globals.Function.Runtime (a Ref to a parameter default) applies to Api; Image ignores globals
test_runtimes if {
	sam.runtimes == {
		{"resource": "Api", "value": "python3.8", "functions": ["Api"]},
		{"resource": "Worker", "value": "nodejs22.x", "functions": ["Worker"]},
		{"resource": "Plain", "value": "nodejs12.x", "functions": ["Plain"]},
	} with input as _template
}

# the function value wins over Globals; a Ref without default is unknown; plain functions use TracingConfig
test_tracing if {
	sam.tracing == {
		{"resource": "Api", "mode": "Active", "functions": ["Api"]},
		{"resource": "Worker", "mode": "PassThrough", "functions": ["Worker"]},
		{"resource": "Plain", "mode": "absent", "functions": ["Plain"]},
	} with input as _template
}

test_tracing_absent_without_globals if {
	template := {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": {"Type": "AWS::Serverless::Function"}}}
	sam.tracing == {{"resource": "Fn", "mode": "absent", "functions": ["Fn"]}} with input as template
}

test_function_urls if {
	sam.function_urls == {
		{"resource": "Api", "auth_type": "NONE", "functions": ["Api"]},
		{"resource": "Image", "auth_type": "AWS_IAM", "functions": ["Image"]},
		{"resource": "PlainUrl", "auth_type": "NONE", "functions": ["Plain"]},
	} with input as _template
}

# variables merge with Globals: the function's STAGE wins, SHARED_SECRET comes from Globals
test_environment if {
	sam.environment == {
		{"resource": "Api", "name": "STAGE", "value": "dev", "functions": ["Api"]},
		{"resource": "Api", "name": "SHARED_SECRET", "value": "s3cr3t-value", "functions": ["Api"]},
		{"resource": "Plain", "name": "MODE", "value": "plain", "functions": ["Plain"]},
	} with input as _template
}

# Worker has a Role, so its Policies are ignored; Plain shares the role
test_policy_statements if {
	sam.policy_statements == {
		{"resource": "Api", "effect": "Allow", "actions": ["*"], "not_actions": [], "functions": ["Api"]},
		{"resource": "Image", "effect": "Allow", "actions": [], "not_actions": ["iam:*"], "functions": ["Image"]},
		{"resource": "ApiPolicy", "effect": "Allow", "actions": ["*:*"], "not_actions": [], "functions": ["Api"]},
	} with input as _template
}

test_managed_policies if {
	sam.managed_policies == {
		{"resource": "Api", "policy": "AWSLambdaBasicExecutionRole", "functions": ["Api"]},
		{"resource": "Api", "policy": "AdministratorAccess", "functions": ["Api"]},
		{"resource": "WorkerRole", "policy": _admin, "functions": ["Plain", "Worker"]},
	} with input as _template
}

test_views_are_empty_for_cloudformation if {
	cfn := object.remove(_template, ["Transform"])
	count(sam.functions) == 0 with input as cfn
	count(sam.tracing) == 0 with input as cfn
	count(sam.managed_policies) == 0 with input as cfn
}
