package faasguard.adapters.sam_test

import data.faasguard.adapters.sam

test_sam_events_and_urls_are_paths if {
	records := sam.function_settings with input as {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"FunctionUrlConfig": {"AuthType": "AWS_IAM"}}},
		"Resources": {
			"Worker": {
				"Type": "AWS::Serverless::Function", "IgnoreGlobals": "*",
				"Properties": {"Events": {"Nightly": {"Type": "ScheduleV2"}}},
			},
			"Preview": {"Type": "AWS::Serverless::Function", "UpdateReplacePolicy": "Retain", "Properties": {}},
		},
	}
	{[r.resource, r.value] | some r in records; r.setting in {"invoked_by", "update_replace_policy"}} == {
		["Worker", "Events"], ["Preview", "FunctionUrlConfig"], ["Preview", "RETAIN"],
	}
}
