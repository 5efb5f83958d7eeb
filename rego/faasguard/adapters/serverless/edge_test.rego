package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_edge_acl := "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4"

_edge_service := {
	"service": "orders",
	"provider": {"name": "aws", "endpointType": "${self:custom.endpoint}"},
	"custom": {
		"endpoint": "regional", "policy": "tls_1_0",
		"customDomain": {"domainName": "api.example.com", "securityPolicy": "${self:custom.policy}"},
		"customDomains": [{"http": {"domainName": "h.example.com"}}],
	},
	"functions": {"a": {"handler": "h.a", "events": [{"http": "GET /"}]}},
	"resources": {"Resources": {"Acl": {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {
		"ResourceArn": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/dev"},
		"WebACLArn": _edge_acl,
	}}}},
}

_edge_rows(settings) := {[s.resource, s.setting, s.value] |
	some s in settings
	s.setting in {"endpoint_type", "waf", "tls_policy"}
}

test_edge_provider_settings if {
	settings := serverless.api_settings with input as _edge_service
	_edge_rows(settings) == {
		["provider", "endpoint_type", "REGIONAL"], ["provider", "waf", "Acl"],
		["provider", "tls_policy", "TLS_1_0"], ["provider", "tls_policy", "TLS_1_2"],
	}
}

_edge_plain := {
	"service": "orders",
	"provider": {"name": "aws"},
	"functions": {"a": {"handler": "h.a", "events": [{"http": "GET /"}]}},
}

test_edge_waf_plugin_and_missing_waf if {
	plugin := object.union(_edge_plain, {"custom": {"associateWaf": {"arn": _edge_acl}}})
	with_plugin := serverless.api_settings with input as plugin
	_edge_rows(with_plugin) == {["provider", "endpoint_type", "EDGE"], ["provider", "waf", "custom.associateWaf"]}
	without := serverless.api_settings with input as _edge_plain
	_edge_rows(without) == {["provider", "endpoint_type", "EDGE"], ["provider", "waf", "absent"]}
}

# the REST API of another stack: no endpoint type
test_edge_external_api if {
	external := object.union(_edge_plain, {"provider": {"name": "aws", "apiGateway": {"restApiId": "a1b2c3"}}})
	settings := serverless.api_settings with input as external
	{s | some s in _edge_rows(settings); s[1] == "endpoint_type"} == set()
}
