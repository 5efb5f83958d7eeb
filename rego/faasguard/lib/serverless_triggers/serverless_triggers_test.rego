package faasguard.lib.serverless_triggers_test

import data.faasguard.lib.serverless_triggers as triggers

_doc := {
	"custom": {"queue": {"Fn::GetAtt": ["Orders", "Arn"]}},
	"resources": {"Resources": {"Orders": {"Type": "AWS::SQS::Queue"}}},
}

test_names_are_normalized_as_the_framework_does if {
	triggers.normalized("my-photos.prod") == "Myphotosprod"
	triggers.normalized("") == ""
}

test_references_name_declared_resources_only if {
	triggers.reference_target({"Ref": "Orders"}, {"Orders"}) == "Orders"
	triggers.reference_target({"Fn::GetAtt": "Orders.Arn"}, {"Orders"}) == "Orders"
	triggers.reference_target({"Fn::GetAtt": ["Orders", "Arn"]}, {"Orders"}) == "Orders"
	triggers.reference_target({"Ref": "Elsewhere"}, {"Orders"}) == ""
	triggers.reference_target("arn:aws:sqs:eu-west-1:123456789012:orders", {"Orders"}) == ""
}

test_records_of_trigger_events if {
	declared := triggers.declared_ids(_doc)
	declared == {"Orders"}
	triggers.events(_doc, {"events": [{"sqs": "${self:custom.queue}"}, {"http": "GET /"}]}) == [[
		"sqs",
		{"Fn::GetAtt": ["Orders", "Arn"]},
	]]
	triggers.record(_doc, "sqs", {"Fn::GetAtt": ["Orders", "Arn"]}, declared) == ["sqs", "Orders"]
	triggers.record(_doc, "s3", {"bucket": "photos", "existing": true}, declared) == ["s3", ""]
	triggers.record(_doc, "s3", "photos", declared) == ["s3", "S3BucketPhotos"]
	triggers.record(_doc, "sns", "alerts", declared) == ["sns", "SNSTopicAlerts"]
	triggers.record(_doc, "stream", "arn:aws:kinesis:eu-west-1:1:stream/clicks", declared) == ["kinesis", ""]
	triggers.record(_doc, "stream", {"type": "kafka", "arn": "arn:aws:kinesis:r:1:stream/s"}, declared) == ["other", ""]
}
