package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

# A plan trimmed to what the API views read: a pool without password_policy (the provider plans it
# "known after apply": absent, AWS's default policy), a pool whose minimum_length is known only after
# apply, a client without write_attributes (computed: it writes every mutable attribute), and a JWT
# authorizer whose audience names the client. The identity pool has no configuration in the plan: its
# unknown values stay unknown.
_apis_plan := {
	"format_version": "1.2",
	"resource_changes": [
		_apis_change("aws_cognito_user_pool", "bare", {"mfa_configuration": "OFF"}, {"password_policy": true, "id": true}),
		_apis_change(
			"aws_cognito_user_pool", "pool",
			{
				"password_policy": [{"minimum_length": null, "require_lowercase": true}],
				"schema": [{"name": "tenant_id", "mutable": true}],
			},
			{"password_policy": [{"minimum_length": true}], "schema": [{}]},
		),
		_apis_change(
			"aws_cognito_user_pool_client", "web", {"name": "web"},
			{"user_pool_id": true, "write_attributes": true},
		),
		_apis_change("aws_cognito_identity_pool", "guests", {}, {"allow_unauthenticated_identities": true}),
		_apis_change(
			"aws_apigatewayv2_authorizer", "jwt",
			{"authorizer_type": "JWT", "name": "jwt", "jwt_configuration": [{"issuer": "https://issuer"}]},
			{"jwt_configuration": [{"audience": true}]},
		),
	],
	"configuration": {"root_module": {"resources": [
		_apis_config("aws_cognito_user_pool", "bare", {"name": {"constant_value": "bare"}}),
		_apis_config("aws_cognito_user_pool", "pool", {"password_policy": [{
			"minimum_length": {"references": ["var.minimum"]},
		}]}),
		_apis_config("aws_cognito_user_pool_client", "web", {
			"name": {"constant_value": "web"},
			"user_pool_id": {"references": ["aws_cognito_user_pool.pool.id", "aws_cognito_user_pool.pool"]},
		}),
		_apis_config("aws_apigatewayv2_authorizer", "jwt", {"jwt_configuration": [{
			"audience": {"references": ["aws_cognito_user_pool_client.web.id"]},
		}]}),
	]}},
}

_apis_change(type, name, after, after_unknown) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

_apis_config(type, name, expressions) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"expressions": expressions,
}

test_unknown_planned_values_and_computed_defaults if {
	views := plan.api_views with input as _apis_plan
	{[c.resource, c.setting, c.value] | some c in views.cognito} == {
		["aws_cognito_user_pool.bare", "password_minimum_length", "8"],
		["aws_cognito_user_pool.bare", "password_requires", ""],
		["aws_cognito_user_pool.bare", "mfa", "OFF"],
		["aws_cognito_user_pool.pool", "password_requires", "uppercase, numbers, symbols"],
		["aws_cognito_user_pool.pool", "mfa", "OFF"],
		["aws_cognito_user_pool_client.web", "writable_custom_attribute", "tenant_id"],
	}
	{[a.jwt_issuer, a.jwt_audiences] | some a in views.authorizers} == {["https://issuer", ["(set at deployment)"]]}
}

test_other_formats_have_no_api_views if {
	plan.api_views == {} with input as {"resource": {}}
}
