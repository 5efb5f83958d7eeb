package faasguard.adapters.cloudformation_test

import data.faasguard.adapters.cloudformation

_usage_records(records) := {[r.resource, r.setting, r.value] |
	some r in records
	r.setting in {"invoked_by", "referenced_by", "concurrency_disabled", "deletion_policy"}
}

test_usage_records_of_a_template if {
	records := cloudformation.function_settings with input as {"Resources": {
		"Role": {"Type": "AWS::IAM::Role", "Properties": {}},
		"Spare": {"Type": "AWS::IAM::Role", "Properties": {}},
		"Quiet": {
			"Type": "AWS::Lambda::Function", "DeletionPolicy": "Retain",
			"Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}, "ReservedConcurrentExecutions": 0},
		},
		"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Quiet}"}}},
	}}
	_usage_records(records) == {
		["Role", "referenced_by", "Quiet"], ["Spare", "referenced_by", "absent"],
		["Quiet", "invoked_by", "absent"], ["Quiet", "concurrency_disabled", "true"],
		["Quiet", "deletion_policy", "RETAIN"],
	}
}
