package faasguard.lib.cloudformation_cors_test

import data.faasguard.lib.cloudformation_cors as cors

_rest := {
	"Parameters": {"Origin": {"Type": "String", "Default": "'*'"}},
	"Resources": {
		"Api": {"Type": "AWS::ApiGateway::RestApi"},
		"Options": {"Type": "AWS::ApiGateway::Method", "Properties": {
			"RestApiId": {"Ref": "Api"},
			"Integration": {"IntegrationResponses": [{"ResponseParameters": {
				"method.response.header.Access-Control-Allow-Origin": {"Ref": "Origin"},
				"method.response.header.Access-Control-Allow-Headers": "'*'",
			}}]},
		}},
	},
}

test_a_mock_integration_response_origin_and_its_api if {
	cors.resource_views(_rest) == {
		{"resource": "Options", "kind": "rest_api", "setting": "cors_allow_origin", "value": "*", "functions": []},
		{"resource": "Options", "kind": "rest_api", "setting": "cors_api", "value": "Api", "functions": []},
	}
}

test_a_mapped_header_gives_no_origin if {
	doc := json.patch(_rest, [{
		"op": "replace",
		"path": concat("/", [
			"/Resources/Options/Properties/Integration/IntegrationResponses/0/ResponseParameters",
			"method.response.header.Access-Control-Allow-Origin",
		]),
		"value": "method.request.header.Origin",
	}])
	cors.resource_views(doc) == {{
		"resource": "Options", "kind": "rest_api", "setting": "cors_api",
		"value": "Api", "functions": [],
	}}
}

test_bucket_write_origins if {
	doc := {"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"CorsConfiguration": {"CorsRules": [
		{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]},
		{"AllowedOrigins": ["https://a"], "AllowedMethods": ["PUT"]},
	]}}}}}
	{[r.setting, r.value] | some r in cors.resource_views(doc)} == {
		["cors_allow_origin", "*"], ["cors_allow_origin", "https://a"], ["cors_allow_method", "GET"],
		["cors_allow_method", "PUT"], ["cors_write_origin", "https://a"],
	}
}

test_sam_http_api_true_allows_any_origin if {
	doc := {"Resources": {"H": {"Type": "AWS::Serverless::HttpApi", "Properties": {"CorsConfiguration": true}}}}
	cors.sam_views(doc, {}, set()) == {
		{"resource": "H", "kind": "http_api", "setting": "cors_allow_origin", "value": "*", "functions": []},
		{"resource": "H", "kind": "http_api", "setting": "cors_api", "value": "H", "functions": []},
	}
}

test_sam_globals_of_the_implicit_api_at_the_functions if {
	doc := {"Globals": {"Api": {"Cors": "'*'"}}, "Resources": {"F": {"Type": "AWS::Serverless::Function"}}}
	operations := {{"resource": "F", "api": "ServerlessRestApi"}}
	cors.sam_views(doc, {"F": {}}, operations) == {
		{"resource": "F", "kind": "rest_api", "setting": "cors_allow_origin", "value": "*", "functions": ["F"]},
		{"resource": "F", "kind": "rest_api", "setting": "cors_api", "value": "ServerlessRestApi", "functions": ["F"]},
	}
}
