package faasguard.lib.terraform_test

import data.faasguard.lib.terraform

_edge_resource(type, name, values, refs, unknown_paths) := {
	"address": sprintf("%s.%s", [type, name]), "type": type, "key": sprintf("%s.%s", [type, name]),
	"scope": "", "values": values, "unknown": set(), "refs": refs, "unknown_paths": unknown_paths,
}

_edge_resources := [
	_edge_resource("aws_api_gateway_rest_api", "edge", {"body": `{"swagger": "2.0", "schemes": ["HTTP"]}`}, {}, set()),
	_edge_resource("aws_api_gateway_rest_api", "private", {"endpoint_configuration": [{"types": "PRIVATE"}]}, {}, set()),
	_edge_resource("aws_api_gateway_stage", "edge", {}, {"rest_api_id": ["aws_api_gateway_rest_api.edge"]}, set()),
	_edge_resource("aws_api_gateway_stage", "private", {}, {"rest_api_id": ["aws_api_gateway_rest_api.private"]}, set()),
	_edge_resource(
		"aws_wafv2_web_acl_association", "edge", {},
		{"resource_arn": ["aws_api_gateway_stage.edge"]}, {["resource_arn"]},
	),
	_edge_resource("aws_api_gateway_domain_name", "legacy", {}, {}, set()),
	_edge_resource("aws_api_gateway_domain_name", "chosen", {}, {}, {["security_policy"]}),
	_edge_resource(
		"aws_apigatewayv2_domain_name", "events",
		{"domain_name_configuration": [{"security_policy": "TLS_1_2"}]}, {}, set(),
	),
]

test_edge_settings if {
	views := terraform.edge_views with terraform.resources as _edge_resources
	{[r.resource, r.setting, r.value] | some r in views.api_settings} == {
		["aws_api_gateway_stage.edge", "endpoint_type", "EDGE"],
		["aws_api_gateway_stage.private", "endpoint_type", "PRIVATE"],
		["aws_api_gateway_stage.edge", "waf", "aws_wafv2_web_acl_association.edge"],
		["aws_api_gateway_stage.private", "waf", "absent"],
		["aws_api_gateway_domain_name.legacy", "tls_policy", "TLS_1_0"],
		["aws_apigatewayv2_domain_name.events", "tls_policy", "TLS_1_2"],
		["aws_api_gateway_rest_api.edge", "openapi_scheme", "http"],
	}
}

# an association whose resource_arn references no resource may name any stage: no absent record
test_edge_unsettled_association if {
	resources := array.concat(_edge_resources, [_edge_resource(
		"aws_wafv2_web_acl_association", "shared", {},
		{"resource_arn": ["var.stage_arn"]}, {["resource_arn"]},
	)])
	views := terraform.edge_views with terraform.resources as resources
	{[r.resource, r.value] | some r in views.api_settings; r.setting == "waf"} == {
		["aws_api_gateway_stage.edge", "aws_wafv2_web_acl_association.edge"],
	}
}
