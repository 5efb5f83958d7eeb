package faasguard.rules.fg_00_01_test

import data.faasguard.rules.fg_00_01

_statement(resource, actions, functions) := {
	"resource": resource, "effect": "Allow", "actions": actions, "not_actions": [],
	"iam_resources": ["*"], "iam_not_resources": [], "roles": ["Role"], "functions": functions,
}

test_one_finding_per_function_with_a_public_entry_point_and_a_dangerous_grant if {
	results := fg_00_01.deny
		with data.faasguard.model.api_operations as {{
			"resource": "GetOrders", "api": "Api", "kind": "rest", "method": "GET", "path": "/orders",
			"authorization": "NONE", "api_key_required": true, "functions": ["Orders", "Reports"],
		}}
		with data.faasguard.model.function_urls as {{"resource": "Url", "auth_type": "NONE", "functions": ["Orders"]}}
		with data.faasguard.model.policy_statements as {
			_statement("AdminPolicy", ["*"], ["Orders", "Internal"]),
			_statement("ReadPolicy", ["s3:GetObject"], ["Reports"]),
			_statement("PassPolicy", ["iam:PassRole", "kinesis:*"], ["Internal", "Orders"]),
		}
		with data.faasguard.model.format as "terraform"
	{[r.id, r.resource, r.functions, r.severity] | some r in results} == {["FG_00_01", "Orders", ["Orders"], "CRITICAL"]}
	some r in results
	contains(r.msg, "anyone can invoke Orders through REST GET /orders (GetOrders), function URL (Url)")
	contains(r.msg, "its role grants admin, privilege escalation, service-wide permissions: Action * in AdminPolicy, ")
	contains(r.msg, "iam:PassRole on every resource in PassPolicy, kinesis:* on every resource in PassPolicy;")
}

test_no_finding_without_a_public_entry_point if {
	results := fg_00_01.deny
		with data.faasguard.model.function_urls as {{"resource": "Url", "auth_type": "AWS_IAM", "functions": ["Fn"]}}
		with data.faasguard.model.policy_statements as {_statement("AdminPolicy", ["*"], ["Fn"])}
		with data.faasguard.model.format as "sam"
	results == set()
}
