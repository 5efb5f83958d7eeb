package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

test_serverless_paths_roles_and_retention if {
	records := serverless.function_settings with input as {
		"service": "s", "provider": {"name": "aws", "iam": {"role": "WorkerRole"}},
		"custom": {"events": "${ssm:/s/events}"},
		"functions": {
			"api": {"handler": "a.h", "events": [{"httpApi": "GET /"}]},
			"quiet": {"handler": "q.h", "reservedConcurrency": 0},
			"open": {"handler": "o.h", "url": "${ssm:/s/url}"},
			"maybe": {"handler": "m.h", "events": "${self:custom.events}"},
			"task": {"handler": "t.h"},
		},
		"stepFunctions": {"stateMachines": {"m": {"definition": {"States": {
			"T": {"Resource": {"Fn::GetAtt": ["task", "Arn"]}},
		}}}}},
		"resources": {
			"extensions": {"QuietLambdaFunction": {"DeletionPolicy": "Retain"}},
			"Resources": {
				"WorkerRole": {"Type": "AWS::IAM::Role", "Properties": {}},
				"SpareRole": {"Type": "AWS::IAM::Role", "Properties": {}},
			},
		},
	}
	{[r.resource, r.setting, r.value] | some r in records; r.setting in {
		"invoked_by", "referenced_by",
		"concurrency_disabled", "deletion_policy",
	}} == {
		["api", "invoked_by", "events"], ["quiet", "invoked_by", "absent"], ["open", "invoked_by", "url"],
		["task", "invoked_by", "stepFunctions"], ["quiet", "concurrency_disabled", "true"],
		["quiet", "deletion_policy", "RETAIN"], ["WorkerRole", "referenced_by", "provider"],
		["SpareRole", "referenced_by", "absent"],
	}
}
