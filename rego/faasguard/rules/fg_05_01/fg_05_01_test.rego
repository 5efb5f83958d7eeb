package faasguard.rules.fg_05_01_test

import data.faasguard.rules.fg_05_01

_tracing := {
	{"resource": "provider", "mode": "PassThrough", "functions": ["a", "b"]},
	{"resource": "c", "mode": "Active", "functions": ["c"]},
	{"resource": "d", "mode": "absent", "functions": ["d"]},
	{"resource": "Disabled", "mode": "Disabled", "functions": ["Disabled"]},
}

test_every_mode_but_active_is_reported if {
	results := fg_05_01.deny with data.faasguard.model.tracing as _tracing with data.faasguard.model.format as "serverless"
	{[r.resource, r.functions] | some r in results} == {["provider", ["a", "b"]], ["d", ["d"]], ["Disabled", ["Disabled"]]}
	every r in results {
		r.id == "FG_05_01"
		r.severity == data.faasguard.catalog.FG_05_01.severity
	}
}

test_messages_say_what_is_set if {
	results := fg_05_01.deny with data.faasguard.model.tracing as _tracing with data.faasguard.model.format as "serverless"
	some provider in results
	provider.resource == "provider"
	contains(provider.msg, `provider does not set the tracing mode to Active (it sets "PassThrough")`)
	some d in results
	d.resource == "d"
	contains(d.msg, "(it sets no mode)")
}

test_active_passes if {
	count(fg_05_01.deny) == 0
		with data.faasguard.model.tracing as {{"resource": "c", "mode": "Active", "functions": ["c"]}}
}

test_cloudformation_end_to_end if {
	template := {"Resources": {
		"Traced": {"Type": "AWS::Lambda::Function", "Properties": {"TracingConfig": {"Mode": "Active"}}},
		"Untraced": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"Unknown": {"Type": "AWS::Lambda::Function", "Properties": {"TracingConfig": {"Mode": {"Fn::ImportValue": "mode"}}}},
	}}
	{r.resource | some r in fg_05_01.deny} == {"Untraced"} with input as template
}
