package faasguard.rules.fg_05_02_test

import data.faasguard.rules.fg_05_02

_functions := {
	{"resource": "orders", "kind": "function", "setting": "log_group", "value": "absent", "functions": ["orders"]},
	{"resource": "billing", "kind": "function", "setting": "log_group", "value": "BillingLogs", "functions": ["billing"]},
	{"resource": "audit", "kind": "function", "setting": "logs_disabled", "value": "true", "functions": ["audit"]},
	{"resource": "jobs", "kind": "function", "setting": "logs_disabled", "value": "false", "functions": ["jobs"]},
}

_stores := {
	{
		"resource": "BillingLogs", "kind": "log_group", "setting": "retention_days",
		"value": "absent", "functions": ["billing"],
	},
	{"resource": "provider", "kind": "log_group", "setting": "retention_days", "value": "30", "functions": ["jobs"]},
	{"resource": "Zero", "kind": "log_group", "setting": "retention_days", "value": "0", "functions": ["zero"]},
	{"resource": "Unused", "kind": "log_group", "setting": "retention_days", "value": "absent", "functions": []},
	{"resource": "Queue", "kind": "sqs_queue", "setting": "kms_key", "value": "absent", "functions": ["jobs"]},
}

test_missing_disabled_and_forever_are_reported if {
	results := fg_05_02.deny with data.faasguard.model.function_settings as _functions
		with data.faasguard.model.store_settings as _stores
		with data.faasguard.model.format as "serverless"
	{[r.resource, r.functions] | some r in results} == {
		["orders", ["orders"]], ["audit", ["audit"]],
		["BillingLogs", ["billing"]], ["Zero", ["zero"]],
	}
	every r in results {
		r.id == "FG_05_02"
		r.severity == data.faasguard.catalog.FG_05_02.severity
	}
}

test_messages_say_how_long_logs_are_kept if {
	results := fg_05_02.deny with data.faasguard.model.function_settings as _functions
		with data.faasguard.model.store_settings as _stores
		with data.faasguard.model.format as "serverless"
	some r in results
	r.resource == "BillingLogs"
	contains(r.msg, "log group BillingLogs keeps logs forever, under the 1 days asked")
}

test_the_minimum_comes_from_the_settings if {
	results := fg_05_02.deny with data.faasguard.model.function_settings as set()
		with data.faasguard.model.store_settings as _stores
		with data.faasguard.config.log_retention_min_days as 365
		with data.faasguard.model.format as "terraform"
	{r.resource | some r in results} == {"BillingLogs", "Zero", "provider"}
}

test_alternatives_that_disagree_decide_nothing if {
	group := {"resource": "G", "kind": "log_group", "setting": "retention_days", "functions": ["f"]}
	records := {
		object.union(group, {"value": "absent", "choice": "c", "choices": 2, "alternative": 0}),
		object.union(group, {"value": "30", "choice": "c", "choices": 2, "alternative": 1}),
	}
	count(fg_05_02.deny) == 0 with data.faasguard.model.store_settings as records
		with data.faasguard.model.function_settings as set()
		with data.faasguard.model.format as "terraform"
	forever := {object.union(r, {"value": "absent"}) | some r in records}
	count(fg_05_02.deny) == 1 with data.faasguard.model.store_settings as forever
		with data.faasguard.model.function_settings as set()
		with data.faasguard.model.format as "terraform"
}

test_cloudformation_end_to_end if {
	template := {"Resources": {
		"Orders": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders"}},
		"OrdersLogs": {
			"Type": "AWS::Logs::LogGroup",
			"Properties": {"LogGroupName": "/aws/lambda/orders", "RetentionInDays": 30},
		},
		"Billing": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"BillingLogs": {
			"Type": "AWS::Logs::LogGroup",
			"Properties": {"LogGroupName": {"Fn::Sub": "/aws/lambda/${Billing}"}},
		},
		"Lonely": {"Type": "AWS::Lambda::Function", "Properties": {}},
	}}
	{r.resource | some r in fg_05_02.deny} == {"BillingLogs", "Lonely"} with input as template
}
