package faasguard.rules.fg_02_03_test

import data.faasguard.rules.fg_02_03

test_auth_type_none_is_reported if {
	urls := {
		{"resource": "PublicUrl", "auth_type": "NONE", "functions": ["Orders"]},
		{"resource": "PrivateUrl", "auth_type": "AWS_IAM", "functions": ["Admin"]},
	}
	results := fg_02_03.deny
		with data.faasguard.model.function_urls as urls
		with data.faasguard.model.format as "cloudformation"
	{[r.id, r.resource, r.functions] | some r in results} == {["FG_02_03", "PublicUrl", ["Orders"]]}
	some r in results
	contains(r.msg, "PublicUrl configures a function URL with auth type NONE")
	contains(r.msg, data.faasguard.catalog.FG_02_03.fix.cloudformation)
}

test_serverless_end_to_end if {
	service := {"service": "s", "provider": {"name": "aws"}, "functions": {
		"open": {"url": true},
		"cors": {"url": {"cors": true}},
		"iam": {"url": {"authorizer": "aws_iam"}},
		"none": {},
	}}
	{r.resource | some r in fg_02_03.deny} == {"open", "cors"} with input as service
}

test_sam_globals_end_to_end if {
	template := {
		"Transform": ["AWS::Serverless-2016-10-31"],
		"Globals": {"Function": {"FunctionUrlConfig": {"AuthType": "NONE"}}},
		"Resources": {
			"Open": {"Type": "AWS::Serverless::Function", "Properties": {}},
			"Closed": {"Type": "AWS::Serverless::Function", "Properties": {"FunctionUrlConfig": {"AuthType": "AWS_IAM"}}},
			"NoUrl": {"Type": "AWS::Serverless::Function", "IgnoreGlobals": ["FunctionUrlConfig"]},
		},
	}
	{r.resource | some r in fg_02_03.deny} == {"Open"} with input as template
}
