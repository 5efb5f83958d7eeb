package faasguard.adapters.sam_test

import data.faasguard.adapters.sam

_api_template := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {"Api": {"Auth": {"DefaultAuthorizer": "AWS_IAM"}}},
	"Resources": {
		"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
			"Get": {"Type": "Api", "Properties": {"Path": "/items", "Method": "get"}},
			"Post": {"Type": "Api", "Properties": {"Path": "/items", "Method": "post", "Auth": {"Authorizer": "NONE"}}},
		}}},
		"HttpApi": {"Type": "AWS::Serverless::HttpApi", "Properties": {"Auth": {"Authorizers": {"Jwt": {
			"JwtConfiguration": {"issuer": "https://login.example.com"},
		}}}}},
		"Method": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "GET", "AuthorizationType": "AWS_IAM"}},
		"Open": {"Type": "AWS::Lambda::Permission", "Properties": {"Principal": "*", "FunctionName": {"Ref": "Fn"}}},
		"Guests": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": false}},
		"Token": {"Type": "AWS::ApiGateway::Authorizer", "Properties": {"Name": "token"}},
	},
}

_api_op(resource, api, method, path, authorization) := {
	"resource": resource, "api": api, "kind": "rest", "method": method, "path": path,
	"authorization": authorization, "api_key_required": false, "functions": [resource],
}

test_events_and_resources_of_a_sam_api_template if {
	sam.api_operations == {
		_api_op("Fn", "ServerlessRestApi", "GET", "/items", "AWS_IAM"),
		_api_op("Fn", "ServerlessRestApi", "POST", "/items", "NONE"),
		object.union(_api_op("Method", "", "GET", "", "AWS_IAM"), {"functions": []}),
	} with input as _api_template
	sam.authorizers == {
		{
			"resource": "HttpApi", "name": "Jwt", "kind": "JWT", "attached": false,
			"jwt_issuer": "https://login.example.com", "jwt_audiences": [],
		},
		{"resource": "Token", "name": "token", "kind": "TOKEN", "attached": false, "jwt_issuer": "", "jwt_audiences": []},
	} with input as _api_template
	sam.lambda_permissions == {{
		"resource": "Open", "principal": "*", "constrained": false,
		"function_url_auth_type": "", "functions": ["Fn"],
		"source_arn": false, "source_account": false,
	}} with input as _api_template
	sam.cognito == {{
		"resource": "Guests", "kind": "identity_pool",
		"setting": "allow_unauthenticated", "value": "false",
	}} with input as _api_template
}

test_nothing_for_a_cloudformation_api_template if {
	count(sam.api_operations) == 0 with input as {"Resources": {"Method": _api_template.Resources.Method}}
}
