package faasguard.lib.api_monitoring_test

import data.faasguard.model

_logs := "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders"

# [resource, setting, value] of the stage monitoring records among api_settings records
_ours(records) := {[s.resource, s.setting, s.value] |
	some s in records
	s.kind == "stage"
	s.setting in {"access_log", "execution_logging", "metrics", "tracing"}
}

_rest(resource, level, metrics, tracing) := {
	[resource, "execution_logging", level],
	[resource, "metrics", metrics],
	[resource, "tracing", tracing],
}

test_cloudformation_stages if {
	doc := {"Resources": {
		"Prod": {"Type": "AWS::ApiGateway::Stage", "Properties": {
			"RestApiId": "a", "StageName": "prod", "TracingEnabled": true,
			"AccessLogSetting": {"DestinationArn": {"Fn::GetAtt": ["Logs", "Arn"]}},
			"MethodSettings": [
				{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "info", "MetricsEnabled": "true"},
				{"HttpMethod": "GET", "ResourcePath": "/~1a", "LoggingLevel": "OFF"},
			],
		}},
		"V1": {"Type": "AWS::ApiGateway::Deployment", "Properties": {
			"RestApiId": "a", "StageName": "v1",
			"StageDescription": {"LoggingLevel": "ERROR"},
		}},
		"Plain": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "a"}},
		"Http": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"ApiId": "b", "StageName": "$default"}},
		"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {}},
	}}
	found1 := model.api_settings with input as doc
	access := {["Prod", "access_log", "set"], ["V1", "access_log", "absent"], ["Http", "access_log", "absent"]}
	_ours(found1) == (access | _rest("Prod", "INFO", "true", "true")) | _rest("V1", "ERROR", "false", "false")
}

test_cloudformation_unsettled_destination_has_alternatives if {
	doc := {
		"Parameters": {"Stage": {"Type": "String"}},
		"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
		"Resources": {"Http": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
			"ApiId": "b", "StageName": "$default",
			"AccessLogSettings": {"Fn::If": ["Prod", {"DestinationArn": _logs}, {"Ref": "AWS::NoValue"}]},
		}}},
	}
	records := {s | some s in model.api_settings with input as doc; s.setting == "access_log"}
	{[s.value, s.choices] | some s in records} == {["set", 2], ["absent", 2]}
}

test_sam_implicit_and_declared_apis if {
	doc := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Api": {"TracingEnabled": true}},
		"Resources": {
			"List": {"Type": "AWS::Serverless::Function", "Properties": {
				"Runtime": "python3.12", "Handler": "a.b", "CodeUri": ".",
				"Events": {"Get": {"Type": "Api", "Properties": {"Path": "/a", "Method": "get"}}},
			}},
			"Webhooks": {"Type": "AWS::Serverless::HttpApi", "Properties": {"AccessLogSettings": {"DestinationArn": _logs}}},
		},
	}
	found2 := model.api_settings with input as doc
	_ours(found2) == {["List", "access_log", "absent"], ["Webhooks", "access_log", "set"]} | _rest(
		"List", "OFF", "false",
		"true",
	)
	{s.functions | some s in model.api_settings with input as doc; s.resource == "List"; s.kind == "stage"} == {["List"]}
}

_service(provider) := {
	"service": "orders",
	"provider": object.union({"name": "aws"}, provider),
	"functions": {"list": {"handler": "h.h", "events": [{"http": {"path": "a", "method": "get"}}]}},
	"custom": {"level": "error"},
}

test_serverless_defaults if {
	found3 := model.api_settings with input as _service({})
	_ours(found3) == {["provider", "access_log", "absent"]} | _rest("provider", "OFF", "false", "false")
}

test_serverless_rest_logs if {
	on := _service({"logs": {"restApi": true}, "apiGateway": {"metrics": true}, "tracing": {"apiGateway": true}})
	found4 := model.api_settings with input as on
	_ours(found4) == {["provider", "access_log", "set"]} | _rest("provider", "INFO", "true", "true")
	level := _service({"logs": {"restApi": {"level": "${self:custom.level}", "accessLogging": false}}})
	found5 := model.api_settings with input as level
	_ours(found5) == {["provider", "access_log", "absent"]} | _rest("provider", "ERROR", "false", "false")
	off := _service({"logs": {"restApi": {"executionLogging": false}}})
	found6 := model.api_settings with input as off
	["provider", "execution_logging", "OFF"] in _ours(found6)
	unresolved := _service({"logs": {"restApi": "${ssm:/orders/logs}"}})
	found7 := model.api_settings with input as unresolved
	_ours(found7) == {["provider", "metrics", "false"], ["provider", "tracing", "false"]}
}

test_terraform_stages_and_method_settings if {
	doc := {"resource": {
		"aws_api_gateway_stage": {
			"prod": [{
				"rest_api_id": "a", "deployment_id": "d", "stage_name": "prod", "xray_tracing_enabled": true,
				"access_log_settings": [{"destination_arn": "${aws_cloudwatch_log_group.api.arn}"}],
			}],
			"staging": [{"rest_api_id": "a", "deployment_id": "d", "stage_name": "staging"}],
		},
		"aws_api_gateway_method_settings": {
			"prod": [{
				"rest_api_id": "a", "stage_name": "${aws_api_gateway_stage.prod.stage_name}", "method_path": "*/*",
				"settings": [{"logging_level": "error", "metrics_enabled": true}],
			}],
			"staging": [{
				"rest_api_id": "a", "stage_name": "staging", "method_path": "*/*",
				"settings": [{"metrics_enabled": true}],
			}],
		},
		"aws_apigatewayv2_stage": {"default": [{"api_id": "b", "name": "$default"}]},
		"aws_cloudwatch_log_group": {"api": [{"name": "/aws/apigateway/orders"}]},
	}}
	found8 := model.api_settings with input as doc
	_ours(found8) == ({
		["aws_api_gateway_stage.prod", "access_log", "set"],
		["aws_api_gateway_stage.staging", "access_log", "absent"],
		["aws_apigatewayv2_stage.default", "access_log", "absent"],
	} | _rest("aws_api_gateway_stage.prod", "ERROR", "true", "true")) | _rest(
		"aws_api_gateway_stage.staging", "OFF",
		"true", "false",
	)
}

test_terraform_stage_only_deployment_settles if {
	doc := {"resource": {
		"aws_api_gateway_stage": {"prod": [{"rest_api_id": "a", "deployment_id": "d", "stage_name": "prod"}]},
		"aws_api_gateway_method_settings": {"all": [{
			"rest_api_id": "a", "stage_name": "${var.stage}", "method_path": "*/*",
			"settings": [{"logging_level": "INFO"}],
		}]},
	}}
	found9 := model.api_settings with input as doc
	prod := "aws_api_gateway_stage.prod"
	_ours(found9) == {[prod, "access_log", "absent"], [prod, "tracing", "false"]}
}

_change(type, name, after, after_unknown) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

_config(type, name, expressions) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"expressions": expressions,
}

# a plan: the destination is a log group still to be created (known after apply, but written); the method
# settings reference the stage
test_plan_stages_and_method_settings if {
	stage := "aws_api_gateway_stage.prod"
	doc := {
		"format_version": "1.2",
		"resource_changes": [
			_change(
				"aws_api_gateway_stage", "prod",
				{"stage_name": "prod", "access_log_settings": [{"format": "$context.requestId"}]},
				{"access_log_settings": [{"destination_arn": true}], "rest_api_id": true},
			),
			_change(
				"aws_api_gateway_method_settings", "all",
				{"stage_name": "prod", "method_path": "*/*", "settings": [{"logging_level": "INFO"}]},
				{"rest_api_id": true},
			),
		],
		"configuration": {"root_module": {"resources": [
			_config("aws_api_gateway_stage", "prod", {
				"stage_name": {"constant_value": "prod"},
				"access_log_settings": [{"destination_arn": {"references": ["aws_cloudwatch_log_group.api.arn"]}}],
			}),
			_config("aws_api_gateway_method_settings", "all", {
				"stage_name": {"references": ["aws_api_gateway_stage.prod.stage_name", "aws_api_gateway_stage.prod"]},
				"method_path": {"constant_value": "*/*"},
			}),
		]}},
	}
	found := model.api_settings with input as doc
	_ours(found) == {[stage, "access_log", "set"]} | _rest(stage, "INFO", "false", "false")
}
