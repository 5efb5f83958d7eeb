package faasguard.rules.fg_09_04_test

import data.faasguard.rules.fg_09_04

_apis := {
	{"resource": "Api", "kind": "rest_api", "setting": "default_endpoint", "value": "enabled", "functions": []},
	{"resource": "Other", "kind": "rest_api", "setting": "default_endpoint", "value": "enabled", "functions": []},
}

_statement(resource, target, effect, actions, public, constrained) := {
	"resource": resource, "target": target, "effect": effect,
	"actions": actions, "public": public, "constrained": constrained,
}

test_an_open_allow_on_invoke if {
	denied := {r.resource | some r in fg_09_04.deny} with data.faasguard.model.source_policies as {
		_statement("Api", "Api", "Allow", ["execute-api:Invoke"], true, false),
		_statement("Policy", "Other", "Allow", ["Execute-API:*"], true, false),
	}
		with data.faasguard.model.api_settings as _apis
		with data.faasguard.model.format as "cloudformation"
	denied == {"Api", "Policy"}
}

test_conditions_accounts_and_other_actions_pass if {
	denied := {r.resource | some r in fg_09_04.deny} with data.faasguard.model.source_policies as {
		_statement("Api", "Api", "Allow", ["execute-api:Invoke"], true, true),
		_statement("Api", "Api", "Allow", ["execute-api:Invoke"], false, false),
		_statement("Other", "Other", "Allow", ["execute-api:ManageConnections"], true, false),
	}
		with data.faasguard.model.api_settings as _apis
		with data.faasguard.model.format as "cloudformation"
	denied == set()
}

test_a_conditioned_public_deny_restricts_the_allow if {
	denied := {r.resource | some r in fg_09_04.deny} with data.faasguard.model.source_policies as {
		_statement("Api", "Api", "Allow", ["*"], true, false),
		_statement("Api", "Api", "Deny", ["execute-api:Invoke"], true, true),
		_statement("Other", "Other", "Allow", ["*"], true, false),
		_statement("Other", "Other", "Deny", ["execute-api:Invoke"], true, false),
	}
		with data.faasguard.model.api_settings as _apis
		with data.faasguard.model.format as "cloudformation"
	denied == {"Other"}
}

# a bucket policy is in the same view: only APIs are judged (a REST API known by its operations too)
test_only_api_policies_are_judged if {
	denied := {r.resource | some r in fg_09_04.deny} with data.faasguard.model.source_policies as {
		_statement("BucketPolicy", "Bucket", "Allow", ["*"], true, false),
		_statement("provider", "ApiGatewayRestApi", "Allow", ["*"], true, false),
	}
		with data.faasguard.model.api_settings as set()
		with data.faasguard.model.api_operations as {{"api": "ApiGatewayRestApi", "kind": "rest"}}
		with data.faasguard.model.format as "serverless"
	denied == {"provider"}
}
