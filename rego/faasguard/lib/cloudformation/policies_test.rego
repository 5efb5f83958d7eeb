package faasguard.lib.cloudformation_test

import data.faasguard.lib.cloudformation as cfn

# Policy documents, Resource entries, SAM template arguments, trust policies and boundaries.

_policies_template := {
	"Parameters": {
		"Everything": {"Type": "String", "Default": "*"},
		"BucketName": {"Type": "String", "Default": "reports"},
		"TableArn": {"Type": "String"},
		"Stage": {"Type": "String"},
		"Env": {"Type": "String", "Default": "dev"},
	},
	"Conditions": {
		"IsBlue": {"Fn::Equals": [{"Ref": "Stage"}, "blue"]},
		"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
	},
	"Resources": {
		"Table": {"Type": "AWS::DynamoDB::Table"},
		"Bucket": {"Type": "AWS::S3::Bucket"},
	},
}

_sub_arn(text) := {"Fn::Sub": text}

_join_parts(parts) := {"Fn::Join": ["", parts]}

# what a template settles; the partition, and the region and account as whole ARN fields, in Fn::Sub;
# parameters with defaults in Fn::Sub; Fn::Join of known strings
test_known_resource_entries if {
	cfn.iam_resource(_policies_template, "arn:aws:s3:::reports/*") == "arn:aws:s3:::reports/*"
	cfn.iam_resource(_policies_template, {"Ref": "Everything"}) == "*"
	cfn.iam_resource(_policies_template, {"Fn::If": ["IsProd", "arn:aws:s3:::prod", "*"]}) == "*"
	table_star := _sub_arn("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*")
	cfn.iam_resource(_policies_template, table_star) == "arn:aws:dynamodb:*:*:table/*"
	cfn.iam_resource(_policies_template, _sub_arn("arn:aws:s3:::${BucketName}/*")) == "arn:aws:s3:::reports/*"
	cfn.iam_resource(_policies_template, _sub_arn("${Everything}")) == "*"
	cfn.iam_resource(_policies_template, _join_parts(["arn:aws:s3:::", {"Ref": "BucketName"}])) == "arn:aws:s3:::reports"
}

# a reference names one resource (or deployment settles it): no known string
test_unknown_resource_entries if {
	not cfn.iam_resource(_policies_template, {"Fn::GetAtt": ["Table", "Arn"]})
	not cfn.iam_resource(_policies_template, "Table.Arn")
	not cfn.iam_resource(_policies_template, {"Ref": "TableArn"})
	not cfn.iam_resource(_policies_template, _sub_arn("arn:aws:s3:::${Bucket}/*"))
	not cfn.iam_resource(_policies_template, _sub_arn("arn:aws:s3:::${AWS::AccountId}-logs/*"))
	not cfn.iam_resource(_policies_template, _sub_arn(["arn:aws:s3:::${Name}", {"Name": "x"}]))
	not cfn.iam_resource(_policies_template, _join_parts(["arn:aws:s3:::", {"Ref": "Bucket"}]))
	not cfn.iam_resource(_policies_template, {"Fn::If": ["IsBlue", "*", {"Fn::GetAtt": ["Table", "Arn"]}]})
	not cfn.iam_resource(_policies_template, {"Ref": "AWS::NoValue"})
}

test_statement_records_read_resources if {
	document := {"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [
			"arn:aws:s3:::a/*",
			{"Ref": "Everything"},
			{"Fn::GetAtt": ["Bucket", "Arn"]},
		]},
		{"Effect": "Allow", "Action": "sqs:SendMessage", "NotResource": {"Ref": "Everything"}},
	]}
	cfn.document_statements(_policies_template, document) == {
		{
			"effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
			"iam_resources": ["*", "arn:aws:s3:::a/*"], "iam_not_resources": [],
		},
		{
			"effect": "Allow", "actions": ["sqs:SendMessage"], "not_actions": [],
			"iam_resources": [], "iam_not_resources": ["*"],
		},
	}
}

# a statement under Fn::If is read on a known condition, left out on an unknown one (or AWS::NoValue)
test_statements_under_if if {
	allow := {"Effect": "Allow", "Action": "*", "Resource": "*"}
	statements := cfn.statement_objects(_policies_template, {"Statement": [
		{"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, allow]},
		{"Fn::If": ["IsBlue", allow, {"Ref": "AWS::NoValue"}]},
		{"Fn::If": ["IsProd", allow, {"Ref": "AWS::NoValue"}]},
	]})
	statements == [allow]
	cfn.statement_objects(_policies_template, json.marshal({"Statement": allow})) == [allow]
	cfn.statement_objects(_policies_template, {"Statement": {"Fn::If": ["IsBlue", [allow], []]}}) == []
}

test_literal_statements if {
	cfn.literal_statement({"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::*/*"}) == {
		"effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
		"iam_resources": ["arn:aws:s3:::*/*"], "iam_not_resources": [],
	}
	cfn.literal_statement({"Effect": true, "Action": "s3:${x}"}) == {
		"effect": "", "actions": [], "not_actions": [],
		"iam_resources": [], "iam_not_resources": [],
	}
}

# a managed policy's PolicyArn attribute is its ARN, as Arn is a role's
test_policy_arn_references_the_managed_policy if {
	template := {"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy"}, "R": {"Type": "AWS::IAM::Role"}}}
	cfn.managed_policy_ids(template, {"Fn::GetAtt": ["P", "PolicyArn"]}) == {"P"}
	cfn.managed_policy_ids(template, "P.PolicyArn") == {"P"}
	cfn.managed_policy_ids(template, {"Fn::Sub": "${P.PolicyArn}"}) == {"P"}
	cfn.referenced(template, {"Fn::GetAtt": ["R", "RoleId"]}) == set()
}

test_template_arguments if {
	arguments := {"TableName": "*", "BucketName": {"Ref": "BucketName"}, "QueueName": {"Fn::GetAtt": ["Q", "QueueName"]}}
	cfn.template_arguments(_policies_template, arguments) == {"TableName": "*", "BucketName": "reports", "QueueName": null}
	cfn.template_arguments(_policies_template, {}) == {}
	cfn.template_arguments(_policies_template, null) == {}
}

# a role's properties with a trust policy of one statement: effect, Principal
_trusting(effect, principal) := {"AssumeRolePolicyDocument": {"Statement": [{
	"Effect": effect,
	"Principal": principal,
}]}}

test_trusts_lambda if {
	lambda := "lambda.amazonaws.com"
	cfn.trusts_lambda(_policies_template, _trusting("Allow", {"Service": lambda}))
	cfn.trusts_lambda(_policies_template, _trusting("allow", {"Service": ["edgelambda.amazonaws.com", lambda]}))
	as_json := json.marshal(_trusting("Allow", {"Service": lambda}).AssumeRolePolicyDocument)
	cfn.trusts_lambda(_policies_template, {"AssumeRolePolicyDocument": as_json})
	not cfn.trusts_lambda(_policies_template, _trusting("Deny", {"Service": lambda}))
	not cfn.trusts_lambda(_policies_template, _trusting("Allow", {"Service": "ecs-tasks.amazonaws.com"}))
	not cfn.trusts_lambda(_policies_template, _trusting("Allow", {"AWS": lambda}))
	not cfn.trusts_lambda(_policies_template, {})
}

_boundary(value) := {"PermissionsBoundary": value}

test_permissions_boundary if {
	cfn.permissions_boundary(_policies_template, _boundary("arn:aws:iam::1:policy/b"))
	cfn.permissions_boundary(_policies_template, _boundary({"Ref": "TableArn"}))
	no_value := {"Ref": "AWS::NoValue"}
	cfn.permissions_boundary(_policies_template, _boundary({"Fn::If": ["IsBlue", "arn", no_value]}))
	not cfn.permissions_boundary(_policies_template, {})
	not cfn.permissions_boundary(_policies_template, _boundary(null))
	not cfn.permissions_boundary(_policies_template, _boundary(no_value))
	not cfn.permissions_boundary(_policies_template, _boundary({"Fn::If": ["IsProd", "arn", no_value]}))
	not cfn.permissions_boundary(_policies_template, _boundary({"Fn::If": ["IsBlue", null, no_value]}))
}
