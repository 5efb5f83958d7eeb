package faasguard.rules.fg_04_01_test

import data.faasguard.rules.fg_04_01

_statement(resource, effect, actions, not_actions) := {
	"resource": resource,
	"effect": effect,
	"actions": actions,
	"not_actions": not_actions,
	"functions": ["Fn"],
}

test_admin_statements if {
	statements := {
		_statement("Star", "Allow", ["*"], []),
		_statement("StarStar", "allow", ["s3:GetObject", "*:*"], []),
		_statement("NotAction", "Allow", [], ["iam:*"]),
		_statement("Deny", "Deny", ["*"], []),
		_statement("Scoped", "Allow", ["s3:*"], []),
		_statement("Unknown", "", [], []),
	}
	{r.resource | some r in fg_04_01.deny} == {"Star", "StarStar", "NotAction"}
		with data.faasguard.model.policy_statements as statements
		with data.faasguard.model.format as "terraform"
}

test_admin_managed_policies if {
	managed := {
		{"resource": "Role", "policy": "arn:aws:iam::aws:policy/AdministratorAccess", "functions": ["Fn"]},
		{"resource": "provider", "policy": "arn:aws:iam::aws:policy/PowerUserAccess", "functions": ["a"]},
		{"resource": "SamFn", "policy": "AdministratorAccess", "functions": ["SamFn"]},
		{"resource": "ReadOnly", "policy": "arn:aws:iam::aws:policy/ReadOnlyAccess", "functions": ["Fn"]},
	}
	{r.resource | some r in fg_04_01.deny} == {"Role", "provider", "SamFn"}
		with data.faasguard.model.managed_policies as managed
		with data.faasguard.model.format as "terraform_plan"
}

test_one_finding_per_resource_with_every_reason if {
	results := fg_04_01.deny with data.faasguard.model.policy_statements as {
		_statement("Role", "Allow", ["*"], []),
		_statement("Role", "Allow", [], ["iam:*", "organizations:*"]),
	}
		with data.faasguard.model.managed_policies as {{
			"resource": "Role",
			"policy": "AdministratorAccess",
			"functions": ["Other"],
		}}
		with data.faasguard.model.format as "cloudformation"
	count(results) == 1
	some r in results
	r.functions == ["Fn", "Other"]
	contains(r.msg, "the AWS managed policy AdministratorAccess")
	contains(r.msg, "a statement allowing Action *")
	contains(r.msg, "a statement allowing every action except NotAction iam:*, organizations:*")
}

test_serverless_provider_end_to_end if {
	statements := [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
	service := {"service": "s", "provider": {"iam": {"role": {"statements": statements}}}, "functions": {
		"shared": {"handler": "h"},
		"own": {"role": "arn:aws:iam::1:role/own"},
	}}
	results := fg_04_01.deny with input as service
	{[r.resource, r.functions, r.format] | some r in results} == {["provider", ["shared"], "serverless"]}
}
