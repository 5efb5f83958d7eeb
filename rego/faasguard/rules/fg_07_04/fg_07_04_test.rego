package faasguard.rules.fg_07_04_test

import data.faasguard.rules.fg_07_04

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": [],
}

_settings := {
	_setting("Keyed", "secret", "kms_key", "true"),
	_setting("Keyed", "secret", "rotation", "true"),
	_setting("Unkeyed", "secret", "kms_key", "false"),
	_setting("Unkeyed", "secret", "rotation", "false"),
	object.union(_setting("Maybe", "secret", "kms_key", "false"), {"choice": "m", "choices": 2, "alternative": 0}),
	_setting("Maybe", "secret", "rotation", "true"),
	_setting("Password", "ssm_parameter", "type", "String"),
	_setting("Password", "ssm_parameter", "name", "/*/db/password"),
	_setting("Secure", "ssm_parameter", "type", "SecureString"),
	_setting("Secure", "ssm_parameter", "name", "/db/password"),
	_setting("WebhookTokenParameter", "ssm_parameter", "type", "String"),
	_setting("WebhookTokenParameter", "ssm_parameter", "name", "/billing/webhook"),
	_setting("Url", "ssm_parameter", "type", "StringList"),
	_setting("Url", "ssm_parameter", "value", "postgres://app:example-only@db.internal/app"),
	_setting("Config", "ssm_parameter", "type", "String"),
	_setting("Config", "ssm_parameter", "name", "/billing/log-level"),
	# a name that points at a secret is not one
	_setting("Pointer", "ssm_parameter", "type", "String"),
	_setting("Pointer", "ssm_parameter", "name", "/billing/db-password-arn"),
	_setting("aws_ssm_parameter.api_key[0]", "ssm_parameter", "type", "String"),
}

test_weak_stores_are_reported if {
	results := fg_07_04.deny with data.faasguard.model.secret_settings as _settings
		with data.faasguard.model.format as "cloudformation"
	{r.resource | some r in results} == {
		"Unkeyed", "Password", "WebhookTokenParameter", "Url",
		"aws_ssm_parameter.api_key[0]",
	}
	every r in results {
		r.id == "FG_07_04"
		r.functions == []
	}
}

test_messages_name_every_problem if {
	results := fg_07_04.deny with data.faasguard.model.secret_settings as _settings
		with data.faasguard.model.format as "cloudformation"
	some r in results
	r.resource == "Unkeyed"
	contains(r.msg, "has no rotation configured and is encrypted with the AWS managed key")
}

test_cloudformation_end_to_end if {
	template := {"Resources": {
		"Key": {"Type": "AWS::KMS::Key"},
		"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": {"Ref": "Key"}}},
		"Rotation": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": "Secret"}}},
		"Unrotated": {"Type": "AWS::SecretsManager::Secret", "Properties": {"KmsKeyId": {"Ref": "Key"}}},
		"DbPasswordParameter": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "x"}},
	}}
	{r.resource | some r in fg_07_04.deny} == {"Unrotated", "DbPasswordParameter"} with input as template
}
