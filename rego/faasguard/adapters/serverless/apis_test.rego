package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_apis_pool_arn := "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Ab12Cd34E"

_apis_issuer := "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E"

_apis_service(events, provider) := {
	"service": "shop",
	"provider": object.union({"name": "aws", "runtime": "nodejs20.x"}, provider),
	"functions": {"auth": {"handler": "auth.handler"}, "api": {"handler": "api.handler", "events": events}},
	"custom": {"pool": _apis_pool_arn},
}

_apis_http_api := {"httpApi": {"authorizers": {
	"jwtAuth": {"issuerUrl": _apis_issuer, "audience": ["client-1"]},
	"lambdaAuth": {"type": "request", "functionName": "auth"},
}}}

_apis_operation(kind, method, path, authorization, key) := {
	"resource": "api", "api": {"rest": "ApiGatewayRestApi", "http": "HttpApi", "websocket": "WebsocketsApi"}[kind],
	"kind": kind, "method": method, "path": path, "authorization": authorization,
	"api_key_required": key, "functions": ["api"],
}

_apis_authorizer(resource, name, kind, attached, issuer, audiences) := {
	"resource": resource, "name": name, "kind": kind, "attached": attached,
	"jwt_issuer": issuer, "jwt_audiences": audiences,
}

test_rest_events if {
	events := [
		{"http": "GET /orders/"},
		{"http": {"method": "post", "path": "orders", "private": true}},
		{"http": {"method": "get", "path": "/orders/{id}", "authorizer": "${self:custom.pool}"}},
		{"http": {"method": "delete", "path": "/orders/{id}", "authorizer": {"name": "auth", "type": "request"}}},
		{"http": {"method": "put", "path": "/orders/{id}", "authorizer": "aws_iam"}},
		{"http": {"method": "patch", "path": "/x", "authorizer": "${env:A}"}},
		{"schedule": "rate(1 hour)"},
		"${self:custom.pool}",
	]
	serverless.api_operations == {
		_apis_operation("rest", "GET", "/orders", "NONE", false),
		_apis_operation("rest", "POST", "/orders", "NONE", true),
		_apis_operation("rest", "GET", "/orders/{id}", "COGNITO_USER_POOLS", false),
		_apis_operation("rest", "DELETE", "/orders/{id}", "CUSTOM", false),
		_apis_operation("rest", "PUT", "/orders/{id}", "AWS_IAM", false),
	} with input as _apis_service(events, {})
	serverless.authorizers == {
		_apis_authorizer("api", _apis_pool_arn, "COGNITO_USER_POOLS", true, "", []),
		_apis_authorizer("api", "auth", "REQUEST", true, "", []),
	} with input as _apis_service(events, {})
}

test_http_api_events_and_their_authorizers if {
	events := [
		{"httpApi": "*"},
		{"httpApi": {"method": "get", "path": "/a", "authorizer": "jwtAuth"}},
		{"httpApi": {"method": "post", "path": "/a", "authorizer": {"type": "aws_iam"}}},
		{"httpApi": "${env:ROUTE}"},
	]
	doc := _apis_service(events, _apis_http_api)
	serverless.api_operations == {
		_apis_operation("http", "ANY", "$default", "NONE", false),
		_apis_operation("http", "GET", "/a", "JWT", false),
		_apis_operation("http", "POST", "/a", "AWS_IAM", false),
	} with input as doc

	# an httpApi event only deployment settles may name lambdaAuth: its attachment is unknown
	jwt := _apis_authorizer("provider", "jwtAuth", "JWT", true, _apis_issuer, ["client-1"])
	serverless.authorizers == {jwt} with input as doc
}

test_an_authorizer_no_event_names_is_not_attached if {
	event := {"httpApi": {"method": "get", "path": "/a", "authorizer": {"name": "lambdaAuth"}}}
	doc := _apis_service([event], _apis_http_api)
	serverless.authorizers == {
		_apis_authorizer("provider", "jwtAuth", "JWT", false, _apis_issuer, ["client-1"]),
		_apis_authorizer("provider", "lambdaAuth", "REQUEST", true, "", []),
	} with input as doc
}

test_attachment_is_unknown_when_an_event_may_name_the_authorizer if {
	every events in [
		["${env:EVENT}"],
		"${env:EVENTS}",
		[{"httpApi": {"method": "get", "path": "/a", "authorizer": "${env:A}"}}],
	] {
		count(serverless.authorizers) == 0 with input as _apis_service(events, _apis_http_api)
	}
}

test_declared_authorizers_only_deployment_settles if {
	doc := _apis_service([{"httpApi": "GET /a"}], {"httpApi": {"authorizers": {"a": "${env:A}", "b": null}}})
	count(serverless.authorizers) == 0 with input as doc
	count(serverless.authorizers) == 0 with input as _apis_service([], {"httpApi": {"authorizers": "${env:A}"}})
}

test_websocket_events if {
	events := [
		{"websocket": "$disconnect"},
		{"websocket": {"route": "$connect", "authorizer": "auth"}},
		{"websocket": {"route": "$connect", "authorizer": {"Ref": "Authorizer"}}},
		{"websocket": {"route": "${env:R}"}},
	]
	serverless.api_operations == {
		_apis_operation("websocket", "", "$disconnect", "NONE", false),
		_apis_operation("websocket", "", "$connect", "CUSTOM", false),
	} with input as _apis_service(events, {})
	serverless.authorizers == {_apis_authorizer("api", "auth", "REQUEST", true, "", [])} with input as _apis_service(
		events,
		{},
	)
}

test_no_views_for_other_documents if {
	count(serverless.api_operations) == 0 with input as {"Resources": {}}
	count(serverless.authorizers) == 0 with input as {"Resources": {}}
}

_apis_embedded(events) := {
	"service": "shop",
	"provider": {"name": "aws"},
	"functions": {"create-order": {"handler": "h.create", "events": events}},
	"resources": {"Resources": {
		"PublicPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
			"Action": "lambda:InvokeFunction",
			"FunctionName": {"Fn::GetAtt": ["CreateDashorderLambdaFunction", "Arn"]},
			"Principal": "*",
		}},
		"SharedAuthorizer": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {
			"Type": "COGNITO_USER_POOLS", "RestApiId": {"Ref": "ApiGatewayRestApi"},
		}},
		"Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": true}},
	}},
}

test_embedded_resources_are_read_as_in_a_template if {
	doc := _apis_embedded([])
	{[p.resource, p.principal, p.functions] | some p in serverless.lambda_permissions} == {[
		"PublicPermission", "*",
		["create-order"],
	]} with input as doc
	{[c.resource, c.setting, c.value] | some c in serverless.cognito} == {[
		"Pool", "allow_unauthenticated",
		"true",
	]} with input as doc
	{[a.resource, a.attached] | some a in serverless.authorizers} == {["SharedAuthorizer", false]} with input as doc
}

test_an_authorizer_events_name_is_attached if {
	references := [{"Ref": "SharedAuthorizer"}, {"Fn::GetAtt": ["SharedAuthorizer", "Arn"]}, "SharedAuthorizer.Arn"]
	every authorizer_id in references {
		event := {"http": {"method": "get", "path": "/a", "authorizer": {
			"type": "COGNITO_USER_POOLS",
			"authorizerId": authorizer_id,
		}}}
		{[a.resource, a.attached] | some a in serverless.authorizers} == {[
			"SharedAuthorizer",
			true,
		]} with input as _apis_embedded([event])
	}
}

test_an_unknown_or_empty_reference_names_nothing if {
	every authorizer_id in [{"Fn::ImportValue": "x"}, {"Fn::GetAtt": []}, "${env:ID}"] {
		event := {"http": {"method": "get", "path": "/a", "authorizer": {
			"type": "COGNITO_USER_POOLS",
			"authorizerId": authorizer_id,
		}}}
		{[a.resource, a.attached] | some a in serverless.authorizers} == {[
			"SharedAuthorizer",
			false,
		]} with input as _apis_embedded([event])
	}
}

_apis_health_uri := concat("", [
	"arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/",
	"${HealthLambdaFunction.Arn}/invocations",
])

test_embedded_api_gateway_methods_are_operations if {
	doc := {
		"service": "shop",
		"provider": {"name": "aws"},
		"functions": {"health": {"handler": "h.health"}},
		"resources": {"Resources": {"HealthMethod": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"HttpMethod": "GET",
			"RestApiId": {"Ref": "ApiGatewayRestApi"},
			"ResourceId": {"Fn::GetAtt": ["ApiGatewayRestApi", "RootResourceId"]},
			"Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::Sub": _apis_health_uri}},
		}}}},
	}
	{[o.resource, o.method, o.path, o.authorization, o.functions] | some o in serverless.api_operations} == {[
		"HealthMethod", "GET", "/", "NONE",
		["health"],
	]} with input as doc
}
