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

test_serverless_functions_are_sam_only if {
	cfn := object.union(_template, {"Resources": {"D": {"Type": "AWS::Serverless::Function", "Properties": {}}}})
	not template.sam_functions with input as cfn
	{r.functions | some r in template.policy_statements} == {["A", "B", "C"]} with input as cfn
}

test_nothing_for_other_formats if {
	count(template.functions) == 0 with input as {"service": "s", "provider": {}, "functions": {"f": {}}}
	count(template.policy_statements) == 0 with input as {"resource": {"aws_iam_role": {}}}
}
