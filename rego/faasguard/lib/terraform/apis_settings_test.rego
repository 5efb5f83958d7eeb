package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

# Authorizers, lambda permissions and Cognito (apis_settings.rego); helpers in apis_test.rego.

test_authorizers_attached_by_methods_and_routes if {
	token := _apis_resource("aws_api_gateway_authorizer.token", {"name": "token"}, {})
	cognito := _apis_resource("aws_api_gateway_authorizer.cognito", {"type": "cognito_user_pools"}, {})
	odd := _apis_resource("aws_api_gateway_authorizer.odd", {"name": "odd", "type": 7}, {})
	request := _apis_unsettled_resource(
		"aws_apigatewayv2_authorizer.request", {"name": "req"}, {},
		{"authorizer_type"}, set(),
	)
	method := _apis_method("get", {"http_method": "GET", "authorization": "CUSTOM"}, {
		"authorizer_id": ["aws_api_gateway_authorizer.token"],
	})
	route := _apis_route("get", "aws_apigatewayv2_api.http", {"route_key": "GET /a"})
	refs := object.union(route.refs, {"authorizer_id": ["aws_apigatewayv2_authorizer.request"]})
	used := object.union(route, {"refs": refs})
	views := terraform.api_views with terraform.resources as {token, cognito, odd, request, method, used}
	views.authorizers == {
		_apis_authorizer("aws_api_gateway_authorizer.odd", "odd", "", false, "", []),
		_apis_authorizer("aws_api_gateway_authorizer.token", "token", "TOKEN", true, "", []),
		_apis_authorizer(
			"aws_api_gateway_authorizer.cognito", "aws_api_gateway_authorizer.cognito",
			"COGNITO_USER_POOLS", false, "", [],
		),
		_apis_authorizer("aws_apigatewayv2_authorizer.request", "req", "", true, "", []),
	}
}

_apis_authorizer(resource, name, kind, attached, issuer, audiences) := {
	"resource": resource, "name": name, "kind": kind, "attached": attached,
	"jwt_issuer": issuer, "jwt_audiences": audiences,
}

test_jwt_issuer_and_audiences_set_at_deployment_count_as_set if {
	pinned := _apis_resource(
		"aws_apigatewayv2_authorizer.pinned", {"authorizer_type": "jwt", "jwt_configuration": [{
			"issuer": "https://issuer.example.com",
			"audience": ["b", "a", "b"],
		}]},
		{},
	)
	referenced := _apis_unsettled_resource(
		"aws_apigatewayv2_authorizer.referenced",
		{"authorizer_type": "JWT", "jwt_configuration": [{"audience": ["x"]}]}, {}, set(),
		{["jwt_configuration", 0, "issuer"], ["jwt_configuration", 0, "audience", 1]},
	)
	whole := _apis_unsettled_resource(
		"aws_apigatewayv2_authorizer.whole",
		{"authorizer_type": "JWT", "jwt_configuration": [{}]}, {}, set(),
		{["jwt_configuration", 0, "audience"]},
	)
	loose := _apis_resource("aws_apigatewayv2_authorizer.loose", {"authorizer_type": "JWT"}, {})
	chosen := _apis_resource(
		"aws_apigatewayv2_authorizer.chosen", {"authorizer_type": "JWT", "jwt_configuration": [{
			"issuer": {"faasguard_choice": ["https://a", "https://b"], "choices": 2},
			"audience": [{"faasguard_choice": ["a", "b"], "choices": 2}],
		}]},
		{},
	)
	views := terraform.api_views with terraform.resources as {pinned, referenced, whole, loose, chosen}
	{[a.resource, a.jwt_issuer, a.jwt_audiences] | some a in views.authorizers} == {
		["aws_apigatewayv2_authorizer.chosen", "(set at deployment)", ["(set at deployment)"]],
		["aws_apigatewayv2_authorizer.pinned", "https://issuer.example.com", ["a", "b"]],
		["aws_apigatewayv2_authorizer.referenced", "(set at deployment)", ["(set at deployment)", "x"]],
		["aws_apigatewayv2_authorizer.whole", "", ["(set at deployment)"]],
		["aws_apigatewayv2_authorizer.loose", "", []],
	}
}

# ----------------------------------------------------------------------------- lambda permissions

test_lambda_permissions if {
	public := _apis_resource("aws_lambda_permission.public", {"principal": "*", "function_name": "orders"}, {})
	arn := _apis_resource(
		"aws_lambda_permission.arn",
		{"principal": "*", "function_name": "arn:aws:lambda:us-east-1:1:function:orders:live", "source_account": ""},
		{},
	)
	scoped := _apis_unsettled_resource(
		"aws_lambda_permission.scoped", {"principal": "s3.amazonaws.com"},
		{"function_name": ["aws_lambda_function.orders"]}, {"source_arn"}, set(),
	)
	org := _apis_resource("aws_lambda_permission.org", {"principal": "*", "principal_org_id": "o-1"}, {})
	url := _apis_resource("aws_lambda_permission.url", {"principal": "*", "function_url_auth_type": "none"}, {})
	unknown := _apis_unsettled_resource("aws_lambda_permission.unknown", {}, {}, {"principal"}, set())
	choice := _apis_resource(
		"aws_lambda_permission.choice",
		{"principal": {"faasguard_choice": ["*", "1"], "choices": 2}}, {},
	)
	url_unknown := _apis_unsettled_resource(
		"aws_lambda_permission.url_unknown", {"principal": "*"}, {},
		{"function_url_auth_type"}, set(),
	)
	resources := {_apis_function, public, arn, scoped, org, url, unknown, choice, url_unknown}
	views := terraform.api_views with terraform.resources as resources
	{[p.resource, p.principal, p.constrained, p.function_url_auth_type, p.functions, p.source_arn, p.source_account] |
		some p in views.lambda_permissions
	} == {
		["aws_lambda_permission.public", "*", false, "", ["aws_lambda_function.orders"], false, false],
		["aws_lambda_permission.arn", "*", false, "", ["aws_lambda_function.orders"], false, false],
		["aws_lambda_permission.scoped", "s3.amazonaws.com", true, "", ["aws_lambda_function.orders"], true, false],
		["aws_lambda_permission.org", "*", true, "", [], false, false],
		["aws_lambda_permission.url", "*", false, "NONE", [], false, false],
	}
}

# ---------------------------------------------------------------------------------------- Cognito

_apis_settings(views) := {[c.resource, c.kind, c.setting, c.value] | some c in views.cognito}

test_user_pool_defaults_and_password_policies if {
	bare := _apis_resource("aws_cognito_user_pool.bare", {}, {})
	weak := _apis_resource(
		"aws_cognito_user_pool.weak", {"mfa_configuration": "optional", "password_policy": [{
			"minimum_length": "10",
			"require_uppercase": true,
			"require_numbers": "true",
		}]},
		{},
	)
	strong := _apis_resource(
		"aws_cognito_user_pool.strong", {"mfa_configuration": "ON", "password_policy": [{
			"minimum_length": 14,
			"require_lowercase": true, "require_uppercase": true, "require_numbers": true, "require_symbols": true,
		}]},
		{},
	)
	views := terraform.api_views with terraform.resources as {bare, weak, strong}
	_apis_settings(views) == {
		["aws_cognito_user_pool.bare", "user_pool", "password_minimum_length", "8"],
		["aws_cognito_user_pool.bare", "user_pool", "password_requires", ""],
		["aws_cognito_user_pool.bare", "user_pool", "mfa", "OFF"],
		["aws_cognito_user_pool.weak", "user_pool", "password_minimum_length", "10"],
		["aws_cognito_user_pool.weak", "user_pool", "password_requires", "lowercase, symbols"],
		["aws_cognito_user_pool.weak", "user_pool", "mfa", "OPTIONAL"],
		["aws_cognito_user_pool.strong", "user_pool", "password_minimum_length", "14"],
		["aws_cognito_user_pool.strong", "user_pool", "password_requires", ""],
		["aws_cognito_user_pool.strong", "user_pool", "mfa", "ON"],
	}
}

test_user_pool_settings_only_deployment_settles_have_no_record if {
	policy := _apis_unsettled_resource(
		"aws_cognito_user_pool.policy", {}, {},
		{"password_policy", "mfa_configuration"}, set(),
	)
	length := _apis_unsettled_resource(
		"aws_cognito_user_pool.length",
		{"password_policy": [{"require_symbols": {"faasguard_choice": [true, false], "choices": 2}}]},
		{}, set(), {["password_policy", 0, "minimum_length"]},
	)
	lone := _apis_resource("aws_cognito_user_pool.lone", {"password_policy": {"minimum_length": 20}}, {})
	views := terraform.api_views with terraform.resources as {policy, length, lone}
	_apis_settings(views) == {
		["aws_cognito_user_pool.length", "user_pool", "mfa", "OFF"],
		["aws_cognito_user_pool.lone", "user_pool", "password_minimum_length", "8"],
		["aws_cognito_user_pool.lone", "user_pool", "password_requires", "lowercase, uppercase, numbers, symbols"],
		["aws_cognito_user_pool.lone", "user_pool", "mfa", "OFF"],
	}
}

test_clients_flows_and_writable_custom_attributes if {
	pool := _apis_resource(
		"aws_cognito_user_pool.pool", {"schema": [
			{"name": "tenant_id", "mutable": true},
			{"name": "custom:role", "mutable": "true"},
			{"name": "email", "mutable": true},
			{"name": "plan", "mutable": false},
			{"name": "secret_group", "mutable": true, "developer_only_attribute": true},
			{"name": "nickname_color"},
		]},
		{},
	)
	unsettled := _apis_unsettled_resource(
		"aws_cognito_user_pool.unsettled", {"schema": [{"name": "x", "mutable": true}]}, {}, set(),
		{["schema", 0, "mutable"]},
	)
	every_attribute := _apis_resource(
		"aws_cognito_user_pool_client.all", {"explicit_auth_flows": ["admin_no_srp_auth", "ALLOW_REFRESH_TOKEN_AUTH"]},
		{"user_pool_id": ["aws_cognito_user_pool.pool"]},
	)
	listed := _apis_resource(
		"aws_cognito_user_pool_client.listed", {"write_attributes": ["email", "custom:role"]},
		{"user_pool_id": ["aws_cognito_user_pool.pool"]},
	)
	unknown := _apis_unsettled_resource(
		"aws_cognito_user_pool_client.unknown", {}, {"user_pool_id": ["aws_cognito_user_pool.unsettled"]},
		{"write_attributes", "explicit_auth_flows"}, set(),
	)
	elsewhere := _apis_resource(
		"aws_cognito_user_pool_client.elsewhere",
		{"explicit_auth_flows": "USER_PASSWORD_AUTH"}, {},
	)
	resources := {pool, unsettled, every_attribute, listed, unknown, elsewhere}
	views := terraform.api_views with terraform.resources as resources
	{s | some s in _apis_settings(views); s[1] == "user_pool_client"} == {
		["aws_cognito_user_pool_client.all", "user_pool_client", "explicit_auth_flows", "ADMIN_NO_SRP_AUTH"],
		["aws_cognito_user_pool_client.all", "user_pool_client", "explicit_auth_flows", "ALLOW_REFRESH_TOKEN_AUTH"],
		["aws_cognito_user_pool_client.all", "user_pool_client", "writable_custom_attribute", "tenant_id"],
		["aws_cognito_user_pool_client.all", "user_pool_client", "writable_custom_attribute", "role"],
		["aws_cognito_user_pool_client.listed", "user_pool_client", "writable_custom_attribute", "role"],
		["aws_cognito_user_pool_client.elsewhere", "user_pool_client", "explicit_auth_flows", "USER_PASSWORD_AUTH"],
	}
}

test_identity_pools if {
	open := _apis_resource("aws_cognito_identity_pool.open", {"allow_unauthenticated_identities": true}, {})
	closed := _apis_resource("aws_cognito_identity_pool.closed", {}, {})
	unknown := _apis_unsettled_resource(
		"aws_cognito_identity_pool.unknown", {}, {},
		{"allow_unauthenticated_identities"}, set(),
	)
	views := terraform.api_views with terraform.resources as {open, closed, unknown}
	_apis_settings(views) == {
		["aws_cognito_identity_pool.open", "identity_pool", "allow_unauthenticated", "true"],
		["aws_cognito_identity_pool.closed", "identity_pool", "allow_unauthenticated", "false"],
	}
}
