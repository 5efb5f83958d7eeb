package faasguard.adapters.serverless_test

import data.faasguard.adapters.serverless

_cs_insights := "arn:aws:lambda:eu-west-1:580247275435:layer:LambdaInsightsExtension:53"

_cs_service := {
	"service": "media",
	"custom": {"insights": _cs_insights},
	"provider": {"name": "aws", "layers": ["${self:custom.insights}", "${ssm:/shared/layer}"]},
	"layers": {"image_tools": {"path": "layers/image"}},
	"functions": {
		"resize": {"handler": "r.h", "layers": [
			{"Ref": "ImageUnderscoretoolsLambdaLayer"},
			{"Fn::Sub": "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:x:1"},
			"arn:aws:lambda:${aws:region}:${aws:accountId}:layer:y:2",
		]},
		"crop-image": {"handler": "c.h"},
		"render": {"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/render@sha256:abc"},
	},
	"resources": {
		"extensions": {"CropDashimageLambdaFunction": {"Properties": {
			"CodeSigningConfigArn": "arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-1",
		}}},
		"Resources": {
			"ResizeLambdaFunction": {"Properties": {"CodeSigningConfigArn": {"Ref": "Config"}}},
			"Config": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {}},
			"Public": {"Type": "AWS::Lambda::LayerVersionPermission", "Properties": {"Principal": "*"}},
		},
	},
}

_cs_record(resource, setting, value, functions) := {
	"resource": resource, "kind": kind, "setting": setting,
	"value": value, "functions": functions,
} if {
	kind := {
		"code_signing_config": "function", "layer": "function",
		"untrusted_artifact_on_deployment": "code_signing_config",
		"layer_principal": "layer_permission", "layer_organization_id": "layer_permission",
	}[setting]
}

test_serverless_code_sources if {
	records := {r |
		some r in serverless.function_settings
		r.setting in _cs_settings
	} with input as _cs_service
	records == {
		_cs_record("resize", "code_signing_config", "Config", ["resize"]),
		_cs_record("crop-image", "code_signing_config", "external", ["crop-image"]),
		_cs_record("Config", "untrusted_artifact_on_deployment", "Warn", ["resize"]),
		_cs_record("resize", "layer", "document", ["resize"]),
		_cs_record("resize", "layer", "own_account", ["resize"]),
		_cs_record("provider", "layer", _cs_insights, ["crop-image"]),
		_cs_record("Public", "layer_principal", "*", []),
		_cs_record("Public", "layer_organization_id", "absent", []),
	}
}

_cs_settings := {
	"code_signing_config", "untrusted_artifact_on_deployment", "layer",
	"layer_principal", "layer_organization_id",
}
