package faasguard.lib.failures_test

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.failures

test_route_prefers_the_destination if {
	failures.route({"set"}, {"set"}) == {"on_failure_destination"}
	failures.route({"absent"}, {"set", "absent"}) == {"dead_letter_queue", "absent"}
	failures.route({"absent"}, {"absent"}) == {"absent"}
}

test_any_set if {
	failures.any_set([{"absent"}, {"set"}]) == {"set"}
	failures.any_set([{"absent"}, {"set", "absent"}]) == {"set", "absent"}
	failures.any_set([]) == {"absent"}
}

_doc := {
	"Conditions": {"Dlq": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String"}},
	"Resources": {
		"Plain": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"Routed": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"Maybe": {"Type": "AWS::Lambda::Function", "Properties": {"DeadLetterConfig": {"Fn::If": [
			"Dlq",
			{"TargetArn": {"Ref": "Env"}},
			{"Ref": "AWS::NoValue"},
		]}}},
		"Config": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
			"FunctionName": {"Ref": "Routed"},
			"DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:failed"}},
		}},
		"Queue": {"Type": "AWS::SQS::Queue", "Properties": {}},
		"Rule": {"Type": "AWS::Events::Rule", "Properties": {"Targets": [{
			"Id": "t",
			"Arn": {"Fn::GetAtt": ["Plain", "Arn"]},
		}]}},
	},
}

test_function_routes if {
	functions := {id: _doc.Resources[id].Properties | some id in ["Plain", "Routed", "Maybe"]}
	records := failures.function_records(_doc, functions, set())
	{[r.resource, r.value] | some r in records} == {
		["Plain", "absent"], ["Routed", "on_failure_destination"],
		["Maybe", "absent"], ["Maybe", "dead_letter_queue"],
	}
	{r.choices | some r in records; r.resource == "Maybe"} == {2}
	{r.resource | some r in records; r.choice} == {"Maybe"}
}

test_resource_records if {
	sources := {{"resource": "Mapping", "kind": "sqs", "source": "Queue", "functions": ["Plain"]}}
	records := failures.resource_records(_doc, sources, apis.no_host)
	{[r.resource, r.kind, r.value] | some r in records} == {
		["Queue", "sqs_queue", "absent"],
		["Rule", "event_rule_target", "absent"],
	}
}

test_sam_event_records if {
	props := {"Events": {
		"Stream": {"Type": "DynamoDB", "Properties": {"DestinationConfig": {"OnFailure": {"Destination": "arn"}}}},
		"Topic": {"Type": "SNS", "Properties": {"Topic": "arn"}},
		"Nightly": {"Type": "Schedule"},
	}}
	records := failures.sam_store_records({"Resources": {}}, {"Fn": props})
	{[r.kind, r.value] | some r in records} == {
		["event_source_mapping", "set"], ["sns_subscription", "absent"],
		["event_rule_target", "absent"],
	}
}
