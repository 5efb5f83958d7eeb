package faasguard.lib.cloudformation_apis_test

import data.faasguard.lib.cloudformation_apis as apis
import data.faasguard.lib.sam

_integration := {"x-amazon-apigateway-integration": {"uri": {"Fn::Sub": "${Fn.Arn}"}}}

_sam_template := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {
		"Api": {"Auth": {"ApiKeyRequired": true, "AddApiKeyRequiredToCorsPreflight": false}},
		"HttpApi": {"Auth": {"EnableIamAuthorizer": true}},
	},
	"Resources": {
		"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
			"Implicit": {"Type": "Api", "Properties": {"Path": "/implicit", "Method": "any"}},
			"Preflight": {"Type": "Api", "Properties": {"Path": "/implicit", "Method": "options"}},
			"Keyless": {"Type": "Api", "Properties": {
				"RestApiId": {"Ref": "Rest"}, "Path": "/keyless", "Method": "get",
				"Auth": {"ApiKeyRequired": false, "Authorizer": "Lambda"},
			}},
			"Default": {"Type": "Api", "Properties": {"RestApiId": {"Ref": "Rest"}, "Path": "/default", "Method": "get"}},
			"Cors": {"Type": "Api", "Properties": {"RestApiId": {"Ref": "Rest"}, "Path": "/default", "Method": "options"}},
			"Unknown": {"Type": "Api", "Properties": {"RestApiId": {"Ref": "Rest"}, "Path": "/x", "Method": "get", "Auth": {
				"Authorizer": {"Ref": "Name"},
			}}},
			"Http": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "Http"}, "Path": "/http", "Method": "get"}},
			"HttpIam": {"Type": "HttpApi", "Properties": {"Auth": {"Authorizer": "AWS_IAM"}}},
			"Other": {"Type": "Schedule"},
		}}},
		"Rest": {"Type": "AWS::Serverless::Api", "Properties": {
			"Auth": {
				"DefaultAuthorizer": "Pool",
				"AddDefaultAuthorizerToCorsPreflight": false,
				"Authorizers": {
					"Pool": {"UserPoolArn": "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/x"},
					"Lambda": {"FunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}, "FunctionPayloadType": "request"},
					"Unused": {"FunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}},
					"Odd": {"Identity": {}},
				},
			},
			"DefinitionBody": {
				"swagger": "2.0",
				"securityDefinitions": {"own": {"type": "apiKey", "x-amazon-apigateway-authtype": "awsSigv4"}},
				"paths": {
					"/body": {
						"get": object.union(_integration, {"security": []}),
						"put": object.union(_integration, {"security": [{"Lambda": []}]}),
						"post": object.union(_integration, {"security": [{"own": []}]}),
						"options": {},
					},
					"/broken": {"get": {"security": {"Fn::If": []}}},
				},
			},
		}},
		"Http": {"Type": "AWS::Serverless::HttpApi", "IgnoreGlobals": ["Auth"], "Properties": {
			"Auth": {"DefaultAuthorizer": "Jwt", "Authorizers": {
				"Jwt": {"JwtConfiguration": {"issuer": "https://login.example.com", "audience": ["app"]}},
				"Lambda": {"FunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}},
			}},
			"DefinitionBody": {"openapi": "3.0.1", "paths": {
				"/open": {"get": object.union(_integration, {"security": [{"Lambda": []}]})},
				"/nothing": {"get": {}},
				"/defaulted": {"get": _integration},
			}},
		}},
		"Ignored": {"Type": "AWS::Serverless::Api", "IgnoreGlobals": "*", "Properties": {"DefinitionUri": "api.yaml"}},
	},
}

_sam_views := apis.sam_views(_sam_template, sam.functions(_sam_template))

_calls(resource) := {[r.api, r.kind, r.method, r.path, r.authorization, r.api_key_required] |
	some r in _sam_views.api_operations
	r.resource == resource
}

test_events_take_the_api_defaults if {
	_calls("Fn") == {
		["ServerlessRestApi", "rest", "ANY", "/implicit", "NONE", true],
		["ServerlessRestApi", "rest", "OPTIONS", "/implicit", "NONE", false],
		["Rest", "rest", "GET", "/keyless", "CUSTOM", false],
		["Rest", "rest", "GET", "/default", "COGNITO_USER_POOLS", true],
		["Rest", "rest", "OPTIONS", "/default", "NONE", false],
		["Http", "http", "GET", "/http", "JWT", false],
		["ServerlessHttpApi", "http", "ANY", "$default", "AWS_IAM", false],
	}
}

# Globals.Api.Auth.ApiKeyRequired is merged into the API's Auth; POST /body's own IAM scheme beside the
# default authorizer SAM adds is two kinds (unknown), like GET /broken's unreadable security
test_definition_bodies_as_sam_rewrites_them if {
	_calls("Rest") == {
		["Rest", "rest", "GET", "/body", "COGNITO_USER_POOLS", true],
		["Rest", "rest", "PUT", "/body", "CUSTOM", true],
		["Rest", "rest", "OPTIONS", "/body", "NONE", false],
	}
	_calls("Http") == {
		["Http", "http", "GET", "/open", "CUSTOM", false],
		["Http", "http", "GET", "/nothing", "NONE", false],
		["Http", "http", "GET", "/defaulted", "JWT", false],
	}
}

test_sam_authorizers if {
	{[a.resource, a.name, a.kind, a.attached] | some a in _sam_views.authorizers} == {
		["Rest", "Pool", "COGNITO_USER_POOLS", true],
		["Rest", "Lambda", "REQUEST", true],
		["Rest", "Unused", "TOKEN", false],
		["Rest", "Odd", "", false],
		["Http", "Jwt", "JWT", true],
		["Http", "Lambda", "REQUEST", true],
	}
	some jwt in _sam_views.authorizers
	jwt.name == "Jwt"
	[jwt.jwt_issuer, jwt.jwt_audiences] == ["https://login.example.com", ["app"]]
}
