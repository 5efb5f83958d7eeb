package faasguard.rules.fg_09_03_test

import data.faasguard.rules.fg_09_03

_statement(resource, actions, resources) := {
	"resource": resource,
	"effect": "Allow",
	"actions": actions,
	"not_actions": [],
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": ["Role"],
	"functions": ["Fn"],
}

_managed(resource, policy) := {"resource": resource, "policy": policy, "roles": [resource], "functions": ["Fn"]}

test_invoke_on_unscoped_functions if {
	statements := {
		_statement("Star", ["lambda:InvokeFunction"], ["*"]),
		_statement("AnyFunction", ["lambda:Invoke*"], ["arn:aws:lambda:*:*:function:*"]),
		_statement("Async", ["lambda:InvokeAsync"], ["arn:aws:lambda:eu-west-1:1:function:*"]),
		_statement("Everything", ["*"], ["*"]),
		_statement("Named", ["lambda:InvokeFunction"], ["arn:aws:lambda:eu-west-1:1:function:charge"]),
		_statement("Prefix", ["lambda:InvokeFunction"], ["arn:aws:lambda:eu-west-1:1:function:orders-*"]),
		_statement("OtherAction", ["lambda:GetFunction"], ["*"]),
	}
	{r.resource | some r in fg_09_03.deny} == {"Star", "AnyFunction", "Async", "Everything"}
		with data.faasguard.model.policy_statements as statements
		with data.faasguard.model.managed_policies as set()
		with data.faasguard.model.format as "terraform"
}

test_managed_policies_that_invoke_every_function if {
	managed := {
		_managed("Arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"),
		_managed("BareName", "AWSLambdaRole"),
		_managed("GovCloud", "arn:aws-us-gov:iam::aws:policy/AWSLambda_FullAccess"),
		_managed("Admin", "AdministratorAccess"),
		_managed("Basic", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
		_managed("ScopedInvoke", "SecretsManagerReadWrite"),
		_managed("CreateOnly", "AmazonDynamoDBFullAccess"),
	}
	{r.resource | some r in fg_09_03.deny} == {"Arn", "BareName", "GovCloud", "Admin"}
		with data.faasguard.model.policy_statements as set()
		with data.faasguard.model.managed_policies as managed
		with data.faasguard.model.format as "sam"
}

test_a_policy_alternative_decides_only_when_all_do if {
	managed := {
		object.union(_managed("Both", "AWSLambdaRole"), {"choice": "c1", "choices": 2, "alternative": 0}),
		object.union(_managed("Both", "AWSLambda_FullAccess"), {"choice": "c1", "choices": 2, "alternative": 1}),
		object.union(_managed("One", "AWSLambdaRole"), {"choice": "c2", "choices": 2, "alternative": 0}),
	}
	{r.resource | some r in fg_09_03.deny} == {"Both"}
		with data.faasguard.model.policy_statements as set()
		with data.faasguard.model.managed_policies as managed
		with data.faasguard.model.format as "cloudformation"
}

test_statement_and_policy_on_one_resource_give_one_finding if {
	results := fg_09_03.deny with data.faasguard.model.policy_statements as {_statement("Role", ["lambda:*"], ["*"])}
		with data.faasguard.model.managed_policies as {_managed("Role", "AWSLambdaRole")}
		with data.faasguard.model.format as "terraform_plan"
	count(results) == 1
	some result in results
	contains(result.msg, "AWSLambdaRole, lambda:*")
}
