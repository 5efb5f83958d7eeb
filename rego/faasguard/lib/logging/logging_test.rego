package faasguard.lib.logging_test

import data.faasguard.lib.logging
import data.faasguard.model

_records(settings) := {[r.resource, r.setting, r.value, r.functions] |
	some r in settings
	r.setting in {"log_group", "logs_disabled", "retention_days"}
}

test_names_compared_as_text if {
	doc := {"Parameters": {"Name": {"Type": "String", "Default": "orders"}, "Free": {"Type": "String"}}}
	logging.name_text(doc, {"Fn::Sub": "/aws/lambda/${Name}"}) == "/aws/lambda/orders"
	logging.name_text(doc, {"Fn::Sub": ["/aws/lambda/${Free}", {}]}) == "/aws/lambda/${Free}"
	logging.name_text(doc, {"Fn::Join": ["", ["/aws/lambda/", {"Ref": "Fn"}]]}) == "/aws/lambda/${Fn}"
	logging.name_text(doc, "Name") == "orders"
	not logging.name_text(doc, {"Fn::ImportValue": "x"})
	not logging.name_text(doc, {"Fn::Sub": ["/aws/lambda/${X}", {"X": "y"}]})
}

test_cloudformation_links_and_retention if {
	template := {
		"Parameters": {"Free": {"Type": "String"}},
		"Resources": {
			"Orders": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders"}},
			"OrdersLogs": {
				"Type": "AWS::Logs::LogGroup",
				"Properties": {"LogGroupName": "/aws/lambda/orders", "RetentionInDays": 30},
			},
			"Audit": {"Type": "AWS::Lambda::Function", "Properties": {"LoggingConfig": {"LogGroup": "Shared"}}},
			"Shared": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
			"External": {
				"Type": "AWS::Lambda::Function",
				"Properties": {"LoggingConfig": {"LogGroup": "/org/shared"}},
			},
			"Lonely": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "lonely"}},
		},
	}
	_records(model.function_settings | model.store_settings) == {
		["Orders", "log_group", "OrdersLogs", ["Orders"]],
		["OrdersLogs", "retention_days", "30", ["Orders"]],
		["Audit", "log_group", "Shared", ["Audit"]],
		["Shared", "retention_days", "absent", ["Audit"]],
		["Lonely", "log_group", "absent", ["Lonely"]],
	} with input as template
}

test_a_group_only_deployment_names_leaves_functions_undecided if {
	template := {"Parameters": {"Free": {"Type": "String"}}, "Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "fn"}},
		"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Free}"}}},
	}}
	_records(model.function_settings | model.store_settings) == set() with input as template
}

test_serverless_framework_groups if {
	service := {
		"service": "shop",
		"provider": {"name": "aws", "logRetentionInDays": 14, "logs": {"lambda": {"logGroup": "/shop/all"}}},
		"functions": {
			"orders": {"handler": "h", "logs": {"logGroup": "/shop/orders"}},
			"audit": {"handler": "h", "disableLogs": true},
			"jobs": {"handler": "h"},
		},
		"resources": {"Resources": {"Orders": {
			"Type": "AWS::Logs::LogGroup",
			"Properties": {"LogGroupName": "/shop/orders", "RetentionInDays": 3},
		}}},
	}
	_records(model.function_settings | model.store_settings) == {
		["orders", "logs_disabled", "false", ["orders"]],
		["jobs", "logs_disabled", "false", ["jobs"]],
		["audit", "logs_disabled", "true", ["audit"]],
		["Orders", "retention_days", "3", ["orders"]],
	} with input as service
}

test_serverless_function_and_override if {
	service := {
		"service": "shop",
		"provider": {"name": "aws"},
		"functions": {
			"close-month": {"handler": "h"},
			"own": {"handler": "h", "logRetentionInDays": 7},
			"plain": {"handler": "h"},
		},
		"resources": {"Resources": {"CloseDashmonthLogGroup": {
			"Type": "AWS::Logs::LogGroup",
			"Properties": {"RetentionInDays": 0},
		}}},
	}
	{[r.resource, r.value] | some r in model.store_settings; r.setting == "retention_days"} == {
		["CloseDashmonthLogGroup", "0"], ["own", "7"], ["plain", "absent"],
	} with input as service
}

test_terraform_links if {
	module := {"resource": {
		"aws_lambda_function": {
			"a": [{"function_name": "orders", "role": "r"}],
			"b": [{"function_name": "${var.name}", "role": "r"}],
			"c": [{"function_name": "c", "role": "r", "logging_config": [{"log_group": "${var.group}"}]}],
			"d": [{"function_name": "lonely", "role": "r"}],
		},
		"aws_cloudwatch_log_group": {
			"a": [{"name": "/aws/lambda/${aws_lambda_function.a.function_name}", "retention_in_days": 30}],
			"b": [{"name": "/aws/lambda/${var.name}"}],
		},
	}}
	_records(model.function_settings | model.store_settings) == {
		["aws_lambda_function.a", "log_group", "aws_cloudwatch_log_group.a", ["aws_lambda_function.a"]],
		["aws_cloudwatch_log_group.a", "retention_days", "30", ["aws_lambda_function.a"]],
		["aws_lambda_function.b", "log_group", "aws_cloudwatch_log_group.b", ["aws_lambda_function.b"]],
		["aws_cloudwatch_log_group.b", "retention_days", "absent", ["aws_lambda_function.b"]],
		["aws_lambda_function.d", "log_group", "absent", ["aws_lambda_function.d"]],
	} with input as module
}

test_terraform_open_group_leaves_functions_undecided if {
	module := {"resource": {
		"aws_lambda_function": {"a": [{"function_name": "orders", "role": "r"}]},
		"aws_cloudwatch_log_group": {"x": [{"name": "/aws/lambda/${var.other}"}]},
	}}
	_records(model.function_settings | model.store_settings) == set() with input as module
}
