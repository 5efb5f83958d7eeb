package faasguard.lib.cloudformation_triggers_test

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.cloudformation_triggers as triggers

_doc := {"Resources": {
	"Handler": {"Type": "AWS::Lambda::Function"},
	"Orders": {"Type": "AWS::SQS::Queue"},
	"Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
		"EventSourceArn": {"Fn::GetAtt": ["Orders", "Arn"]},
		"FunctionName": {"Ref": "Handler"},
	}},
	"Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
		"Queues": [{"Ref": "Orders"}],
		"PolicyDocument": {"Statement": [{
			"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
			"Condition": {"ArnEquals": {"aws:sourcearn": "arn:aws:sns:eu-west-1:1:t"}},
		}]},
	}},
}}

test_a_mapping_links_its_queue_and_function if {
	triggers.resource_views(_doc, apis.no_host).event_sources == {{
		"resource": "Mapping", "kind": "sqs", "source": "Orders", "functions": ["Handler"],
	}}
}

test_a_queue_policy_statement if {
	triggers.resource_views(_doc, apis.no_host).source_policies == {{
		"resource": "Policy", "target": "Orders", "effect": "Allow", "actions": ["sqs:SendMessage"],
		"public": true, "constrained": true,
	}}
}

test_sam_events_are_written_at_the_function if {
	events := {"Q": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": "Orders.Arn"}}}}
	triggers.sam_views(_doc, {"Fn": {"Events": events}}).event_sources == {{
		"resource": "Fn", "kind": "sqs", "source": "Orders", "functions": ["Fn"],
	}}
}
