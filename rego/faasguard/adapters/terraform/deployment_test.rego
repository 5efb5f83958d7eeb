package faasguard.adapters.terraform_test

import data.faasguard.adapters.terraform

_deployment_module := {"resource": {
	"aws_ecr_repository": {"api": [{"name": "api", "image_scanning_configuration": [{"scan_on_push": true}]}]},
	"aws_ecr_registry_scanning_configuration": {"registry": [{
		"scan_type": "BASIC",
		"rule": [{"scan_frequency": "SCAN_ON_PUSH", "repository_filter": [{"filter": "*", "filter_type": "WILDCARD"}]}],
	}]},
	"aws_lambda_function": {
		"tag": [{
			"function_name": "tag", "package_type": "Image",
			"image_uri": "${aws_ecr_repository.api.repository_url}:v1",
		}],
		"digest": [{
			"function_name": "digest", "package_type": "Image",
			"image_uri": "${aws_ecr_repository.api.repository_url}@${data.aws_ecr_image.api.image_digest}",
		}],
		"known": [{"function_name": "known", "package_type": "Image", "image_uri": "r.dkr.ecr.eu-west-1.amazonaws.com/k:1"}],
		"variable": [{"function_name": "variable", "package_type": "Image", "image_uri": "${var.image}"}],
	},
	"aws_lambda_runtime_management_config": {"tag": [{
		"function_name": "${aws_lambda_function.tag.function_name}",
		"update_runtime_on": "Manual",
	}]},
}}

test_deployment_views_of_a_module if {
	views := terraform.deployment_views with input as _deployment_module
	{[r.resource, r.setting, r.value, r.functions] | some r in views.function_settings} == {
		["aws_lambda_function.tag", "image_uri_digest", "false", ["aws_lambda_function.tag"]],
		["aws_lambda_function.digest", "image_uri_digest", "true", ["aws_lambda_function.digest"]],
		["aws_lambda_function.known", "image_uri_digest", "false", ["aws_lambda_function.known"]],
		["aws_lambda_runtime_management_config.tag", "update_runtime_on", "MANUAL", ["aws_lambda_function.tag"]],
	}
	{[r.resource, r.value] | some r in views.store_settings} == {
		["aws_ecr_repository.api", "true"],
		["aws_ecr_registry_scanning_configuration.registry", "true"],
	}
}
