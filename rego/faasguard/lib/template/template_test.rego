package faasguard.lib.template_test

import data.faasguard.lib.template

_allow_all := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

_template := {"Resources": {
	"A": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["RoleA", "Arn"]}}},
	"B": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["RoleB", "Arn"]}}},
	"C": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["RoleB", "Arn"]}}},
	"RoleA": {"Type": "AWS::IAM::Role", "Properties": {}},
	"RoleB": {"Type": "AWS::IAM::Role", "Properties": {}},
	"Shared": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
		"Roles": [{"Ref": "RoleA"}, {"Ref": "RoleB"}],
		"PolicyDocument": _allow_all,
	}},
}}

# one record per statement, listing every function role the policy reaches and their functions
test_a_policy_shared_by_roles_lists_all_their_functions if {
	template.policy_statements == {{
		"resource": "Shared",
		"effect": "Allow",
		"actions": ["*"],
		"not_actions": [],
		"iam_resources": ["*"],
		"iam_not_resources": [],
		"roles": ["RoleA", "RoleB"],
		"functions": ["A", "B", "C"],
	}} with input as _template
	template.roles == {
		{"resource": "RoleA", "functions": ["A"], "permissions_boundary": false},
		{"resource": "RoleB", "functions": ["B", "C"], "permissions_boundary": false},
	} with input as _template
}

test_sam_functions_join_the_role_graph if {
	sam := object.union(_template, {
		"Transform": "AWS::Serverless-2016-10-31",
		"Resources": {"D": {"Type": "AWS::Serverless::Function", "Properties": {"Role": {"Fn::GetAtt": ["RoleA", "Arn"]}}}},
	})
	{r.functions | some r in template.policy_statements} == {["A", "B", "C", "D"]} with input as sam
	object.keys(template.sam_functions) == {"D"} with input as sam
}

# a template with AWS::Serverless::* resources is SAM with or without the Transform (as Checkov reads it)
test_serverless_functions_without_transform if {
	no_transform := object.union(_template, {"Resources": {"D": {
		"Type": "AWS::Serverless::Function",
		"Properties": {"Role": {"Fn::GetAtt": ["RoleA", "Arn"]}},
	}}})
	object.keys(template.sam_functions) == {"D"} with input as no_transform
	{r.functions | some r in template.policy_statements} == {["A", "B", "C", "D"]} with input as no_transform
}

test_nothing_for_other_formats if {
	count(template.functions) == 0 with input as {"service": "s", "provider": {}, "functions": {"f": {}}}
	count(template.policy_statements) == 0 with input as {"resource": {"aws_iam_role": {}}}
}

_conditional := {
	"Parameters": {"Env": {"Type": "String", "Default": "dev"}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
			"Role": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["ProdRole", "Arn"]}, {"Fn::GetAtt": ["DevRole", "Arn"]}]},
			"TracingConfig": {"Mode": "Active"},
		}},
		"ProdFn": {"Type": "AWS::Lambda::Function", "Condition": "IsProd", "Properties": {
			"Role": {"Fn::GetAtt": ["DevRole", "Arn"]},
		}},
		"ProdRole": {"Type": "AWS::IAM::Role", "Condition": "IsProd", "Properties": {"Policies": [
			{"PolicyName": "all", "PolicyDocument": _allow_all},
		]}},
		"DevRole": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": [
			{"Fn::If": ["IsProd", "arn:aws:iam::aws:policy/AdministratorAccess", {"Ref": "AWS::NoValue"}]},
			"arn:aws:iam::aws:policy/ReadOnlyAccess",
		]}},
		"ProdPolicy": {"Type": "AWS::IAM::Policy", "Condition": "IsProd", "Properties": {
			"Roles": [{"Ref": "DevRole"}],
			"PolicyDocument": _allow_all,
		}},
		"Bucket": {"Type": "AWS::S3::Bucket", "Condition": "IsProd"},
	},
}

# resources under a false Condition are in no view but not_created (the types faasguard reads), and
# policies or roles under one reach no function
test_a_false_condition_takes_resources_out if {
	template.not_created == {
		{"resource": "ProdFn", "reason": "Condition IsProd is false with the parameter defaults"},
		{"resource": "ProdRole", "reason": "Condition IsProd is false with the parameter defaults"},
		{"resource": "ProdPolicy", "reason": "Condition IsProd is false with the parameter defaults"},
	} with input as _conditional
	template.functions == {{"resource": "Fn", "name": "Fn"}} with input as _conditional
	count(template.policy_statements) == 0 with input as _conditional
	template.managed_policies == {{
		"resource": "DevRole",
		"policy": "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"roles": ["DevRole"],
		"functions": ["Fn"],
	}} with input as _conditional
	dev_role := {"resource": "DevRole", "functions": ["Fn"], "permissions_boundary": false}
	template.roles == {dev_role} with input as _conditional
}

_trust(principal) := {"Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]}

_lambda_trust := _trust({"Service": "lambda.amazonaws.com"})

_roles := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Parameters": {"Stage": {"Type": "String"}, "Boundary": {"Type": "String", "Default": "arn:aws:iam::1:policy/b"}},
	"Conditions": {"IsBlue": {"Fn::Equals": [{"Ref": "Stage"}, "blue"]}},
	"Globals": {"Function": {"PermissionsBoundary": {"Ref": "Boundary"}}},
	"Resources": {
		"Used": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": _trust({"Service": "edgelambda.amazonaws.com"}),
			"PermissionsBoundary": {"Fn::If": ["IsBlue", {"Ref": "Boundary"}, {"Ref": "AWS::NoValue"}]},
		}},
		"Trusting": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": _lambda_trust,
			"PermissionsBoundary": {"Ref": "AWS::NoValue"},
			"Policies": [{"PolicyName": "p", "PolicyDocument": _allow_all}],
		}},
		"TrustingJson": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": json.marshal(_trust({"Service": ["states.amazonaws.com", "lambda.amazonaws.com"]})),
			"PermissionsBoundary": "arn:aws:iam::1:policy/b",
		}},
		"Denied": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
			{"Effect": "Deny", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
		]}}},
		"Ecs": {"Type": "AWS::IAM::Role", "Properties": {
			"AssumeRolePolicyDocument": _trust({"Service": "ecs-tasks.amazonaws.com"}),
			"Policies": [{"PolicyName": "p", "PolicyDocument": _allow_all}],
		}},
		"Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["Used", "Arn"]}}},
		"WithRole": {"Type": "AWS::Serverless::Function", "Properties": {"Role": {"Fn::GetAtt": ["Used", "Arn"]}}},
		"Generated": {"Type": "AWS::Serverless::Function", "Properties": {"Policies": ["AWSLambdaExecute"]}},
		"Unbounded": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["PermissionsBoundary"]},
	},
}

# a role functions use, roles trusting lambda.amazonaws.com (no function: `functions` empty), and the
# roles SAM generates (the function's id); a boundary counts when some alternative sets it
test_function_roles if {
	template.roles == {
		{"resource": "Used", "functions": ["Plain", "WithRole"], "permissions_boundary": true},
		{"resource": "Trusting", "functions": [], "permissions_boundary": false},
		{"resource": "TrustingJson", "functions": [], "permissions_boundary": true},
		{"resource": "Generated", "functions": ["Generated"], "permissions_boundary": true},
		{"resource": "Unbounded", "functions": ["Unbounded"], "permissions_boundary": false},
	} with input as _roles
	template.policy_statements == {{
		"resource": "Trusting",
		"effect": "Allow",
		"actions": ["*"],
		"not_actions": [],
		"iam_resources": ["*"],
		"iam_not_resources": [],
		"roles": ["Trusting"],
		"functions": [],
	}} with input as _roles
	template.managed_policies == {{
		"resource": "Generated",
		"policy": "AWSLambdaExecute",
		"roles": ["Generated"],
		"functions": ["Generated"],
	}} with input as _roles
}

_sam_policies := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Resources": {
		"Table": {"Type": "AWS::DynamoDB::Table"},
		"Api": {"Type": "AWS::Serverless::Function", "Properties": {"Policies": [
			{"Ref": "Managed"},
			{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
			{"DynamoDBCrudPolicy": {"TableName": "*"}},
			{"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["Queue", "QueueName"]}}},
		]}},
		"Worker": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}}},
		"Role": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": [{"Ref": "Managed"}]}},
		"Managed": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [
			{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"},
		]}}},
		"Queue": {"Type": "AWS::SQS::Queue"},
	},
}

_reach(record, resource, role_ids, functions) := object.union(record, {
	"resource": resource,
	"roles": role_ids,
	"functions": functions,
})

# a template managed policy reaches both the CloudFormation role and the role SAM generates; SAM policy
# templates are expanded, an argument naming a resource leaves its Resource out
test_sam_policies_join_the_role_graph if {
	statements := template.policy_statements with input as _sam_policies
	_reach(_allow("sqs:*", ["*"]), "Managed", ["Api", "Role"], ["Api", "Worker"]) in statements
	_reach(_allow("s3:*", ["*"]), "Api", ["Api"], ["Api"]) in statements
	crud := {r.iam_resources | some r in statements; r.resource == "Api"; "dynamodb:PutItem" in r.actions}
	crud == {["arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:*:*:table/*/index/*"]}
	{r.iam_resources | some r in statements; "sqs:SendMessage*" in r.actions} == {[]}
}

_allow(actions, resources) := {
	"effect": "Allow",
	"actions": [actions],
	"not_actions": [],
	"iam_resources": resources,
	"iam_not_resources": [],
}
