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

_statement(resource, actions, not_actions, resources, role) := {
	"resource": resource,
	"effect": "Allow",
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": [role],
	"functions": [role],
}

# Worker has a Role, so its Policies are ignored; Plain shares the role. Api's policy template names
# a table by reference: its Resource is left out
test_policy_statements if {
	crud := [
		"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
		"dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan",
		"dynamodb:UpdateItem",
	]
	sam.policy_statements == {
		_statement("Api", ["*"], [], ["*"], "Api"),
		_statement("Api", crud, [], [], "Api"),
		_statement("Image", [], ["iam:*"], ["*"], "Image"),
		_statement("ApiPolicy", ["*:*"], [], ["*"], "Api"),
	} with input as _template
}

test_managed_policies if {
	sam.managed_policies == {
		{"resource": "Api", "policy": "AWSLambdaBasicExecutionRole", "roles": ["Api"], "functions": ["Api"]},
		{"resource": "Api", "policy": "AdministratorAccess", "roles": ["Api"], "functions": ["Api"]},
		{"resource": "WorkerRole", "policy": _admin, "roles": ["WorkerRole"], "functions": ["Plain", "Worker"]},
	} with input as _template
}

# the roles SAM generates for Api and Image (no Role), and the role Worker and Plain share
test_roles if {
	sam.roles == {
		{"resource": "Api", "functions": ["Api"], "permissions_boundary": false},
		{"resource": "Image", "functions": ["Image"], "permissions_boundary": false},
		{"resource": "WorkerRole", "functions": ["Plain", "Worker"], "permissions_boundary": false},
	} with input as _template
}

# Checkov reads AWS::Serverless::* resources whatever the Transform says: so does the bundle
test_serverless_resources_without_transform_are_sam if {
	declared := [sam.functions, sam.runtimes, sam.tracing, sam.managed_policies, sam.roles] with input as _template
	count(declared[0]) > 0
	no_transform := object.remove(_template, ["Transform"])
	undeclared := [sam.functions, sam.runtimes, sam.tracing, sam.managed_policies, sam.roles] with input as no_transform
	declared == undeclared
}

test_views_are_empty_for_cloudformation if {
	cfn := {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.8"}}}}
	count(sam.functions) == 0 with input as cfn
	count(sam.runtimes) == 0 with input as cfn
	count(sam.tracing) == 0 with input as cfn
}

_choices := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Parameters": {"Stage": {"Type": "String"}, "Env": {"Type": "String", "Default": "dev"}},
	"Conditions": {
		"IsLive": {"Fn::Equals": [{"Ref": "Stage"}, "live"]},
		"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
	},
	"Globals": {"Function": {"Tracing": {"Fn::If": ["IsLive", "Active", "PassThrough"]}}},
	"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {
		"Runtime": "python3.13",
		"Role": {"Fn::If": ["IsProd", "arn:aws:iam::123456789012:role/prod", {"Ref": "AWS::NoValue"}]},
		"FunctionUrlConfig": {"Fn::If": ["IsLive", {"AuthType": "NONE"}, {"Ref": "AWS::NoValue"}]},
		"Policies": [
			{"Fn::If": ["IsLive", "AdministratorAccess", {"Ref": "AWS::NoValue"}]},
			{"Fn::If": ["IsProd", "ReadOnlyAccess", "PowerUserAccess"]},
		],
	}}},
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

# Fn::If on an unknown condition: one record per known alternative, with the choice and its size;
# Role is AWS::NoValue with the parameter defaults, so SAM reads Policies
test_alternatives_in_sam_properties if {
	_indexed(sam.tracing) == {
		_choice({"resource": "Fn", "mode": "Active", "functions": ["Fn"]}, "Fn#tracing", 2),
		_choice({"resource": "Fn", "mode": "PassThrough", "functions": ["Fn"]}, "Fn#tracing", 2),
	} with input as _choices
	url := {"resource": "Fn", "auth_type": "NONE", "functions": ["Fn"]}
	_indexed(sam.function_urls) == {_choice(url, "Fn#auth_type", 2)} with input as _choices
	{[r.policy, object.get(r, "choices", 1)] | some r in sam.managed_policies} == {
		["AdministratorAccess", 2],
		["PowerUserAccess", 1],
	} with input as _choices
}
