package faasguard.lib.usage_test

import data.faasguard.lib.usage

_values(records, name) := {[r.resource, r.value] | some r in records; r.setting == name}

_types := {
	"Fn": "AWS::Lambda::Function", "Logs": "AWS::Logs::LogGroup", "Alias": "AWS::Lambda::Alias",
	"Perm": "AWS::Lambda::Permission", "Other": "AWS::Lambda::Function", "Role": "AWS::IAM::Role",
	"Spare": "AWS::IAM::Role", "SparePolicy": "AWS::IAM::Policy", "Dest": "AWS::Lambda::Function",
	"Config": "AWS::Lambda::EventInvokeConfig",
}

test_references_make_functions_invoked_and_roles_used if {
	records := usage.records(
		{
			"Fn": "AWS::Lambda::Function", "Logs": "AWS::Logs::LogGroup", "Alias": "AWS::Lambda::Alias",
			"Perm": "AWS::Lambda::Permission", "Other": "AWS::Lambda::Function", "Role": "AWS::IAM::Role",
			"Spare": "AWS::IAM::Role", "SparePolicy": "AWS::IAM::Policy", "Dest": "AWS::Lambda::Function",
			"Config": "AWS::Lambda::EventInvokeConfig",
		},
		{
			["Logs", "LogGroupName", "Other"], ["Alias", "FunctionName", "Fn"], ["Perm", "FunctionName", "Alias"],
			["Fn", "Role", "Role"], ["Other", "Role", "Role"], ["SparePolicy", "Roles", "Spare"],
			["Config", "FunctionName", "Other"], ["Config", "DestinationConfig", "Dest"], ["Dest", "Role", "Dest"],
		},
		{"Fn", "Other", "Dest"}, {"Role", "Spare"}, {}, {},
	)
	_values(records, "invoked_by") == {["Fn", "Perm"], ["Other", "absent"], ["Dest", "Config"]}
	_values(records, "referenced_by") == {["Role", "Fn"], ["Role", "Other"], ["Spare", "absent"]}
}

test_own_paths_and_unsettled_functions_have_no_absent_record if {
	own_paths := {"api": {"events"}, "job": set()}
	records := usage.records({}, set(), {"api", "job", "maybe", "none"}, set(), own_paths, {"maybe": true})
	_values(records, "invoked_by") == {["api", "events"], ["job", "absent"], ["none", "absent"]}
}

test_an_unsettled_invoker_leaves_every_function_without_absent if {
	records := usage.records({}, set(), {"a", "b"}, set(), {}, {"*": true})
	_values(records, "invoked_by") == set()
}

test_concurrency_disabled if {
	usage.concurrency_disabled(0) == "true"
	usage.concurrency_disabled(" 0 ") == "true"
	usage.concurrency_disabled(-1) == "false"
	usage.concurrency_disabled("25") == "false"
	not usage.concurrency_disabled("${var.x}")
}

test_template_triples_and_names if {
	doc := {
		"Resources": {
			"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["Role", "Arn"]}}},
			"Role": {"Type": "AWS::IAM::Role", "Properties": {}},
			"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Fn}"}}},
		},
		"Outputs": {"RoleArn": {"Value": "Role.Arn"}},
	}
	usage.triples(doc, {}) == {["Fn", "Role", "Role"], ["Logs", "LogGroupName", "Fn"], ["Outputs.RoleArn", "", "Role"]}
	aliased := {["fn", "Role", "Role"], ["Logs", "LogGroupName", "fn"], ["Outputs.RoleArn", "", "Role"]}
	usage.triples(doc, {"Fn": "fn"}) == aliased
}

test_unsettled_invokers if {
	usage.unsettled({
		"Parameters": {"Target": {"Type": "String"}},
		"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Ref": "Target"}}}},
	})
	not usage.unsettled({
		"Parameters": {"Target": {"Type": "String", "Default": "orders"}},
		"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Ref": "Target"}}}},
	})
}

test_sam_paths if {
	paths := usage.sam_paths({"Events": {"E": {"Type": "SQS"}}, "FunctionUrlConfig": {"AuthType": "NONE"}})
	paths == {"Events", "FunctionUrlConfig"}
	usage.sam_paths({"Events": {}}) == set()
}

test_function_records_read_concurrency_and_retention if {
	records := usage.function_records(
		{"Conditions": {}},
		"Fn", {"ReservedConcurrentExecutions": "0"},
		{"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Snapshot"},
	)
	{[r.setting, r.value] | some r in records} == {
		["concurrency_disabled", "true"], ["deletion_policy", "RETAIN"],
		["update_replace_policy", "SNAPSHOT"],
	}
}
