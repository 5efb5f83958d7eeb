package faasguard.lib.cloudformation_apis_test

import data.faasguard.lib.cloudformation_apis as apis

_uri := {"Fn::Sub": concat("", [
	"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/",
	"${Fn.Arn}/invocations",
])}

_template := {
	"Parameters": {"Auth": {"Type": "String", "Default": "aws_iam"}, "Unset": {"Type": "String"}},
	"Conditions": {"East": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}},
	"Resources": {
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}},
		"Orders": {"Type": "AWS::ApiGateway::Resource", "Properties": {
			"ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
			"PathPart": "orders",
		}},
		"Order": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "Orders"}, "PathPart": "{id}"}},
		"Pool": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"Type": "COGNITO_USER_POOLS", "Name": "pool"}},
		"Token": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {}},
		"List": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Orders"}, "HttpMethod": "get",
			"AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": {"Ref": "Pool"},
			"Integration": {"Uri": _uri},
		}},
		"Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"RestApiId": {"Ref": "Api"}, "ResourceId": {"Ref": "Order"}, "HttpMethod": "GET",
			"ApiKeyRequired": "true",
		}},
		"Put": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": "Api.RootResourceId"}, "HttpMethod": "PUT",
			"AuthorizationType": {"Fn::If": ["East", "NONE", {"Ref": "Auth"}]},
		}},
		"Unknown": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"RestApiId": {"Ref": "Api"}, "HttpMethod": "DELETE", "AuthorizationType": {"Ref": "Unset"},
		}},
		"Http": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {
			"ProtocolType": "HTTP",
			"Target": {"Fn::GetAtt": ["Fn", "Arn"]},
		}},
		"Integration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"IntegrationUri": {"Ref": "Fn"}}},
		"Jwt": {"Type": "AWS::ApiGatewayV2::Authorizer", "Properties": {
			"AuthorizerType": "JWT", "Name": "jwt",
			"JwtConfiguration": {"Issuer": {"Fn::Sub": "https://${AWS::Region}.example.com"}, "Audience": ["app", ""]},
		}},
		"Route": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {
			"ApiId": {"Ref": "Http"}, "RouteKey": "POST /orders", "AuthorizationType": "JWT",
			"AuthorizerId": {"Ref": "Jwt"}, "Target": {"Fn::Join": ["/", ["integrations", {"Ref": "Integration"}]]},
		}},
		"Connect": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": "elsewhere", "RouteKey": "$connect"}},
		"Custom": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": "elsewhere", "RouteKey": "ping"}},
		"Open": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": {"Ref": "Fn"}, "Principal": "*"}},
		"Org": {"Type": "AWS::Lambda::Permission", "Properties": {"Principal": {"AWS": "*"}, "PrincipalOrgID": "o-abc"}},
		"Url": {"Type": "AWS::Lambda::Permission", "Properties": {"Principal": "*", "FunctionUrlAuthType": "none"}},
		"ViaUrl": {"Type": "AWS::Lambda::Permission", "Properties": {"Principal": "*", "InvokedViaFunctionUrl": true}},
		"Maybe": {"Type": "AWS::Lambda::Permission", "Properties": {
			"Principal": "*",
			"SourceAccount": {"Fn::If": ["East", "123456789012", {"Ref": "AWS::NoValue"}]},
		}},
	},
}

_views := apis.resource_views(_template, apis.no_host)

_op(resource, method, path, authorization, functions) := {
	"resource": resource, "api": "Api", "kind": "rest", "method": method, "path": path,
	"authorization": authorization, "api_key_required": false, "functions": functions,
}

test_rest_methods_with_their_paths_and_alternatives if {
	_op("List", "GET", "/orders", "COGNITO_USER_POOLS", ["Fn"]) in _views.api_operations
	object.union(_op("Get", "GET", "/orders/{id}", "NONE", []), {"api_key_required": true}) in _views.api_operations
	alternatives := {r | some r in _views.api_operations; r.resource == "Put"}
	{[r.authorization, r.choices] | some r in alternatives} == {["NONE", 2], ["AWS_IAM", 2]}
	not _resource_has_operation("Unknown")
}

_resource_has_operation(id) if {
	some r in _views.api_operations
	r.resource == id
}

test_routes_and_quick_create if {
	{
		"resource": "Route", "api": "Http", "kind": "http", "method": "POST", "path": "/orders",
		"authorization": "JWT", "api_key_required": false, "functions": ["Fn"],
	} in _views.api_operations
	{
		"resource": "Http", "api": "Http", "kind": "http", "method": "ANY", "path": "$default",
		"authorization": "NONE", "api_key_required": false, "functions": ["Fn"],
	} in _views.api_operations
	{
		"resource": "Connect", "api": "", "kind": "websocket", "method": "", "path": "$connect",
		"authorization": "NONE", "api_key_required": false, "functions": [],
	} in _views.api_operations
	not _resource_has_operation("Custom")
}

test_authorizers if {
	_views.authorizers == {
		{
			"resource": "Pool", "name": "pool", "kind": "COGNITO_USER_POOLS", "attached": true,
			"jwt_issuer": "", "jwt_audiences": [],
		},
		{"resource": "Token", "name": "Token", "kind": "TOKEN", "attached": false, "jwt_issuer": "", "jwt_audiences": []},
		{
			"resource": "Jwt", "name": "jwt", "kind": "JWT", "attached": true,
			"jwt_issuer": apis.set_at_deployment, "jwt_audiences": ["app"],
		},
	}
}

test_permissions if {
	_views.lambda_permissions == {
		{
			"resource": "Open", "principal": "*", "constrained": false, "function_url_auth_type": "",
			"functions": ["Fn"], "source_arn": false, "source_account": false,
		},
		{
			"resource": "Org", "principal": "*", "constrained": true, "function_url_auth_type": "",
			"functions": [], "source_arn": false, "source_account": false,
		},
		{
			"resource": "Url", "principal": "*", "constrained": false, "function_url_auth_type": "NONE",
			"functions": [], "source_arn": false, "source_account": false,
		},
		{
			"resource": "ViaUrl", "principal": "*", "constrained": false, "function_url_auth_type": "NONE",
			"functions": [], "source_arn": false, "source_account": false,
		},
	}
}

test_host_functions_and_attached_authorizers if {
	host := {"functions": {"Fn": "fn"}, "attached": ["Token"]}
	views := apis.resource_views(_template, host)
	{
		"resource": "Open", "principal": "*", "constrained": false,
		"function_url_auth_type": "", "functions": ["Fn", "fn"],
		"source_arn": false, "source_account": false,
	} in views.lambda_permissions
	some token in views.authorizers
	token.resource == "Token"
	token.attached
}

_cognito_template := {
	"Parameters": {"Mfa": {"Type": "String"}},
	"Resources": {
		"Default": {"Type": "AWS::Cognito::UserPool", "Properties": {"Schema": [
			{"Name": "email"},
			{"Name": "custom:role"},
			{"Name": "tier", "Mutable": false},
			{"Name": "plan", "Mutable": "TRUE"},
		]}},
		"Strict": {"Type": "AWS::Cognito::UserPool", "Properties": {
			"MfaConfiguration": {"Ref": "Mfa"},
			"Policies": {"PasswordPolicy": {"MinimumLength": 16, "RequireLowercase": true, "RequireNumbers": "false"}},
		}},
		"All": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Default"}}},
		"Listed": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {
			"UserPoolId": {"Ref": "Default"},
			"WriteAttributes": ["custom:plan", "custom:tier", "email"],
			"ExplicitAuthFlows": ["admin_no_srp_auth"],
		}},
		"Guests": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": "True"}},
	},
}

_setting(resource, kind, setting, value) := {"resource": resource, "kind": kind, "setting": setting, "value": value}

test_cognito_settings_with_aws_defaults if {
	apis.resource_views(_cognito_template, apis.no_host).cognito == {
		_setting("Default", "user_pool", "password_minimum_length", "8"),
		_setting("Default", "user_pool", "password_requires", ""),
		_setting("Default", "user_pool", "mfa", "OFF"),
		_setting("Strict", "user_pool", "password_minimum_length", "16"),
		_setting("Strict", "user_pool", "password_requires", "uppercase, numbers, symbols"),
		_setting("All", "user_pool_client", "writable_custom_attribute", "role"),
		_setting("All", "user_pool_client", "writable_custom_attribute", "plan"),
		_setting("Listed", "user_pool_client", "writable_custom_attribute", "plan"),
		_setting("Listed", "user_pool_client", "explicit_auth_flows", "ADMIN_NO_SRP_AUTH"),
		_setting("Guests", "identity_pool", "allow_unauthenticated", "true"),
	}
}

test_reading_helpers if {
	apis.set_string(_template, {"Ref": "AWS::NoValue"}) == ""
	apis.set_string(_template, {"Fn::If": ["East", "a", "b"]}) == apis.set_at_deployment
	apis.set_strings(_template, {"Fn::Split": [",", "a,b"]}) == [apis.set_at_deployment]
	apis.set_strings(_template, null) == []
	apis.route_call("http", "$default") == ["ANY", "$default"]
	apis.route_call("http", "get /a b") == ["GET", "/a b"]
	apis.route_call("websocket", "$connect") == ["", "$connect"]
	apis.ids(_template, {"Fn::Sub": "${Fn}/${Api.RootResourceId}"}, {"AWS::Lambda::Function"}) == {"Fn"}
}
