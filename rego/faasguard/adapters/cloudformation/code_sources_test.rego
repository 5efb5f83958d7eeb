package faasguard.adapters.cloudformation_test

import data.faasguard.adapters.cloudformation

_cs_template := {"Resources": {
	"Config": {"Type": "AWS::Lambda::CodeSigningConfig", "Properties": {}},
	"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
		"Code": {"ZipFile": "x"},
		"CodeSigningConfigArn": {"Fn::GetAtt": ["Config", "CodeSigningConfigArn"]},
		"Layers": ["arn:aws:lambda:us-east-1:${AWS::AccountId}:layer:x:1"],
	}},
	"Permission": {
		"Type": "AWS::Lambda::LayerVersionPermission",
		"Properties": {"Principal": "*", "OrganizationId": "o-a1b2c3d4e5"},
	},
}}

test_cloudformation_code_sources if {
	records := {[r.resource, r.setting, r.value, r.functions] |
		some r in cloudformation.function_settings
		r.setting in _cs_settings
	} with input as _cs_template
	records == {
		["Fn", "code_signing_config", "Config", ["Fn"]],
		["Config", "untrusted_artifact_on_deployment", "Warn", ["Fn"]],
		["Fn", "layer", "own_account", ["Fn"]],
		["Permission", "layer_principal", "*", []],
		["Permission", "layer_organization_id", "o-a1b2c3d4e5", []],
	}
}

_cs_settings := {
	"code_signing_config", "untrusted_artifact_on_deployment", "layer",
	"layer_principal", "layer_organization_id",
}
