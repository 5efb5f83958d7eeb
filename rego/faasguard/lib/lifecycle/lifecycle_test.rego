package faasguard.lib.lifecycle_test

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.lifecycle

_template := {
	"Parameters": {"Stage": {"Type": "String"}},
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
	"Resources": {
		"Worker": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.13"}},
		"Mapping": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
			"FunctionName": {"Ref": "Worker"},
			"Enabled": false,
		}},
		"Rule": {"Type": "AWS::Events::Rule", "Properties": {
			"State": {"Fn::If": ["Prod", "ENABLED", "DISABLED"]},
			"Targets": [{"Id": "w", "Arn": {"Fn::GetAtt": ["Worker", "Arn"]}}],
		}},
		"Kept": {"Type": "AWS::Lambda::Version", "UpdateReplacePolicy": "Retain", "Properties": {"FunctionName": "Worker"}},
	},
}

_comparable(records) := {[r.resource, r.setting, r.value, r.functions, object.get(r, "choices", 1)] | some r in records}

test_resource_views if {
	_comparable(lifecycle.resource_views(_template, apis.no_host)) == {
		["Mapping", "trigger_enabled", "false", ["Worker"], 1],
		["Rule", "trigger_enabled", "true", ["Worker"], 2],
		["Rule", "trigger_enabled", "false", ["Worker"], 2],
		["Kept", "old_versions", "retained", ["Worker"], 1],
	}
}

test_states_and_lookups if {
	members := {{"value": "DISABLED"}, {"value": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}, {"unknown": true}}
	lifecycle.states(members) == {{"value": "false"}, {"value": "true"}, {"unknown": true}}
	lifecycle.mapped({{"value": "RETAIN"}, {"value": "SNAPSHOT"}}, {"RETAIN": "retained"}) == {
		{"value": "retained"}, {"unknown": true},
	}
}

test_unsettled_tags if {
	_comparable(lifecycle.function_records(_template, {"Worker": {"Tags": {"Ref": "Stage"}}}, set())) == {
		["Worker", "tag", "*", ["Worker"], 1],
	}
	count(lifecycle.function_records(_template, {"Worker": {"Tags": [{"Key": "owner", "Value": "x"}]}}, set())) == 0
}
