package faasguard.lib.cloudformation_exposure_test

import data.faasguard.lib.cloudformation_exposure as exposure

_doc := {"Resources": {
	"Rest": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Policy": {"Statement": [{
		"Effect": "Allow", "Principal": "*",
		"Action": "execute-api:Invoke",
	}]}}},
	"Map": {"Type": "AWS::ApiGateway::BasePathMapping", "Properties": {"RestApiId": {"Ref": "Rest"}}},
	"Ws": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {
		"ProtocolType": "WEBSOCKET",
		"DisableExecuteApiEndpoint": true,
	}},
	"WsStage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
		"DefaultRouteSettings": {"DataTraceEnabled": "TRUE"},
		"RouteSettings": {"$connect": {"DataTraceEnabled": false}},
	}},
	"Deployment": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"StageDescription": {
		"MethodSettings": [{"DataTraceEnabled": true}],
	}}},
	"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"LoggingConfiguration": {"Level": "error"}}},
}}

_row(r) := [r.resource, r.kind, r.setting, r.value]

test_resource_settings if {
	{_row(r) | some r in exposure.resource_views(_doc).api_settings} == {
		["Rest", "rest_api", "default_endpoint", "enabled"],
		["Rest", "rest_api", "custom_domain", "Map"],
		["Ws", "websocket_api", "default_endpoint", "disabled"],
		["WsStage", "stage", "data_trace", "true"],
		["WsStage", "stage", "data_trace", "false"],
		["Deployment", "stage", "data_trace", "true"],
		["Machine", "state_machine", "include_execution_data", "false"],
		["Machine", "state_machine", "log_level", "ERROR"],
	}
}

test_rest_api_policy if {
	policies := exposure.resource_views(_doc).source_policies
	rows := {[p.resource, p.target, p.effect, p.public, p.constrained] | some p in policies}
	rows == {["Rest", "Rest", "Allow", true, false]}
}

_sam := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {"Api": {"MethodSettings": [{"DataTraceEnabled": true}]}},
	"Resources": {
		"Api": {"Type": "AWS::Serverless::Api", "Properties": {
			"Domain": {"DomainName": "api.example.com"},
			"Auth": {"ResourcePolicy": {"SourceVpcWhitelist": ["vpce-1"], "AwsAccountBlacklist": ["1"]}},
		}},
		"Machine": {"Type": "AWS::Serverless::StateMachine", "Properties": {"Logging": {"IncludeExecutionData": true}}},
	},
}

test_sam_settings if {
	{_row(r) | some r in exposure.sam_views(_sam).api_settings} == {
		["Api", "rest_api", "default_endpoint", "enabled"],
		["Api", "rest_api", "custom_domain", "api.example.com"],
		["Api", "stage", "data_trace", "true"],
		["Machine", "state_machine", "include_execution_data", "true"],
		["Machine", "state_machine", "log_level", "OFF"],
	}
}

test_sam_resource_policy if {
	{[p.effect, p.public, p.constrained] | some p in exposure.sam_views(_sam).source_policies} == {
		["Allow", true, false], ["Deny", true, true], ["Deny", false, false],
	}
}

test_unknown_values_give_no_record if {
	members := exposure.members({}, {"DataTraceEnabled": {"Ref": "AWS::Region"}}, ["DataTraceEnabled"], "false", "flag")
	exposure.records("S", "stage", "data_trace", members) == set()
}
