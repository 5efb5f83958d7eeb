package faasguard.rules.fg_07_01_test

import data.faasguard.rules.fg_07_01

_env(name, value) := {"resource": "Fn", "name": name, "value": value, "functions": ["Fn"]}

# each case is checked alone: {name: value} → the names reported
test_secret_names_with_literal_values if {
	cases := {
		"DB_PASSWORD": "hunter2!", "db-password": "hunter2!", "PASS": "hunter2!", "SMTP_PWD": "hunter2!",
		"BASIC_AUTH": "user:pw", "SENTRY_DSN": "https://k@o1.ingest.sentry.io/1", "MYSQL_PASSWD": "abcd",
		"clientSecret": "abcdefgh", "GITHUB_TOKEN": "abcdefgh", "STRIPE_APIKEY": "abcdefgh", "api-key": "abcdefgh",
		"PRIVATE_KEY": "abcdefgh", "GCP_CREDENTIALS": `{"type": "service_account"}`,
		"DB_CONNECTION_STRING": "Server=db;User=sa", "CONNSTRING": "Server=db;User=sa",
		"DATABASE_URL": "postgres://db/app",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == object.keys(cases)
}

test_names_that_only_contain_the_short_words if {
	cases := {"PASSAGE": "some text", "AUTHOR": "someone", "COMPASS_HEADING": "north", "TABLE_NAME": "orders"}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == set()
}

test_values_that_are_not_secret_literals if {
	cases := {
		"DB_PASSWORD": "abc", "API_TOKEN": "12345678", "AUTH_ENABLED": "true", "AUTH_DISABLED": "False",
		"DB_PASSWORD_SECRET": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == set()
}

test_credential_values_whatever_the_name if {
	cases := {
		"V1": "AKIAIOSFODNN7EXAMPLE", "V2": "ASIAIOSFODNN7EXAMPLE", "V3": "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
		"V4": "-----BEGIN PRIVATE KEY-----", "V5": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
		"V6": "xoxb-1234567890-abcdef", "V7": "sk_live_0123456789abcdefXYZ",
		"V8": "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "V9": "postgres://app:s3cret@db.example.com:5432/app",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == object.keys(cases)
}

test_non_credential_values if {
	cases := {
		"V1": "AKIAIOSFODNN7EXAMPL", "V2": "akiaiosfodnn7example", "V3": "https://example.com/path",
		"V4": "postgres://db.example.com:5432/app", "V5": "sk_test_0123456789abcdefXYZ",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == set()
}

test_one_finding_per_resource_naming_variables_never_values if {
	environment := {
		{"resource": "provider", "name": "DB_PASSWORD", "value": "hunter2!", "functions": ["a", "b"]},
		{"resource": "provider", "name": "API_TOKEN", "value": "AKIAIOSFODNN7EXAMPLE", "functions": ["a", "b"]},
		{"resource": "provider", "name": "STAGE", "value": "prod", "functions": ["a", "b"]},
		{"resource": "a", "name": "SECRET", "value": "letmein1", "functions": ["a"]},
	}
	results := fg_07_01.deny with data.faasguard.model.environment as environment
		with data.faasguard.model.format as "serverless"
	{[r.resource, r.functions] | some r in results} == {["provider", ["a", "b"]], ["a", ["a"]]}
	some r in results
	r.resource == "provider"
	contains(r.msg, "look like plaintext secrets: API_TOKEN, DB_PASSWORD;")
	every result in results {
		not contains(result.msg, "hunter2!")
		not contains(result.msg, "AKIAIOSFODNN7EXAMPLE")
		not contains(result.msg, "letmein1")
	}
}

test_unknown_values_are_never_secrets_end_to_end if {
	template := {"Parameters": {"Pw": {"Type": "String", "NoEcho": true}}, "Resources": {"Fn": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Environment": {"Variables": {
			"DB_PASSWORD": {"Ref": "Pw"},
			"API_TOKEN": "{{resolve:secretsmanager:api:SecretString:token}}",
			"AUTH_SECRET": {"Fn::Sub": "${Secret}"},
		}}},
	}}}
	count(fg_07_01.deny) == 0 with input as template
}

test_reference_names_hold_no_secret if {
	cases := {
		"SECRET_NAME": "TheSecret", "APP_PRIVATE_KEY_SECRET_NAME": "my-secret", "DB_PASSWORD_ARN": "db-password",
		"API_KEY_ID": "orders-key", "TOKEN_PATH": "/orders/token", "DB_PASSWORD_PARAM": "/orders/db-password",
		"apiTokenSecretId": "orders/api-token", "SECRET_PARAMETER": "orders-secret",
		"UrlAuthType": "none", "TOKEN_MODE": "rotate", "AUTH_METHOD": "oauth2", "SECRETS_ENABLED": "yes",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == set()
}

test_camel_case_secret_names if {
	cases := {"dbPassword": "hunter2!", "stripeApiKey": "abcdefgh", "authToken": "abcdefgh"}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == object.keys(cases)
}

test_secret_access_key_under_any_name if {
	cases := {
		"foo": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "BAR": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/ab",
		"GH_TOKEN": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv", "KEY": "AIzaSyA1234567890abcdefghijklmnopqrstuv",
		"PGP": "-----BEGIN PGP PRIVATE KEY BLOCK-----",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == object.keys(cases)
}

test_forty_characters_that_are_not_secret_keys if {
	cases := {
		"COMMIT": "3f786850e387550fdab836ed7e6dc881de23001b", "BUILD": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD",
		"LAYER": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", "SLASHES": "abcdefghij/klmnopqrst/uvwxyzabcd/efghijk",
	}
	reported := {name |
		some name, value in cases
		count(fg_07_01.deny) == 1 with data.faasguard.model.environment as {_env(name, value)}
			with data.faasguard.model.format as "cloudformation"
	}
	reported == set()
}

test_secret_key_beside_an_access_key_id if {
	environment := {
		{"resource": "Fn", "name": "KEY_A", "value": "AKIAIOSFODNN7EXAMPLE", "functions": ["Fn"]},
		{"resource": "Fn", "name": "KEY_B", "value": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", "functions": ["Fn"]},
		{"resource": "Other", "name": "KEY_B", "value": "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd", "functions": ["Other"]},
	}
	results := fg_07_01.deny with data.faasguard.model.environment as environment
		with data.faasguard.model.format as "cloudformation"
	{r.resource | some r in results} == {"Fn"}
	some r in results
	contains(r.msg, "KEY_A, KEY_B;")
}
