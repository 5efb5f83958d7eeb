package faasguard.rules.fg_07_06_test

import data.faasguard.rules.fg_07_06

_statement(resource, actions, not_actions, resources) := {
	"resource": resource,
	"effect": "Allow",
	"actions": actions,
	"not_actions": not_actions,
	"iam_resources": resources,
	"iam_not_resources": [],
	"roles": ["Role"],
	"functions": ["Fn"],
}

test_secret_reads_on_unscoped_resources if {
	statements := {
		_statement("Star", ["secretsmanager:GetSecretValue"], [], ["*"]),
		_statement("ParameterWildcard", ["SSM:Get*"], [], ["arn:aws:ssm:*:*:parameter/*"]),
		_statement("AnyKey", ["kms:Decrypt"], [], ["arn:aws:kms:eu-west-1:123456789012:key/*"]),
		_statement("NotAction", [], ["iam:*"], ["*"]),
		_statement("ServiceWildcard", ["secretsmanager:*"], [], ["arn:aws:secretsmanager:*:*:secret:*"]),
		_statement("Scoped", ["secretsmanager:GetSecretValue"], [], ["arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCd"]),
		_statement("Prefix", ["ssm:GetParametersByPath"], [], ["arn:aws:ssm:eu-west-1:1:parameter/app/*"]),
		_statement("OtherAction", ["kms:Encrypt", "secretsmanager:ListSecrets"], [], ["*"]),
		_statement("NotActionExcludingThem", [], ["secretsmanager:*", "ssm:*", "kms:*"], ["*"]),
	}
	{r.resource | some r in fg_07_06.deny} == {"Star", "ParameterWildcard", "AnyKey", "NotAction", "ServiceWildcard"}
		with data.faasguard.model.policy_statements as statements
		with data.faasguard.model.format as "terraform"
}

test_deny_statements_never_violate if {
	deny := object.union(_statement("Denied", ["kms:Decrypt"], [], ["*"]), {"effect": "Deny"})
	count(fg_07_06.deny) == 0 with data.faasguard.model.policy_statements as {deny}
		with data.faasguard.model.format as "cloudformation"
}

test_one_finding_per_resource_naming_every_entry if {
	results := fg_07_06.deny with data.faasguard.model.policy_statements as {
		_statement("Role", ["kms:Decrypt"], [], ["*"]),
		_statement("Role", ["ssm:GetParameter"], [], ["*"]),
	}
		with data.faasguard.model.format as "sam"
	count(results) == 1
	some result in results
	contains(result.msg, "kms:Decrypt, ssm:GetParameter")
	result.functions == ["Fn"]
}
