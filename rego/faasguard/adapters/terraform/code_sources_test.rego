package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

_cs_powertools := "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79"

# the loader's document of a module: one-entry lists are written as their entry
_cs_module := {"resource": {
	"aws_lambda_code_signing_config": {"warn": [{"allowed_publishers": [{"signing_profile_version_arns": ["arn"]}]}]},
	"aws_lambda_layer_version": {"tools": [{"layer_name": "tools", "filename": "tools.zip"}]},
	"aws_lambda_layer_version_permission": {"public": [{
		"layer_name": "${aws_lambda_layer_version.tools.layer_arn}",
		"version_number": "${aws_lambda_layer_version.tools.version}",
		"statement_id": "public", "action": "lambda:GetLayerVersion", "principal": "*",
	}]},
	"aws_lambda_function": {
		"signed": [{
			"function_name": "signed", "role": "arn:aws:iam::123456789012:role/r", "filename": "f.zip",
			"code_signing_config_arn": "${aws_lambda_code_signing_config.warn.arn}",
			"layers": [
				"${aws_lambda_layer_version.tools.arn}",
				"arn:aws:lambda:us-east-1:${data.aws_caller_identity.current.account_id}:layer:shared:2",
				"${var.layer_arn}",
			],
		}],
		"unsigned": [{
			"function_name": "unsigned", "role": "arn:aws:iam::123456789012:role/r", "filename": "f.zip",
			"layers": _cs_powertools,
		}],
		"image": [{
			"function_name": "image", "role": "arn:aws:iam::123456789012:role/r", "package_type": "Image",
			"image_uri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/i@sha256:abc",
		}],
	},
}}

test_terraform_code_sources if {
	records := {[r.resource, r.setting, r.value, r.functions] |
		some r in terraform.code_source_views.function_settings
		r.setting in _cs_settings
	} with input as _cs_module
	signed := "aws_lambda_function.signed"
	unsigned := "aws_lambda_function.unsigned"
	records == {
		[signed, "code_signing_config", "aws_lambda_code_signing_config.warn", [signed]],
		[unsigned, "code_signing_config", "absent", [unsigned]],
		["aws_lambda_code_signing_config.warn", "untrusted_artifact_on_deployment", "Warn", [signed]],
		[signed, "layer", "document", [signed]],
		[signed, "layer", "own_account", [signed]],
		[unsigned, "layer", _cs_powertools, [unsigned]],
		["aws_lambda_layer_version_permission.public", "layer_principal", "*", []],
		["aws_lambda_layer_version_permission.public", "layer_organization_id", "absent", []],
	}
}

_cs_settings := {
	"code_signing_config", "untrusted_artifact_on_deployment", "layer",
	"layer_principal", "layer_organization_id",
}
