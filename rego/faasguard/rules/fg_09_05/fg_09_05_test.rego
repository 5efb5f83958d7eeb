package faasguard.rules.fg_09_05_test

import data.faasguard.rules.fg_09_05

_statement(resource, actions, resources) := {
	"resource": resource,
	"effect": "Allow",
	"actions": actions,
	"not_actions": [],
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": ["GuestRole"],
	"functions": [],
}

test_invoke_anywhere_and_data_on_every_resource if {
	statements := {
		_statement("InvokeOne", ["lambda:InvokeFunction"], ["arn:aws:lambda:eu-west-1:1:function:sync"]),
		_statement("InvokeUnknown", ["lambda:Invoke*"], []),
		_statement("AnyTable", ["dynamodb:Query"], ["arn:aws:dynamodb:*:*:table/*"]),
		_statement("AnyObject", ["s3:GetObject"], ["*"]),
		_statement("OwnTable", ["dynamodb:Query"], ["arn:aws:dynamodb:eu-west-1:1:table/notes"]),
		_statement("Api", ["execute-api:Invoke"], ["arn:aws:execute-api:eu-west-1:1:abc/prod/GET/notes"]),
		_statement("Analytics", ["mobileanalytics:PutEvents"], ["*"]),
		object.union(_statement("Denied", ["lambda:InvokeFunction"], ["*"]), {"effect": "Deny"}),
	}
	{r.resource | some r in fg_09_05.deny} == {"InvokeOne", "InvokeUnknown", "AnyTable", "AnyObject"}
		with data.faasguard.model.identity_pool_statements as statements
		with data.faasguard.model.format as "terraform"
}

test_function_roles_are_not_read if {
	count(fg_09_05.deny) == 0 with data.faasguard.model.identity_pool_statements as set()
		with data.faasguard.model.policy_statements as {_statement("FunctionRole", ["lambda:InvokeFunction"], ["*"])}
		with data.faasguard.model.format as "cloudformation"
}

test_the_message_names_the_roles if {
	results := fg_09_05.deny with data.faasguard.model.identity_pool_statements as {_statement("P", ["s3:*"], ["*"])}
		with data.faasguard.model.format as "serverless"
	some result in results
	contains(result.msg, "role GuestRole")
	result.functions == []
}
