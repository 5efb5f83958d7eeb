package faasguard.adapters.sam_test

import data.faasguard.adapters.sam

_cs_powertools := "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79"

_cs_template := {
	"Transform": "AWS::Serverless-2016-10-31",
	"Globals": {"Function": {"Runtime": "python3.12", "Layers": [_cs_powertools]}},
	"Resources": {
		"Common": {"Type": "AWS::Serverless::LayerVersion", "Properties": {"ContentUri": "layers/"}},
		"Config": {
			"Type": "AWS::Lambda::CodeSigningConfig",
			"Properties": {"CodeSigningPolicies": {"UntrustedArtifactOnDeployment": "Enforce"}},
		},
		"Own": {"Type": "AWS::Serverless::Function", "Properties": {
			"Handler": "a.h", "CodeUri": "src/", "Layers": [{"Ref": "Common"}],
			"CodeSigningConfigArn": {"Ref": "Config"},
		}},
		"Plain": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ZipFile": "x"}, "Layers": ["Common"]}},
	},
}

test_sam_code_sources if {
	records := {[r.resource, r.setting, r.value, r.functions] |
		some r in sam.function_settings
		r.setting in {"code_signing_config", "untrusted_artifact_on_deployment", "layer"}
	} with input as _cs_template
	records == {
		["Own", "code_signing_config", "Config", ["Own"]],
		["Plain", "code_signing_config", "absent", ["Plain"]],
		["Config", "untrusted_artifact_on_deployment", "Enforce", ["Own"]],
		["Own", "layer", _cs_powertools, ["Own"]],
		["Own", "layer", "document", ["Own"]],
		["Plain", "layer", "document", ["Plain"]],
	}
}
