package faasguard.lib.iam_test

import data.faasguard.lib.iam
import data.faasguard.lib.iam_data

test_sam_templates_with_star_parameters if {
	[crud] := iam.sam_policy_template("DynamoDBCrudPolicy", {"TableName": "*"})
	crud.Resource == ["arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:*:*:table/*/index/*"]
	"dynamodb:PutItem" in crud.Action
	[s3] := iam.sam_policy_template("S3CrudPolicy", {"BucketName": "*"})
	s3.Resource == ["arn:aws:s3:::*", "arn:aws:s3:::*/*"]
	iam.sam_policy_template("LambdaInvokePolicy", {"FunctionName": "*"}) == [{
		"Effect": "Allow",
		"Action": ["lambda:InvokeFunction"],
		"Resource": ["arn:aws:lambda:*:*:function:*"],
	}]
}

test_sam_templates_with_known_and_unknown_parameters if {
	[invoke] := iam.sam_policy_template("LambdaInvokePolicy", {"FunctionName": "worker"})
	invoke.Resource == ["arn:aws:lambda:*:*:function:worker*"]
	every parameters in [{"TableName": null}, {}, null, {"TableName": {"Ref": "Table"}}] {
		iam.sam_policy_template("DynamoDBCrudPolicy", parameters)[0].Resource == []
	}
}

test_sam_templates_without_parameters if {
	[vpc] := iam.sam_policy_template("VPCAccessPolicy", {})
	vpc.Resource == ["*"]
	not iam.sam_policy_template("AWSXrayWriteOnlyAccess", {})
}

test_every_sam_template_expands if {
	every name, template in iam_data.sam_policy_templates {
		expanded := iam.sam_policy_template(name, {p: "*" | some p in template.parameters})
		[count(s.Resource) | some i, s in expanded; not template.statements[i].Condition] == [_entries(s.Resource) |
			some s in template.statements
			not s.Condition
		]
	}
}

# the Condition names the secrets (those this function rotates): `secret:*` is not every secret
test_a_condition_names_the_resource if {
	[rotation, random] := iam.sam_policy_template("AWSSecretsManagerRotationPolicy", {"FunctionName": "rotate"})
	rotation.Resource == []
	random.Resource == ["*"]
}

_entries(resource) := count(resource) if is_array(resource)

_entries(resource) := 1 if not is_array(resource)

test_fn_join_is_joined if {
	joined := {"JoinedPolicy": {"parameters": ["BucketName"], "statements": [{
		"Effect": "Allow",
		"Action": "s3:GetObject",
		"Resource": [
			{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "BucketName"}, "/*"]]},
			{"Fn::Join": ["/", [{"Fn::Sub": "arn:${AWS::Partition}:s3:::${BucketName}"}, "logs"]]},
			{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Other"}]]},
		],
	}]}}
	[statement] := iam.sam_policy_template("JoinedPolicy", {"BucketName": "b"})
		with iam_data.sam_policy_templates as joined
	statement.Resource == ["arn:aws:s3:::b/*", "arn:aws:s3:::b/logs"]
}
