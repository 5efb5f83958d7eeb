package faasguard.adapters.plan_test

import data.faasguard.adapters.plan

_image_change(name, after, after_unknown) := {
	"address": sprintf("aws_lambda_function.%s", [name]), "mode": "managed",
	"type": "aws_lambda_function", "name": name,
	"change": {"actions": ["create"], "after": after, "after_unknown": after_unknown},
}

_image_config(name, expression) := {
	"address": sprintf("aws_lambda_function.%s", [name]), "mode": "managed",
	"type": "aws_lambda_function", "name": name,
	"expressions": {"package_type": {"constant_value": "Image"}, "image_uri": expression},
}

# a tag on the planned repository's URL (unknown until apply), the digest of an image data source, and
# a repository without scanning
_deployment_plan := {
	"format_version": "1.2",
	"resource_changes": [
		_image_change("tag", {"package_type": "Image"}, {"image_uri": true}),
		_image_change("digest", {"package_type": "Image"}, {"image_uri": true}),
		{
			"address": "aws_ecr_repository.api", "mode": "managed", "type": "aws_ecr_repository", "name": "api",
			"change": {
				"actions": ["create"],
				"after": {"name": "api", "image_scanning_configuration": []},
				"after_unknown": {"image_scanning_configuration": []},
			},
		},
	],
	"configuration": {"root_module": {"resources": [
		_image_config("tag", {"references": ["aws_ecr_repository.api.repository_url", "aws_ecr_repository.api"]}),
		_image_config("digest", {"references": [
			"aws_ecr_repository.api.repository_url", "aws_ecr_repository.api",
			"data.aws_ecr_image.api.image_digest", "data.aws_ecr_image.api",
		]}),
		{"address": "aws_ecr_repository.api", "mode": "managed", "type": "aws_ecr_repository", "name": "api"},
	]}},
}

test_deployment_views_of_a_plan if {
	views := plan.deployment_views with input as _deployment_plan
	{[r.resource, r.value] | some r in views.function_settings} == {
		["aws_lambda_function.tag", "false"],
		["aws_lambda_function.digest", "true"],
	}
	{[r.resource, r.setting, r.value] | some r in views.store_settings} == {
		["aws_ecr_repository.api", "scan_on_push", "false"],
	}
}
