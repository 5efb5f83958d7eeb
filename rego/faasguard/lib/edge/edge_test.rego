package faasguard.lib.edge_test

import data.faasguard.lib.edge

_acl := "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4"

_association(arn) := {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": arn, "WebACLArn": _acl}}

_doc := {
	"Parameters": {"Next": {"Type": "String", "Default": "v2"}, "Other": {"Type": "String"}},
	"Resources": {
		"Edge": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "edge"}},
		"Regional": {"Type": "AWS::ApiGateway::RestApi", "Properties": {
			"EndpointConfiguration": {"Types": ["regional"]},
			"Body": {"swagger": "2.0", "schemes": ["HTTP", "https"]},
		}},
		"Prod": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Edge"}, "StageName": "prod"}},
		"Next": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
			"RestApiId": {"Ref": "Edge"},
			"StageName": {"Ref": "Next"},
		}},
		"Live": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "Regional", "StageName": "live"}},
		"ProdAcl": _association({"Fn::Sub": [
			"arn:aws:apigateway:${AWS::Region}::/restapis/${A}/stages/${S}",
			{"A": {"Ref": "Edge"}, "S": {"Ref": "Prod"}},
		]}),
		"NextAcl": _association({"Fn::Join": ["", [
			{"Fn::Sub": "arn:aws:apigateway:${AWS::Region}::/restapis/"},
			{"Ref": "Edge"}, "/stages/", {"Ref": "Next"},
		]]}),
		"OtherAcl": _association("arn:aws:apigateway:us-east-1::/restapis/${Regional}/stages/${Other}"),
		"Legacy": {"Type": "AWS::ApiGateway::DomainName", "Properties": {"DomainName": "a.example.com"}},
		"Events": {"Type": "AWS::ApiGatewayV2::DomainName", "Properties": {"DomainName": "b.example.com"}},
	},
}

_row(r) := [r.resource, r.setting, r.value]

test_resource_settings if {
	{_row(r) | some r in edge.resource_views(_doc).api_settings} == {
		["Prod", "endpoint_type", "EDGE"], ["Next", "endpoint_type", "EDGE"],
		["Live", "endpoint_type", "REGIONAL"],
		["Prod", "waf", "ProdAcl"], ["Next", "waf", "NextAcl"],
		["Legacy", "tls_policy", "TLS_1_0"], ["Events", "tls_policy", "TLS_1_2"],
		["Regional", "openapi_scheme", "http"], ["Regional", "openapi_scheme", "https"],
	}
}

test_stage_targets if {
	edge.stage_target(_doc, {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Api.Stage}"}) == [
		"Api",
		"${Api.Stage}",
	]
	edge.stage_target(_doc, "arn:aws:apigateway:us-east-1::/restapis/${ServerlessRestApi}/stages/Prod") == [
		"ServerlessRestApi",
		"Prod",
	]
	not edge.stage_target(_doc, {"Ref": "LoadBalancer"})
	not edge.stage_target(_doc, "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod")
}

_implicit_arn := concat("", [
	"arn:aws:apigateway:${AWS::Region}::/restapis/${ServerlessRestApi}",
	"/stages/${ServerlessRestApiProdStage}",
])

_sam := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {"Api": {"Domain": {"DomainName": "api.example.com", "CertificateArn": "arn"}}},
	"Resources": {
		"Orders": {"Type": "AWS::Serverless::Api", "Properties": {
			"StageName": "v1",
			"EndpointConfiguration": {"Type": "PRIVATE"},
		}},
		"ImplicitAcl": _association({"Fn::Sub": _implicit_arn}),
	},
}

test_sam_settings if {
	operations := {{"resource": "Fn", "api": "ServerlessRestApi"}}
	{[r.resource, r.setting, r.value, r.functions] | some r in edge.sam_views(_sam, operations).api_settings} == {
		["Orders", "endpoint_type", "PRIVATE", []], ["Orders", "waf", "absent", []],
		["Fn", "endpoint_type", "EDGE", ["Fn"]], ["Fn", "waf", "ImplicitAcl", ["Fn"]],
		["Orders", "tls_policy", "TLS_1_0", []], ["Fn", "tls_policy", "TLS_1_0", ["Fn"]],
	}
}
