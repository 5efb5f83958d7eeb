package faasguard.rules.fg_07_07_test

import data.faasguard.rules.fg_07_07

_setting(resource, kind, setting, value) := {
	"resource": resource, "kind": kind, "setting": setting, "value": value, "functions": [resource],
}

test_secret_defaults_of_every_kind if {
	records := {
		_setting("Fn", "parameter", "DbPassword", "Orders-2024!"),
		_setting("aws_db_instance.main", "variable", "db_password", "hunter2-not-real"),
		_setting("provider", "custom", "custom.stripe.apiKey", "key-7Hq2Lx9Vb4Rt"),
		_setting("charge", "custom", "params.prod.token", "prod-token-1"),
		_setting("Key", "parameter", "Plain", "AKIAIOSFODNN7EXAMPLE"),
	}
	results := fg_07_07.deny with data.faasguard.model.secret_settings as records
		with data.faasguard.model.format as "cloudformation"
	{r.resource | some r in results} == {"Fn", "aws_db_instance.main", "provider", "charge", "Key"}
}

test_not_secret_defaults if {
	records := {
		_setting("Fn", "parameter", "DbPasswordSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"),
		_setting("Fn", "parameter", "DbPasswordSecretName", "orders/db"),
		_setting("Fn", "parameter", "Port", "5432"),
		_setting("Fn", "parameter", "ApiToken", "abc"),
		_setting("aws_lambda_function.f", "variable", "auth_enabled", "true"),
		_setting("a", "custom", "custom.tableName", "orders"),
		# the stage name is not the value's name
		_setting("a", "custom", "params.auth.region", "eu-west-1"),
		# another kind of the view
		_setting("Fn", "environment", "environment.DB_PASSWORD", "secretsmanager"),
	}
	count(fg_07_07.deny) == 0 with data.faasguard.model.secret_settings as records
		with data.faasguard.model.format as "cloudformation"
}

test_message_names_the_parameter_never_the_value if {
	records := {_setting("Fn", "parameter", "DbPassword", "Orders-2024!")}
	some r in fg_07_07.deny with data.faasguard.model.secret_settings as records
		with data.faasguard.model.format as "cloudformation"
	contains(r.msg, "parameter DbPassword")
	not contains(r.msg, "Orders-2024!")
}
