package faasguard.adapters.cloudformation_test

import data.faasguard.adapters.cloudformation

_api_template := {"Resources": {
	"Method": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "GET"}},
	"Open": {"Type": "AWS::Lambda::Permission", "Properties": {"Principal": "*"}},
	"Authorizer": {"Type": "AWS::ApiGatewayV2::Authorizer", "Properties": {"AuthorizerType": "REQUEST"}},
	"Guests": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": true}},
}}

test_the_api_views_of_a_api_template if {
	cloudformation.api_operations == {{
		"resource": "Method", "api": "", "kind": "rest", "method": "GET", "path": "",
		"authorization": "NONE", "api_key_required": false, "functions": [],
	}} with input as _api_template
	cloudformation.lambda_permissions == {{
		"resource": "Open", "principal": "*", "constrained": false,
		"function_url_auth_type": "", "functions": [],
		"source_arn": false, "source_account": false,
	}} with input as _api_template
	cloudformation.authorizers == {{
		"resource": "Authorizer", "name": "Authorizer", "kind": "REQUEST",
		"attached": false, "jwt_issuer": "", "jwt_audiences": [],
	}} with input as _api_template
	cloudformation.cognito == {{
		"resource": "Guests", "kind": "identity_pool",
		"setting": "allow_unauthenticated", "value": "true",
	}} with input as _api_template
}

test_nothing_for_a_sam_api_template if {
	sam_template := object.union(_api_template, {"Transform": "AWS::Serverless-2016-10-31"})
	count(cloudformation.api_operations) == 0 with input as sam_template
}
