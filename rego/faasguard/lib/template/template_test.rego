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

# one record per statement, listing every function whose role uses the policy
test_a_policy_shared_by_roles_lists_all_their_functions if {
	template.policy_statements == {{
		"resource": "Shared",
		"effect": "Allow",
		"actions": ["*"],
		"not_actions": [],
		"functions": ["A", "B", "C"],
	}} with input as _template
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
		"functions": ["Fn"],
	}} with input as _conditional
}
