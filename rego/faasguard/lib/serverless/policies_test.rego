package faasguard.lib.serverless_test

import data.faasguard.lib.serverless as sls

_vars := {"custom": {
	"any": "*",
	"list": ["*", "arn:aws:sqs:*:*:q"],
	"more": {"b": {"handler": "b"}},
	"off": false,
}}

test_merged_lists_of_maps_in_order if {
	sls.merged(_vars, [{"a": {"x": 1}}, null, "${self:custom.more}", {"a": {"y": 2}}]) == {
		"a": {"x": 1, "y": 2},
		"b": {"handler": "b"},
	}
	sls.merged(_vars, {"a": {}}) == {"a": {}}
	not sls.merged(_vars, [{"a": {}}, "${env:X}"])
	not sls.merged(_vars, [{"a": {}}, "text"])
}

test_paths_resolved_and_as_written if {
	obj := {"iam": "${self:custom.iam}"}
	doc := object.union(_vars, {"custom": {"iam": {"role": {"boundary": "${ssm:/b}"}}}})
	sls.at(doc, obj, ["iam", "role"]) == {"boundary": "${ssm:/b}"}
	sls.written_at(doc, obj, ["iam", "role", "boundary"]) == "${ssm:/b}"
	sls.written_at(doc, {"a": null}, ["a"]) == null
}

test_has_setting if {
	sls.has_setting(_vars, {"b": "arn:aws:iam::1:policy/b"}, ["b"])
	sls.has_setting(_vars, {"b": "${ssm:/b}"}, ["b"]) # a reference counts
	sls.has_setting(_vars, {"b": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/b"}}, ["b"])
	not sls.has_setting(_vars, {"b": null}, ["b"])
	not sls.has_setting(_vars, {"b": ""}, ["b"])
	not sls.has_setting(_vars, {"b": "${self:custom.off}"}, ["b"])
	not sls.has_setting(_vars, {"b": {"Ref": "AWS::NoValue"}}, ["b"])
	not sls.has_setting(_vars, {}, ["b"])
}

test_truthy if {
	sls.truthy(true)
	sls.truthy("yes")
	not sls.truthy(false)
	not sls.truthy("")
	not sls.truthy(0)
	not sls.truthy(null)
}

test_entries_and_lists if {
	sls.entries(_vars, "*") == ["*"]
	sls.entries(_vars, "${self:custom.list}") == ["*", "arn:aws:sqs:*:*:q"]
	sls.entries(_vars, null) == []
	sls.listed(_vars, "${self:custom.list}") == ["*", "arn:aws:sqs:*:*:q"]
	sls.listed(_vars, "${ssm:/list}") == []
}

test_document_statements if {
	statement := {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
	sls.document_statements({"Statement": statement}) == [statement]
	sls.document_statements(json.marshal({"Statement": [statement, "x"]})) == [statement]
	sls.document_statements("not json") == []
	sls.document_statements({"Version": "2012-10-17"}) == []
}

test_statement_with_variables if {
	sls.statement(_vars, {
		"Effect": "Allow",
		"Action": ["s3:Get*", "${env:ACTION}", "${self:custom.any}"],
		"NotAction": "iam:*",
		"Resource": ["${self:custom.any}", "${ssm:/arn}"],
		"NotResource": "arn:aws:s3:::x",
	}) == {
		"effect": "Allow",
		"actions": ["*", "s3:Get*"],
		"not_actions": ["iam:*"],
		"iam_resources": ["*"],
		"iam_not_resources": ["arn:aws:s3:::x"],
	}
	sls.statement(_vars, {"Effect": "${env:E}"}) == {
		"effect": "",
		"actions": [],
		"not_actions": [],
		"iam_resources": [],
		"iam_not_resources": [],
	}
}

# text whose references are outside the ARN's resource part is known, with `*` for each reference;
# a reference in the resource part names a resource of its own; only references could be anything
test_known_resource if {
	sls.known_resource(_vars, "arn:aws:s3:::logs/*") == "arn:aws:s3:::logs/*"
	sls.known_resource(_vars, "arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/*") == "arn:aws:dynamodb:*:*:table/*"
	logs := {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"}
	sls.known_resource(_vars, logs) == "arn:aws:logs:*:*:*"
	sls.known_resource(_vars, {"Fn::Sub": ["arn:aws:s3:::*", {}]}) == "arn:aws:s3:::*"
	queues := {"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, "sqs", "*", "*", "*"]]}
	sls.known_resource(_vars, queues) == "arn:aws:sqs:*:*:*"
	not sls.known_resource(_vars, "arn:aws:s3:::${self:custom.bucket}/*")
	not sls.known_resource(_vars, {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Bucket"}, "/*"]]})
	not sls.known_resource(_vars, {"Fn::GetAtt": ["Bucket", "Arn"]})
	not sls.known_resource(_vars, "${ssm:/arn}")
	not sls.known_resource(_vars, "{{resolve:ssm:/arn}}")
	not sls.known_resource(_vars, "prefix-${opt:stage}")
	not sls.known_resource(_vars, "${opt:a, ${self:custom.any}")
}

test_managed_value if {
	arn := "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	joined := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AmazonS3FullAccess"]]}
	sls.managed_value(_vars, joined) == arn
	sls.managed_value(_vars, {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonS3FullAccess"}) == arn
	sls.managed_value(_vars, {"Ref": "Policy"}) == {"Ref": "Policy"}
	own := {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:policy/p"}
	sls.managed_value(_vars, own) == own
	not sls.managed_value(_vars, "${ssm:/policy}")
}
